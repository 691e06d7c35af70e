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
/// the imported facts answer for the change-log number they were read at,
/// and follow imports of events in place (``update(_:_:to:)``);
/// panel cases and case reviews (a few hundred rows, changed outside the
/// change log) are read afresh for every report.
struct BoardFacts: Sendable {
    var seq: Int
    /// The change at which people, households and their members were last
    /// read: what the equality counts were made from is still what is held while it stays.
    var peopleSeq: Int
    /// Each victim's domestic abuse incidents, by victim key.
    var incidentsOf: [String: [VictimIncident]]
    var households: [HouseholdPartners]
    var maracCases: [MaracReturnCase]
    var caseReviews: [CaseReviewFacts]
    /// Household members for the equality report.
    var people: [EqualityPerson] = []
    /// MARAC victims and the day their case was first heard: the evaluation cohort.
    var cohort: [CohortMember] = []
    /// The counts made from these facts once, so that a report reads them
    /// instead of the incidents, households and people themselves.
    var counts = Counts()

    struct Counts: Sendable {
        /// Victims by window key: repeat victimisation over any window.
        var windowKeys: [RepeatVictimisation.WindowKey: Int] = [:]
        /// Each victim's incident days: the evaluation cohort's before and after.
        var incidentDays: [String: Set<Int>] = [:]
        /// Households by area and the partners that know them (at month 0; moved to the month asked for).
        var overlap = CountAtoms()
        /// Everyone in a household under each split (at month 0), and each household's people.
        var equalityPeople = CountAtoms()
        var membersOf: [String: [EqualityPerson]] = [:]

        init() {}

        init(incidentsOf: [String: [VictimIncident]], households: [HouseholdPartners], people: [EqualityPerson]) {
            for (_, own) in incidentsOf { for key in RepeatVictimisation.windowKeys(victim: own) { windowKeys[key, default: 0] += 1 } }
            incidentDays = incidentsOf.mapValues { Set($0.map(\.day.dayNumber)) }
            overlap = PartnerOverlap.atoms(households, asAt: 0)
            equalityPeople = EqualityCounts.peopleAtoms(people, asAt: 0)
            membersOf = Dictionary(grouping: people, by: \.household)
        }
    }

    static func read(_ sql: any SQLDatabase, seq: Int) async throws -> BoardFacts {
        let facts = AnalyticsFactsRepository(database: sql)
        let incidentsOf = Dictionary(grouping: incidents(try await facts.victimIncidents(categories: victimCategories)), by: \.victim)
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
        return BoardFacts(seq: seq, peopleSeq: seq, incidentsOf: incidentsOf, households: households, maracCases: [], caseReviews: [], people: people,
                          counts: Counts(incidentsOf: incidentsOf, households: households, people: people))
    }

    static let victimCategories = Array(DataCategory.domesticAbuse.eventCodes).sorted()

    static func incidents(_ rows: [(victim: String, day: String, postcode: String?)]) -> [VictimIncident] {
        rows.compactMap { row in
            CalendarDate(parsing: row.day).map { VictimIncident(victim: row.victim, day: $0, area: row.postcode.flatMap(Postcode.init)?.sector ?? EventAtoms.unplaced) }
        }
    }

    /// `held` brought up to `latest` when only imports of events came since:
    /// the incidents of the victims those events are about are re-read and
    /// their counts replaced, so the cost follows the import, not the store.
    /// Nil when anything else changed (people records, who is linked to whom,
    /// households, a disposal): then only a re-read is right.
    static func update(_ held: BoardFacts, _ sql: any SQLDatabase, to latest: Int) async throws -> BoardFacts? {
        var batches: [UUID] = []
        for change in try await StoreChangeLog(database: sql).changes(after: held.seq) {
            guard case .batch(let batch) = change.reach else { return nil }
            batches.append(batch)
        }
        if try await DisclosureAggregateRepository(database: sql).wroteRecords(batches: batches) { return nil }
        let facts = AnalyticsFactsRepository(database: sql)
        let records = try await facts.recordsTouched(batches: batches)
        let linked = try await facts.people(of: records)
        let unlinked = records.filter { linked[$0] == nil }
        let victims = Set(linked.values.map(\.uuidString)).union(unlinked.map { "\($0.partner):\($0.record)" })
        let rows = try await facts.victimIncidents(categories: victimCategories, people: Array(Set(linked.values)), unlinked: unlinked)
        let fresh = Dictionary(grouping: incidents(rows), by: \.victim)
        var updated = held
        updated.seq = latest
        for victim in victims { updated.replaceIncidents(of: victim, with: fresh[victim] ?? []) }
        return updated
    }

    /// One victim's incidents replaced, and their window keys and incident days with them.
    mutating func replaceIncidents(of victim: String, with new: [VictimIncident]) {
        for key in RepeatVictimisation.windowKeys(victim: incidentsOf[victim] ?? []) {
            counts.windowKeys[key, default: 0] -= 1
            if counts.windowKeys[key] == 0 { counts.windowKeys[key] = nil }
        }
        for key in RepeatVictimisation.windowKeys(victim: new) { counts.windowKeys[key, default: 0] += 1 }
        incidentsOf[victim] = new.isEmpty ? nil : new
        counts.incidentDays[victim] = new.isEmpty ? nil : Set(new.map(\.day.dayNumber))
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
    /// How the facts were last brought up to date, for tests and the bench.
    private(set) var lastUpdate: ReportAggregates.Update?

    func current(_ sql: any SQLDatabase) async throws -> BoardFacts {
        let latest = try await StoreChangeLog(database: sql).latest()
        var current: BoardFacts
        if let facts, facts.seq == latest {
            current = facts
        } else if let held = facts, let updated = try await BoardFacts.update(held, sql, to: latest) {
            current = updated
            facts = updated
            lastUpdate = .incremental
        } else {
            current = try await BoardFacts.read(sql, seq: latest)
            facts = current
            lastUpdate = .rebuilt
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
