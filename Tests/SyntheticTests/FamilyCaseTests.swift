import Testing
@testable import Synthetic

/// The households linkage must not merge: twins and triplets, and sons with their
/// father's names. Ground truth keeps each as their own person.
@Suite struct FamilyCaseTests {
    static let households: [Household] = {
        let reference = SyntheticDate(year: 2025, month: 6, day: 30)!.dayNumber
        let builder = HouseholdBuilder(seed: 5, reference: reference, windowStart: reference - 3 * 365,
                                       gazetteer: Gazetteer(seed: 5, households: 6_000), previousSlotBase: 6_000)
        return (0..<6_000).map { index in
            var random = SeededGenerator(seed: 5, stream: UInt64(index))
            return builder.build(index: index, firstPerson: index * 8, maxPeople: 8, &random)
        }
    }()

    /// Pairs of children in one household born on the same day.
    static var twins: [(Member, Member)] {
        households.flatMap { household in
            let children = household.members.filter { !$0.parents.isEmpty }
            return children.indices.flatMap { x in
                children.indices.filter { $0 > x && children[$0].dob == children[x].dob }.map { (children[x], children[$0]) }
            }
        }
    }

    @Test func twinsAreCommonEnoughToMeasureAndNeverShareAName() {
        let pairs = Self.twins
        #expect(pairs.count >= 60, "about one family in twelve with two or more children has twins")
        for (a, b) in pairs where a.female == b.female {
            #expect(a.given != b.given)
            #expect(a.given != b.middle && a.middle != b.given)
        }
        #expect(pairs.contains { $0.0.female != $0.1.female }, "some twins are a girl and a boy")
    }

    @Test func someSonsHaveTheirFathersNames() {
        let named = Self.households.flatMap { household in
            household.members.filter { child in
                !child.female && child.parents.contains { household.members[$0].given == child.given
                    && !household.members[$0].female && household.members[$0].dob != child.dob }
            }
        }
        #expect(named.count >= 10)
    }
}
