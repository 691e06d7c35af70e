import LanternDomain
import PropertyBased
import Testing

/// The equality report's listed counts, kept as households join and leave
/// the list, are always the counts made afresh from the households then listed.
@Suite struct EqualityListingTests {
    /// A small seeded generator, so a failing case can be replayed from its seed.
    struct Draws {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func households(_ draws: inout Draws, count: Int) -> [String: [EqualityPerson]] {
        var members: [String: [EqualityPerson]] = [:]
        for h in 0..<count {
            let area = ["AB1", "AB2", "CD3", "unplaced"][draws.next(4)]
            members["H\(h)"] = (0..<draws.next(5)).map { _ in
                EqualityPerson(household: "H\(h)", area: area, sex: [Sex.female, .male, .other, nil][draws.next(4)],
                               age: draws.next(6) == 0 ? nil : draws.next(95),
                               ethnicGroup: draws.next(3) == 0 ? nil : EthnicGroup.allCases[draws.next(EthnicGroup.allCases.count)])
            }
        }
        return members
    }

    @Test func keptCountsEqualAFreshCount() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var draws = Draws(state: UInt64(seed))
            let members = Self.households(&draws, count: 30)
            var onList = Set(members.keys.filter { _ in draws.next(2) == 0 })
            var kept = EqualityListing(members: members, listed: onList)
            for _ in 0..<60 {
                // Some households join, some leave, some are set to what they already are.
                let household = "H\(draws.next(32))"  // two ids have no members: a household since disposed of
                let listed = draws.next(2) == 0
                kept.set(household, listed: listed, members: members[household] ?? [])
                if listed { onList.insert(household) } else { onList.remove(household) }
            }
            #expect(kept.listed == onList)
            #expect(kept.atoms(asAt: 7) == EqualityCounts.listedAtoms(members, listed: onList, asAt: 7), "seed \(seed)")
            #expect(kept == EqualityListing(members: members, listed: onList), "seed \(seed)")
        }
    }

    @Test func aHouseholdLeavingTheListTakesItsPeopleOut() {
        let jane = EqualityPerson(household: "H1", area: "SS14", sex: .female, age: 41, ethnicGroup: .white)
        let sam = EqualityPerson(household: "H1", area: "SS14", sex: .male, age: 13, ethnicGroup: nil)
        var listing = EqualityListing(members: ["H1": [jane, sam]], listed: ["H1"])
        let (_, listedBySex) = EqualityCounts.measures(.sex)
        func count(_ category: String) -> Int {
            listing.atoms(asAt: 3).count(CellScope(measure: listedBySex, areas: ["SS14"], months: [3], categories: [category], partners: [CountAtoms.anyPartner]))
        }
        #expect(count("F") == 1 && count("M") == 1)
        listing.set("H1", listed: true, members: [jane, sam])
        #expect(count("F") == 1, "set twice, counted once")
        listing.set("H1", listed: false, members: [jane, sam])
        #expect(count("F") == 0 && count("M") == 0 && listing.listed.isEmpty)
        #expect(listing.atoms(asAt: 3) == CountAtoms(), "no atom is left at 0")
    }
}
