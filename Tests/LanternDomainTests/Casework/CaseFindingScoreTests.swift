import Foundation
import LanternDomain
import Testing

/// Known answers for the score and the list: every point explained.
@Suite struct CaseFindingScoreTests {
    typealias F = CaseworkFixture

    static let family = F.household("h-da", members: [
        .init(personID: "mum", dateOfBirth: F.born(aged: 34)),
        .init(personID: "kid", dateOfBirth: F.born(aged: 9)),
    ], events: [
        F.event("da1", .domesticAbuse, .victim, person: "mum", on: F.daysAgo(12)),
        F.event("mh1", .mentalHealth, person: "mum", on: F.daysAgo(60), by: "North Essex NHS"),
        F.event("ra1", .rentArrears, person: "mum", on: F.daysAgo(100), by: "Harrowmere Homes"),
        F.event("ab1", .persistentAbsence, person: "kid", on: F.daysAgo(30), by: "St Mary's School"),
    ])

    @Test func theScoreExplainsItselfLineByLine() {
        let entry = F.caseFinding.entry(for: Self.family, on: F.today)
        #expect(entry.score.explanation == [
            "good education +1 (persistent absence record 30 days ago)",
            "mental and physical health +1 (mental health attendance 60 days ago)",
            "safe from domestic abuse +3 (domestic abuse incident 12 days ago)",
            "secure housing +2 (rent arrears case 100 days ago)",
            "financial stability +1 (rent arrears case 100 days ago)",
            "latest evidence 12 days ago +2",
            "known to 4 partners +2",
        ])
        #expect(entry.score.total == 12)
        #expect(entry.score.latestEvidenceOn == F.daysAgo(12))
        #expect(entry.score.ruleSetVersion == 1)
    }

    @Test func aHouseholdWithNothingIndicatedScoresZero() {
        let quiet = F.household(events: [F.event("w1", .violence, .witness, on: F.daysAgo(3))])
        let entry = F.caseFinding.entry(for: quiet, on: F.today)
        #expect(entry.score.total == 0)
        #expect(entry.score.lines.isEmpty)
        #expect(F.caseFinding.rankedList([quiet], on: F.today).isEmpty)
    }

    @Test func theListRanksExcludesAndFilters() {
        let supported = F.household("h-lead", lead: true, events: Self.family.events)
        let elsewhere = F.household("h-cm1", district: "CM1", events: [F.event("h1", .homelessness, on: F.daysAgo(1))])
        let twin = F.household("h-a", members: Self.family.members, events: Self.family.events)
        let all = [elsewhere, supported, Self.family, twin]
        #expect(F.caseFinding.rankedList(all, on: F.today).map(\.householdID) == ["h-a", "h-da", "h-cm1"])
        #expect(F.caseFinding.rankedList(all, on: F.today, filter: .init(district: "ss 14")).map(\.householdID)
            == ["h-a", "h-da"])
        #expect(F.caseFinding.rankedList(all, on: F.today, filter: .init(need: .secureHousing)).map(\.householdID)
            == ["h-a", "h-da", "h-cm1"])
        #expect(F.caseFinding.rankedList(all, on: F.today, filter: .init(need: .crime)).isEmpty)
        #expect(F.caseFinding.rankedList(all, on: F.today, filter: .init(minimumScore: 5)).map(\.householdID)
            == ["h-a", "h-da"])
    }

    @Test func theIncrementalListRecomputesOnlyWhatAnImportTouched() {
        let households = (0..<40).map { F.randomHousehold("h\($0)", seed: UInt64($0)) }
        var list = CaseFindingList(caseFinding: F.caseFinding, households: households, on: F.today)
        var current = households
        current[3].events.append(F.event("new", .domesticAbuse, person: current[3].members[0].personID, on: F.today))
        current[7].hasLeadProfessional.toggle()
        let changed = list.update([current[3], current[7], current[9]])
        #expect(Set(changed).isSubset(of: ["h3", "h7", "h9"]))
        #expect(changed.contains("h7"))
        list.remove(["h11"])
        current.remove(at: 11)
        #expect(list.count == 39)
        #expect(list.ranked() == F.caseFinding.rankedList(current, on: F.today))
        #expect(list.ranked(.init(district: "SS15")) == F.caseFinding.rankedList(current, on: F.today, filter: .init(district: "SS15")))
    }

    @Test func aReviewerDecidesWithAReason() throws {
        let entry = F.caseFinding.entry(for: Self.family, on: F.today)
        let decision = try ReviewDecision(about: entry, outcome: .referToEarlyHelp,
                                          reason: "DA and arrears; school worried", reviewer: "A. Analyst", decidedOn: F.today)
        #expect(decision.scoreSeen == 12)
        #expect(decision.ruleSetVersion == 1)
        let json = try JSONEncoder().encode(decision)
        #expect(try JSONDecoder().decode(ReviewDecision.self, from: json) == decision)
        #expect(throws: ReviewDecision.Problem.reasonMissing) {
            try ReviewDecision(about: entry, outcome: .noFurtherAction, reason: "  ", reviewer: "A. Analyst", decidedOn: F.today)
        }
        let blank = String(decoding: json, as: UTF8.self).replacingOccurrences(of: "A. Analyst", with: "")
        #expect(throws: ReviewDecision.Problem.reviewerMissing) {
            try JSONDecoder().decode(ReviewDecision.self, from: Data(blank.utf8))
        }
        #expect(ReviewDecision.Outcome.allCases.map(\.rawValue)
            == ["refer-to-early-help", "refer-to-social-care", "no-further-action", "already-supported"])
    }
}
