import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The facts behind the people-based reports (domestic abuse victims,
/// households and the partners that know them, MARAC cases, ASB case
/// reviews), read once per store change and held without names.
///
/// Use ``BoardFactsCache/current(_:)``. Contract: like the event aggregates,
/// the imported facts answer for the change-log number they were read at;
/// panel cases and case reviews (a few hundred rows, changed outside the
/// change log) are read afresh for every report.
struct BoardFacts: Sendable {
    var seq: Int
    var incidents: [VictimIncident]
    var households: [HouseholdPartners]
    var maracCases: [MaracReturnCase]
    var caseReviews: [CaseReviewFacts]
    /// Household members for the equality report.
    var people: [EqualityPerson] = []
    /// MARAC victims and the day their case was first heard: the evaluation cohort.
    var cohort: [CohortMember] = []

    static func read(_ sql: any SQLDatabase, seq: Int) async throws -> BoardFacts {
        let facts = AnalyticsFactsRepository(database: sql)
        let codes = Array(DataCategory.domesticAbuse.eventCodes).sorted()
        let incidents = try await facts.victimIncidents(categories: codes).compactMap { row -> VictimIncident? in
            guard let day = CalendarDate(parsing: row.day) else { return nil }
            return VictimIncident(victim: row.victim, day: day, area: row.postcode.flatMap(Postcode.init)?.sector ?? EventAtoms.unplaced)
        }
        var partnersOf: [UUID: Set<String>] = [:]
        var placeOf: [UUID: String] = [:]
        for record in try await facts.householdRecords() {
            partnersOf[record.household, default: []].insert(record.partner)
            if placeOf[record.household] == nil, let sector = record.postcode.flatMap(Postcode.init)?.sector { placeOf[record.household] = sector }
        }
        let households = partnersOf.map { HouseholdPartners(household: $0.key.uuidString, area: placeOf[$0.key] ?? EventAtoms.unplaced, partners: $0.value) }
        let today = CalendarDate.today(at: Date())
        var members: [UUID: EqualityPerson] = [:]
        for row in try await facts.householdPeople() {
            var person = members[row.person] ?? EqualityPerson(household: row.household.uuidString, area: "", sex: nil, age: nil, ethnicGroup: nil)
            person.sex = person.sex ?? row.sex.flatMap(Sex.init(rawValue:))
            if person.age == nil, let birth = row.dateOfBirth.flatMap(CalendarDate.init(parsing:)) { person.age = AgeBand.age(bornOn: birth, on: today) }
            person.ethnicGroup = person.ethnicGroup ?? row.ethnicity.flatMap(EthnicGroup.init(code:))
            if person.area.isEmpty, let district = row.postcode.flatMap(Postcode.init)?.district { person.area = district }
            members[row.person] = person
        }
        let people = members.values.map { person in
            var placed = person
            if placed.area.isEmpty { placed.area = CaseFindingCounts.unplaced }
            return placed
        }
        return BoardFacts(seq: seq, incidents: incidents, households: households, maracCases: [], caseReviews: [], people: people)
    }

    static func maracCases(_ sql: any SQLDatabase, facts: AnalyticsFactsRepository) async throws -> (cases: [MaracReturnCase], cohort: [CohortMember]) {
        let cases = try await MaracCaseRepository(database: sql).allCases().filter { $0.state != .returned }
        let hearings = try await facts.firstHearings()
        let people = try await facts.sexAndBirth(of: cases.flatMap { [$0.victim] + $0.perpetrators })
        let cohort = cases.compactMap { stored in
            hearings[stored.id].flatMap(CalendarDate.init(parsing:)).map { CohortMember(person: stored.victim.uuidString, startedOn: $0) }
        }
        return (cases.map { stored in
            let victim = people[stored.victim]
            let age = victim?.dateOfBirth.flatMap(CalendarDate.init(parsing:)).flatMap { AgeBand.age(bornOn: $0, on: stored.referredOn) }
            let youngPerpetrator = stored.perpetrators.contains { id in
                guard let birth = people[id]?.dateOfBirth.flatMap(CalendarDate.init(parsing:)),
                      let years = AgeBand.age(bornOn: birth, on: stored.referredOn) else { return false }
                return years <= 17
            }
            return MaracReturnCase(area: stored.areaSlug, referredOn: stored.referredOn,
                                   heardOn: hearings[stored.id].flatMap(CalendarDate.init(parsing:)),
                                   isRepeat: stored.routes.contains { if case .repeat = $0 { true } else { false } },
                                   referrer: stored.partner, children: stored.children.count,
                                   victimSex: victim?.sex.flatMap(Sex.init(rawValue:)), victimAge: age, perpetratorUnder18: youngPerpetrator,
                                   victimEthnicGroup: victim?.ethnicity.flatMap(EthnicGroup.init(code:)))
        }, cohort)
    }

    static func caseReviews(_ sql: any SQLDatabase) async throws -> [CaseReviewFacts] {
        try await ASBCaseReviewRepository(database: sql).all().compactMap { review in
            guard let received = CalendarDate(parsing: review.receivedOn) else { return nil }
            let recommendations = review.recommendations.map { !$0.allSatisfy(\.isWhitespace) } ?? false
            return CaseReviewFacts(receivedOn: received, thresholdMet: review.thresholdMet, reviewHeld: review.meetingOn != nil,
                                   hasRecommendations: recommendations)
        }
    }
}

/// Holds the latest ``BoardFacts``, re-read only when the store change log has moved on.
actor BoardFactsCache {
    private var facts: BoardFacts?

    func current(_ sql: any SQLDatabase) async throws -> BoardFacts {
        let latest = try await StoreChangeLog(database: sql).latest()
        var current: BoardFacts
        if let facts, facts.seq == latest {
            current = facts
        } else {
            current = try await BoardFacts.read(sql, seq: latest)
            facts = current
        }
        (current.maracCases, current.cohort) = try await BoardFacts.maracCases(sql, facts: AnalyticsFactsRepository(database: sql))
        current.caseReviews = try await BoardFacts.caseReviews(sql)
        return current
    }
}

extension Application {
    private struct BoardFactsKey: StorageKey { typealias Value = BoardFactsCache }

    var boardFacts: BoardFactsCache {
        if let existing = storage[BoardFactsKey.self] { return existing }
        let made = BoardFactsCache()
        storage[BoardFactsKey.self] = made
        return made
    }
}
