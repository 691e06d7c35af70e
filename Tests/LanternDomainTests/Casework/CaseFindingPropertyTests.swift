import LanternDomain
import PropertyBased
import Testing

/// Invariants of the score and the list over seeded random households.
@Suite struct CaseFindingPropertyTests {
    typealias F = CaseworkFixture

    @Test func theScoreIsNeverNegativeAndIsTheSumOfItsLines() async {
        await propertyCheck(input: Gen.uint64()) { seed in
            let score = F.caseFinding.entry(for: F.randomHousehold("h", seed: seed), on: F.today).score
            #expect(score.total >= 0)
            #expect(score.total == score.lines.reduce(0) { $0 + $1.points })
            #expect(score.lines.allSatisfy { $0.points >= 0 })
        }
    }

    @Test func addingAnIndicatingEventNeverLowersTheScore() async {
        await propertyCheck(input: Gen.uint64()) { seed in
            var random = SplitMix(seed: seed)
            let before = F.randomHousehold("h", seed: seed)
            var after = before
            // Events are random; keep drawing until one counts for some rule.
            for attempt in 0..<50 {
                let event = F.randomEvent("extra\(attempt)", members: before.members, random: &random)
                var trial = before
                trial.events.append(event)
                if Self.counts(event, in: trial) { after = trial; break }
            }
            let old = F.caseFinding.entry(for: before, on: F.today).score.total
            let new = F.caseFinding.entry(for: after, on: F.today).score.total
            #expect(new >= old)
        }
    }

    @Test func theRankingIsAStableTotalOrder() async {
        await propertyCheck(input: Gen.uint64()) { seed in
            var random = SplitMix(seed: seed)
            let households = (0..<30).map { F.randomHousehold("h\($0)", seed: seed &+ UInt64($0)) }
            let list = F.caseFinding.rankedList(households, on: F.today)
            var shuffled = households
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, random.next(below: index + 1)) }
            #expect(F.caseFinding.rankedList(shuffled, on: F.today) == list)
            for (a, b) in zip(list, list.dropFirst()) {
                #expect(CaseFindingEntry.ranksBefore(a, b))
                #expect(!CaseFindingEntry.ranksBefore(b, a))
                #expect(a.score.total >= b.score.total)
            }
            #expect(list.allSatisfy { !CaseFindingEntry.ranksBefore($0, $0) })
        }
    }

    @Test func aHouseholdWithALeadProfessionalNeverAppears() async {
        await propertyCheck(input: Gen.uint64()) { seed in
            let households = (0..<20).map { F.randomHousehold("h\($0)", seed: seed &+ UInt64($0)) }
            let led = Set(households.filter(\.hasLeadProfessional).map(\.householdID))
            for need in [nil] + FamilyNeed.allCases.map(Optional.some) {
                let list = F.caseFinding.rankedList(households, on: F.today, filter: .init(need: need))
                #expect(list.allSatisfy { !led.contains($0.householdID) })
            }
            let kept = CaseFindingList(caseFinding: F.caseFinding, households: households, on: F.today)
            #expect(kept.ranked().allSatisfy { !led.contains($0.householdID) })
        }
    }

    /// Whether `event` is among the evidence of some rule's finding in `facts`.
    static func counts(_ event: HouseholdEvent, in facts: HouseholdFacts) -> Bool {
        F.caseFinding.assess(facts, on: F.today).assessments.contains { assessment in
            assessment.findings.contains { $0.events.contains(event) }
        }
    }
}
