import Foundation
import PropertyBased
import Testing
@testable import Linkage

/// A child with the same name and date of birth at two homes moved with the family when the
/// parents' records are confidently linked between those same two homes; strangers who share
/// a name and birthday have no such family link and stay in review.
@Suite struct HouseholdMoveTests {
    static let autoLink = 5.0
    static let reviewBand = 3.0
    static let moved = ComparisonPattern(levels: [1, 1, 1, 1, 6, 0, 0, 0, 0, 2])
    static let twins = ComparisonPattern(levels: [6, 1, 1, 1, 6, 0, 0, 0, 0, 2])

    /// A name made of letters only (digits are stripped from names), distinct for each number.
    static func name(_ prefix: String, _ n: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return prefix + String(letters[n / 26 % 26]) + String(letters[n % 26])
    }

    struct World {
        var records: [LinkageRecord] = []
        var pairs: [ScoredPair] = []
        /// The child's pair across the two homes, per family; the strangers' pairs.
        var children: [ScoredPair] = []
        var strangers: [ScoredPair] = []
        var twinPairs: [ScoredPair] = []

        mutating func add(_ given: String, _ family: String, _ dob: String, _ home: Int) -> Int {
            records.append(Fixtures.record("r\(records.count)", given, family, dob: dob,
                                           address: "\(home % 90 + 1) Orchard Way", postcode: "HW\(home / 90 + 1) 1AA"))
            return records.count - 1
        }
    }

    /// `families` households of mother, father and child (plus a twin when `withTwins`), each
    /// recorded at an old home and a new one; and `strangers` pairs of unrelated people with
    /// one name and date of birth at two homes nobody else links.
    static func world(families: Int, strangers: Int, withTwins: Bool = false) -> World {
        var world = World()
        for f in 0..<families {
            let family = name("FAM", f), old = 2 * f, new = 2 * f + 1
            for (given, dob) in [("Helen", "1980-01-0\(f % 9 + 1)"), ("Mark", "1978-02-0\(f % 9 + 1)")] {
                let a = world.add(given, family, dob, old), b = world.add(given, family, dob, new)
                world.pairs.append(ScoredPair(first: a, second: b, weight: 30, pattern: moved))
            }
            let a = world.add("Ruby", family, "2012-03-04", old), b = world.add("Ruby", family, "2012-03-04", new)
            let child = ScoredPair(first: a, second: b, weight: reviewBand, pattern: moved)
            world.pairs.append(child)
            world.children.append(child)
            if withTwins {
                let twin = world.add("Rose", family, "2012-03-04", new)
                let pair = ScoredPair(first: a, second: twin, weight: reviewBand, pattern: twins)
                world.pairs.append(pair)
                world.twinPairs.append(pair)
            }
        }
        for s in 0..<strangers {
            let home = 2 * families + 2 * s
            let a = world.add("Claire", "Smith", "1984-08-13", home), b = world.add("Claire", "Smith", "1984-08-13", home + 1)
            let pair = ScoredPair(first: a, second: b, weight: reviewBand, pattern: moved)
            world.pairs.append(pair)
            world.strangers.append(pair)
        }
        world.pairs.sort { $0.weight > $1.weight }
        return world
    }

    static func apply(_ world: World, minimumLinks: Int = HouseholdMoves.minimumLinksAcrossHomes) -> (pairs: [ScoredPair], estimate: HouseholdMoves.Estimate) {
        HouseholdMoves.apply(to: world.pairs, records: StandardisedRecords(world.records), model: .untrained,
                             autoLinkWeight: autoLink, minimumLinks: minimumLinks)
    }

    static func find(_ pair: ScoredPair, in pairs: [ScoredPair]) -> ScoredPair? {
        pairs.first { $0.first == pair.first && $0.second == pair.second }
    }

