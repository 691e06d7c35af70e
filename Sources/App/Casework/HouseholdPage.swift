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
        /// Where the event's versions are shown.
        var historyPath: String
        /// The person says it is wrong (a rectification request) and its partner has not yet corrected it.
        var disputed: Bool = false
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
    /// "Name is also known to partner X": encoded matches of the members the viewer may see,
    /// of partners whose agreement flows let the viewer be told.
    var alsoKnownTo: [String] = []
}

/// Filters on the timeline, from the query string.
struct TimelineFilter: Content {
    var partner: String?
    var category: String?
    var from: String?
    var to: String?

    /// The items the filter admits, for both the person and household
    /// timelines; the period's dates are read once, not per item.
    func apply<Item>(_ items: [Item], partner partnerOf: (Item) -> String, category categoryOf: (Item) -> String,
                     occurredOn dayOf: (Item) -> String) -> [Item] {
        let start = from.flatMap(CalendarDate.init(parsing:))?.description
        let end = to.flatMap(CalendarDate.init(parsing:))?.description
        return items.filter { item in
            (partner.map { $0.isEmpty || $0 == partnerOf(item) } ?? true)
                && (category.map { $0.isEmpty || $0 == categoryOf(item) } ?? true)
                && (start.map { dayOf(item) >= $0 } ?? true)
                && (end.map { dayOf(item) <= $0 } ?? true)
        }
    }
}

/// Builds the household page for one request.
struct HouseholdPageBuilder {
    let req: Request

    /// The page's content, and its timeline rows already rendered as HTML.
    func build(_ id: UUID, filter: TimelineFilter) async throws -> (page: HouseholdPage, timelineRows: String)? {
        guard let (holdings, seq) = try await req.application.householdHoldings.holdings(of: id, in: try req.sql()) else { return nil }
        let household = holdings.household
        let people = household.members.map(\.person)
        let names = holdings.partnerNames

        // One decision per member over everything held about them.
        let decisions = try await req.decideAccess(to: holdings.heldItems, resource: "household-page")
        let permitted = decisions.mapValues { $0.decisions.map(\.isPermitted) }
        func visible(_ person: UUID, _ index: Int) -> Bool {
            guard let flags = permitted[person], flags.indices.contains(index) else { return false }
            return flags[index]
        }
        let members = household.members.map { member in
            let identityVisible = (0..<(holdings.recordHolders[member.person]?.count ?? 0)).contains { visible(member.person, $0) }
            return HouseholdPage.Member(personID: member.person, name: identityVisible ? member.name : "Name withheld",
                                        dateOfBirth: identityVisible ? member.dateOfBirth : nil, visible: identityVisible)
        }
        // Still newest first: the holdings are in that order.
        let visibleEvents = holdings.events.filter { visible($0.stored.personID, $0.itemIndex) }
        let visibleInvolvements = holdings.involvements.indices
            .filter { visible(holdings.involvements[$0].personID, holdings.involvementItemIndex[$0]) }.map { holdings.involvements[$0] }
        let memberName = Dictionary(uniqueKeysWithValues: members.map { ($0.personID, $0.name) })
        let today = CalendarDate.today(at: Date())

        // Needs and score from what this viewer may see.
        let facts = HouseholdFacts(
            householdID: id.uuidString, postcodeDistrict: household.postcode.flatMap(Postcode.init)?.district,
            members: household.members.map { .init(personID: $0.person.uuidString, dateOfBirth: $0.dateOfBirth.flatMap(CalendarDate.init(parsing:))) },
            events: visibleEvents.compactMap(\.fact))
        let caseFinding = try await req.application.casework.currentCaseFinding(try req.sql(), seq: seq)
        let needs = caseFinding.assess(facts, on: today)
        let score = caseFinding.score(needs)
        let team = TeamAroundTheFamily(householdID: id.uuidString, members: people.map(\.uuidString),
                                       involvements: visibleInvolvements.compactMap { CaseworkService.involvement($0, names: names) },
                                       on: today)

        let filtered = filter.apply(visibleEvents, partner: \.stored.event.partner, category: \.stored.event.dataCategory,
                                    occurredOn: \.stored.event.occurredOn)
        let chart = TimelineChart.svg(events: filtered.compactMap { held in
            guard let day = held.day, let category = held.dataCategory else { return nil }
            return (day, category)
        }, through: today)
        // A record the person disputes shows so to everyone who sees it, until corrected (Art 16 and 18(1)(a)).
        let disputed = Set(try await DisputeRepository(database: try req.sql()).open(about: people)
            .filter { $0.kind == .event }.map { "\($0.partner):\($0.recordID)" })
        func isDisputed(_ held: HouseholdHoldings.Event) -> Bool { disputed.contains("\(held.stored.event.partner):\(held.stored.event.recordID)") }
        let rows = filtered.map { held in
            (isDisputed(held) ? TimelineTable.disputed(held.row) : held.row).html(memberName: memberName[held.stored.personID] ?? "")
        }.joined()
        var page = HouseholdPage(
            householdID: id, members: members,
            timeline: filtered.map { held in
                var line = held.line
                line.memberName = memberName[held.stored.personID] ?? ""
                line.disputed = isDisputed(held)
                return line
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
            // In the members' order, not the dictionary's, so the same viewer always reads the same page.
            withheld: household.members.compactMap { decisions[$0.person]?.summary }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
            partners: Array(Set(visibleEvents.map(\.stored.event.partner))).sorted(),
            categories: Array(Set(visibleEvents.map(\.stored.event.dataCategory))).sorted())
        let known = try await req.knownToPartners(of: members.filter(\.visible).map(\.personID), resource: "household-page")
        page.alsoKnownTo = members.flatMap { member in
            (known[member.personID] ?? []).map { "\(member.name): \($0.line)" }
        }
        return (page, rows)
    }
}
