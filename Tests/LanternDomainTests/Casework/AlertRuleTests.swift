import Foundation
import LanternDomain
import Testing

/// Known answers for the standard alert rules.
@Suite struct AlertRuleTests {
    typealias F = CaseworkFixture
    static let rules = AlertRuleSet.standard

    static let family = F.household("h1", members: [
        .init(personID: "mum", dateOfBirth: F.born(aged: 33)),
        .init(personID: "kid", dateOfBirth: F.born(aged: 15)),
    ], events: [])

    static func facts(_ events: [HouseholdEvent], members: [HouseholdFacts.Member] = family.members) -> HouseholdFacts {
        F.household("h1", members: members, events: events)
    }

    @Test func aSecondMissingEpisodeIn90DaysForTheSameChildAlerts() throws {
        let before = Self.facts([F.event("m1", .missingEpisode, person: "kid", on: F.daysAgo(90))])
        let new = F.event("m2", .missingEpisode, person: "kid", on: F.today)
        let alerts = Self.rules.alerts(for: new, in: before)
        let alert = try #require(alerts.first)
        #expect(alerts.map(\.ruleID) == ["alert.repeat-missing"])
        #expect(alert.householdID == "h1")
        #expect(alert.personID == "kid")
        #expect(alert.events.map(\.eventID) == ["m2", "m1"])
        #expect(alert.message
            == "Missing episode on 2025-06-15 (Harrowmere Police): 2 missing episodes in 90 days for the same child")
    }

    @Test func aFirstEpisodeOrOneOutsideTheWindowDoesNotAlert() {
        let new = F.event("m2", .missingEpisode, person: "kid", on: F.today)
        #expect(Self.rules.alerts(for: new, in: Self.facts([])).isEmpty)
        let old = Self.facts([F.event("m1", .missingEpisode, person: "kid", on: F.daysAgo(91))])
        #expect(Self.rules.alerts(for: new, in: old).isEmpty)
    }

    @Test func anotherChildsEpisodeOrAnAdultsDoesNotCount() {
        let members = Self.family.members + [.init(personID: "sib", dateOfBirth: F.born(aged: 12))]
        let before = Self.facts([F.event("m1", .missingEpisode, person: "sib", on: F.daysAgo(5))], members: members)
        #expect(Self.rules.alerts(for: F.event("m2", .missingEpisode, person: "kid", on: F.today), in: before).isEmpty)
        let adults = Self.facts([F.event("m1", .missingEpisode, person: "mum", on: F.daysAgo(5))])
        #expect(Self.rules.alerts(for: F.event("m2", .missingEpisode, person: "mum", on: F.today), in: adults).isEmpty)
    }

    @Test func aLateArrivingEarlierEpisodeStillAlerts() {
        let before = Self.facts([F.event("m1", .missingEpisode, person: "kid", on: F.today)])
        let backdated = F.event("m0", .missingEpisode, person: "kid", on: F.daysAgo(30))
        #expect(Self.rules.alerts(for: backdated, in: before).map(\.ruleID) == ["alert.repeat-missing"])
    }

    @Test func theSameEventImportedTwiceDoesNotAlertAgain() {
        let first = F.event("m1", .missingEpisode, person: "kid", on: F.daysAgo(3))
        let again = F.event("m2", .missingEpisode, person: "kid", on: F.today)
        let before = Self.facts([first, again])
        #expect(Self.rules.alerts(for: again, in: before).isEmpty)
    }

    @Test func domesticAbuseWhereChildrenLiveAlerts() {
        let new = F.event("d1", .domesticAbuse, .victim, person: "mum", on: F.today)
        let alerts = Self.rules.alerts(for: new, in: Self.facts([]))
        #expect(alerts.map(\.ruleID) == ["alert.domestic-abuse-with-children"])
        #expect(alerts.first?.message
            == "Domestic abuse incident on 2025-06-15 (Harrowmere Police), in a household with a child under 18")
    }

    @Test func domesticAbuseWithoutChildrenUnder18OnTheDayDoesNot() {
        // The child turns 18 on 1 January 2025, before the incident.
        let grownUp: [HouseholdFacts.Member] = [.init(personID: "mum", dateOfBirth: F.born(aged: 45)),
                                                .init(personID: "kid", dateOfBirth: F.born(aged: 18)),
                                                .init(personID: "lodger")]
        let new = F.event("d1", .domesticAbuse, .victim, person: "mum", on: F.today)
        #expect(Self.rules.alerts(for: new, in: Self.facts([], members: grownUp)).isEmpty)
    }

    @Test func aRepeatVictimOfDomesticAbuseRaisesBothAlerts() {
        let members = Self.family.members + [.init(personID: "baby", dateOfBirth: F.born(aged: 0))]
        let before = Self.facts([F.event("d1", .domesticAbuse, .victim, person: "mum", on: F.daysAgo(200))], members: members)
        let new = F.event("d2", .domesticAbuse, .victim, person: "mum", on: F.today)
        let alerts = Self.rules.alerts(for: new, in: before)
        #expect(alerts.map(\.ruleID) == ["alert.domestic-abuse-with-children", "alert.repeat-domestic-abuse-victim"])
        #expect(alerts[0].message.hasSuffix("in a household with 2 children under 18"))
        #expect(alerts[1].message.hasSuffix("2 domestic abuse incidents in 365 days for the same person"))
        #expect(alerts[1].events.map(\.eventID) == ["d2", "d1"])
    }

    @Test func alertRuleSetsRoundTripAndValidate() throws {
        let json = try JSONEncoder().encode(AlertRuleSet.standard)
        #expect(try JSONDecoder().decode(AlertRuleSet.self, from: json) == .standard)
        #expect(AlertRuleSet.standard.problems().isEmpty)
        let bad = AlertRuleSet(version: 1, rules: [
            AlertRule(id: "a", categories: [], count: 0, withinDays: 0),
            AlertRule(id: "a", categories: [.arrest]),
        ])
        #expect(bad.problems().map(\.code) == [.noCategories, .windowNotPositive, .minimumCountNotPositive, .duplicateRuleID])
    }
}