    @Test func theChildWhoMovedWithTheFamilyIsRaisedByTheKnownWeightAndStrangersAreNot() throws {
        let world = Self.world(families: 120, strangers: 120)
        let (pairs, estimate) = Self.apply(world)
        // Every parent's link is corroborated by the other parent's: m = 1. Each joined pair
        // of homes holds 3 records at each end, among 960 records with a home.
        let u = 120.0 * 9 / (960.0 * 959 / 2)
        #expect(estimate.confidentLinksAcrossHomes == 240)
        #expect(estimate.corroboratedLinks == 240)
        #expect(abs(estimate.u - u) < 1e-12)
        #expect(abs(estimate.weight - log2(1 / u)) < 1e-9)
        #expect(estimate.pairsRaised == 120)
        for child in world.children {
            let raised = try #require(Self.find(child, in: pairs))
            #expect(abs(raised.weight - (Self.reviewBand + log2(1 / u))) < 1e-9)
            #expect(raised.householdMoveAdjustment > 0)
            #expect(raised.weight >= Self.autoLink)
        }
        for stranger in world.strangers {
            #expect(Self.find(stranger, in: pairs)?.weight == Self.reviewBand)
        }
        #expect(pairs.count == world.pairs.count)
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.weight >= $1.weight })
    }

    @Test func aTwinWithAnotherGivenNameIsNeverRaisedEvenWhenTheHomesAreJoined() {
        let world = Self.world(families: 120, strangers: 10, withTwins: true)
        let (pairs, estimate) = Self.apply(world)
        #expect(estimate.pairsRaised == 120)
        for twin in world.twinPairs {
            #expect(Self.find(twin, in: pairs)?.weight == Self.reviewBand)
        }
    }

    @Test func tooFewConfidentLinksAcrossHomesRaiseNothing() {
        let world = Self.world(families: 40, strangers: 10)
        let (pairs, estimate) = Self.apply(world)
        #expect(estimate.confidentLinksAcrossHomes == 80)
        #expect(estimate.weight == 0 && estimate.pairsRaised == 0)
        #expect(pairs == world.pairs)
    }

    @Test func theExplanationNamesTheMoveWithTheBitsItAdded() throws {
        let world = Self.world(families: 120, strangers: 0)
        let (pairs, _) = Self.apply(world)
        let child = try #require(Self.find(world.children[0], in: pairs))
        let explanation = MatchExplanation(pair: child, model: .untrained)
        #expect(explanation.lines.contains { $0.contains("moved together") })
        let move = try #require(explanation.contributions.first { $0.description.contains("moved together") })
        #expect(abs(move.weight - child.householdMoveAdjustment) < 1e-12)
    }

    /// Whatever the weights, the evidence only ever adds to a pair scored between the two
    /// thresholds with one date of birth and no person conflict, adds no more than living at
    /// one address would, and keeps every pair.
    @Test func onlyUncertainPairsWithOneDateOfBirthAreRaisedAndNoFurtherThanOneAddress() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SeededGenerator(seed: UInt64(seed))
            var world = Self.world(families: 110 + Int(random.next() % 30), strangers: Int(random.next() % 30),
                                   withTwins: random.next() % 2 == 0)
            let patterns = [Self.moved, Self.twins, ComparisonPattern(levels: [1, 1, 6, 1, 6, 0, 0, 0, 0, 2]),
                            ComparisonPattern(levels: [1, 1, 0, 1, 6, 0, 0, 0, 0, 2]), ComparisonPattern(levels: [0, 1, 1, 1, 4, 0, 0, 0, 0, 2])]
            world.pairs = world.pairs.map { pair in
                pair.weight >= Self.autoLink ? pair
                    : ScoredPair(first: pair.first, second: pair.second, weight: Double(random.next() % 80) / 10 - 1,
                                 pattern: patterns[Int(random.next() % UInt64(patterns.count))])
            }.sorted { $0.weight > $1.weight }
            let (pairs, _) = Self.apply(world)
            #expect(Set(pairs.map { [$0.first, $0.second] }) == Set(world.pairs.map { [$0.first, $0.second] }))
            let model = LinkageModel.untrained
            let cap = (2...6).map { model.weight(.address, level: 1) - model.weight(.address, level: $0) }.max() ?? 0
            for before in world.pairs {
                guard let after = Self.find(before, in: pairs) else { continue }
                let added = after.weight - before.weight
                #expect(added >= 0)
                if added > 0 {
                    #expect(before.weight < Self.autoLink)
                    #expect(before.pattern.level(of: .dateOfBirth) == 1 && !before.hasPersonConflict)
                    #expect((1...5).contains(before.pattern.level(of: .givenName)))
                    #expect(added <= cap + 1e-9)
                    #expect(abs(after.householdMoveAdjustment - added) < 1e-9)
                }
            }
        }
    }
}
