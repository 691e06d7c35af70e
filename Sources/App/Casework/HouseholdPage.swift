import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// Everything the household page shows, decided item by item by the access
/// decision: what the viewer may not see is counted, not shown.
struct HouseholdPage: Content {
    struct Member: Codable {
        var personID: UUID
        var name: String
        var dateOfBirth: String?
        var visible: Bool
    }
    struct TimelineItem: Codable {
        var occurredOn: String
        var memberName: String
        var partnerName: String
        var category: String
        var dataCategory: String
        var role: String
        var summary: String?
        var isOpinion: Bool
        var opinionBasis: String?
        var version: Int
    }
    struct TeamLine: Codable {
        var memberName: String
        var service: String
        var workType: String
        var worker: String?
        var role: String?
        var since: String
        var contact: String?
        var lead: Bool
    }
    struct Need: Codable {
        var outcome: String
        var evidence: [String]
    }
    var householdID: UUID
    var members: [Member]
    var timeline: [TimelineItem]
    var chartSVG: String
    var team: [TeamLine]
    var teamNotes: [String]
    var needs: [Need]
    var score: Int
    var scoreLines: [String]
    var withheld: [String]
    var partners: [String]
    var categories: [String]
}

/// Filters on the timeline, from the query string.
struct TimelineFilter: Content {
    var partner: String?
    var category: String?
    var from: String?
    var to: String?
}

/// Builds the household page for one request.
struct HouseholdPageBuilder {
    let req: Request

    func build(_ id: UUID, filter: TimelineFilter) async throws -> HouseholdPage? {
        let sql = try req.sql()
        let repository = CaseworkRepository(database: sql)
        guard let household = try await repository.households([id]).first else { return nil }
        let people = household.members.map(\.person)
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let events = try await repository.events(about: people)
        let involvements = try await repository.involvements(with: people)
        var records: [UUID: [StoredSourceRecord]] = [:]
        for person in people { records[person] = try await PeopleRepository(database: sql).sourceRecords(of: person) }

        // One decision per member over everything held about them.
        var items: [UUID: [HeldItem]] = [:]
        for person in people {
            items[person] = (records[person] ?? []).map { HeldItem(heldBy: $0.partner, category: .identity) }
                + events.filter { $0.personID == person }.map { HeldItem(heldBy: $0.event.partner, category: DataCategory(rawValue: $0.event.dataCategory) ?? .crime) }
                + involvements.filter { $0.personID == person }.map { HeldItem(heldBy: $0.partner, category: .involvement) }
        }
        let decisions = try await req.decideAccess(to: items, resource: "household-page")
        func shown(_ person: UUID) -> Set<Int> { Set(decisions[person]?.visibleIndices ?? []) }
        var visibleEvents: [PersonEvent] = []
        var visibleInvolvements: [PersonInvolvement] = []
        var members: [HouseholdPage.Member] = []
        for member in household.members {
            let visible = shown(member.person)
            let recordCount = records[member.person]?.count ?? 0
            let theirEvents = events.filter { $0.personID == member.person }
            let theirInvolvements = involvements.filter { $0.personID == member.person }
            let identityVisible = (0..<recordCount).contains { visible.contains($0) }
            members.append(.init(personID: member.person, name: identityVisible ? member.name : "Name withheld",
                                 dateOfBirth: identityVisible ? member.dateOfBirth : nil, visible: identityVisible))
            visibleEvents += theirEvents.indices.filter { visible.contains(recordCount + $0) }.map { theirEvents[$0] }
            visibleInvolvements += theirInvolvements.indices.filter { visible.contains(recordCount + theirEvents.count + $0) }
                .map { theirInvolvements[$0] }
        }
        let memberName = Dictionary(uniqueKeysWithValues: members.map { ($0.personID, $0.name) })
        let today = CalendarDate.today(at: Date())

        // Needs and score from what this viewer may see.
        let facts = HouseholdFacts(
            householdID: id.uuidString, postcodeDistrict: household.postcode.flatMap(Postcode.init)?.district,
            members: household.members.map { .init(personID: $0.person.uuidString, dateOfBirth: $0.dateOfBirth.flatMap(CalendarDate.init(parsing:))) },
            events: visibleEvents.compactMap { held in
                guard let category = EventCategory(rawValue: held.event.category), let role = PersonRole(rawValue: held.event.role),
                      let day = CalendarDate(parsing: held.event.occurredOn) else { return nil }
                return HouseholdEvent(eventID: held.event.recordID, personID: held.personID.uuidString, category: category,
                                      role: role, occurredOn: day, partner: names[held.event.partner] ?? held.event.partner)
            })
        let caseFinding = req.application.casework.caseFinding
        let needs = caseFinding.assess(facts, on: today)
        let score = caseFinding.score(needs)
        let team = TeamAroundTheFamily(householdID: id.uuidString, members: people.map(\.uuidString),
                                       involvements: visibleInvolvements.compactMap { CaseworkService.involvement($0, names: names) },
                                       on: today)

        let filtered = visibleEvents.filter { held in
            (filter.partner.map { $0.isEmpty || $0 == held.event.partner } ?? true)
                && (filter.category.map { $0.isEmpty || $0 == held.event.dataCategory } ?? true)
                && (filter.from.flatMap(CalendarDate.init(parsing:)).map { held.event.occurredOn >= $0.description } ?? true)
                && (filter.to.flatMap(CalendarDate.init(parsing:)).map { held.event.occurredOn <= $0.description } ?? true)
        }
        let chart = TimelineChart.svg(events: filtered.compactMap { held in
            guard let day = CalendarDate(parsing: held.event.occurredOn), let category = DataCategory(rawValue: held.event.dataCategory)
            else { return nil }
            return (day, category)
        }, through: today)
        return HouseholdPage(
            householdID: id, members: members,
            timeline: filtered.map { held in
                .init(occurredOn: held.event.occurredOn, memberName: memberName[held.personID] ?? "",
                      partnerName: names[held.event.partner] ?? held.event.partner,
                      category: EventCategory(rawValue: held.event.category)?.label ?? held.event.category,
                      dataCategory: DataCategory(rawValue: held.event.dataCategory)?.label ?? held.event.dataCategory,
                      role: held.event.role, summary: held.event.summary, isOpinion: held.event.nature == "opinion",
                      opinionBasis: held.event.opinionBasis, version: held.event.version)
            },
            chartSVG: chart,
            team: team.involvements.map { involvement in
                let stored = visibleInvolvements.first { "\($0.partner):\($0.recordID)" == involvement.involvementID }
                return .init(memberName: memberName[UUID(uuidString: involvement.personID) ?? id] ?? "", service: involvement.service,
                             workType: involvement.workType.label, worker: involvement.workerName, role: stored?.workerRole,
                             since: involvement.startedOn.description, contact: stored?.contact, lead: involvement.isLeadProfessional)
            },
            teamNotes: team.explanation,
            needs: needs.assessments.filter(\.isIndicated).map { .init(outcome: $0.need.outcome, evidence: $0.evidence) },
            score: score.total, scoreLines: score.explanation,
            withheld: decisions.values.compactMap(\.summary).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
            partners: Array(Set(visibleEvents.map(\.event.partner))).sorted(),
            categories: Array(Set(visibleEvents.map(\.event.dataCategory))).sorted())
    }
}
