import Testing
@testable import Linkage

@Suite("u for the same address, from pairs inside postcodes")
struct SamePostcodePairsTests {
    /// A date of birth per year whose month and day move with the year too, so that two of
    /// these years differ in more than one part: two people, not one person mistyped.
    private static func born(_ year: Int) -> String {
        let month = year % 12 + 1, day = year % 27 + 1
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Postcode SS14 1DL: four people, two in one house. CM2 9XY: one person's two records
    /// (same house, same date of birth), which must not count. CO4 3QT: one record alone.
    /// Three records have no postcode.
    private static let street: [LinkageRecord] = [
        Fixtures.record("p1", "Ann", "Lee", dob: born(1950), address: "1 Mill Road", postcode: "SS14 1DL"),
        Fixtures.record("p2", "Bea", "Lee", dob: born(1960), address: "1 Mill Road", postcode: "SS14 1DL"),
        Fixtures.record("p3", "Cal", "Rowe", dob: born(1970), address: "2 Mill Road", postcode: "SS14 1DL"),
        Fixtures.record("p4", "Dev", "Shah", dob: born(1980), address: "3 Mill Road", postcode: "SS14 1DL"),
        Fixtures.record("q1", "Eve", "Okafor", dob: born(1990), address: "7 Orchard Close", postcode: "CM2 9XY"),
        Fixtures.record("q2", "Eve", "Okafor", dob: born(1990), address: "7 Orchard Close", postcode: "CM2 9XY"),
        Fixtures.record("r1", "Fin", "Hale", dob: born(2000), address: "41 Beech Grove", postcode: "CO4 3QT"),
        Fixtures.record("s1", "Gus", "Ward", dob: born(1955), address: "9 Kings Road"),
        Fixtures.record("s2", "Hal", "Ward", dob: born(1965)),
        Fixtures.record("s3", "Ida", "Ward", dob: born(1975)),
    ]

    @Test func countsSharedPostcodesExactlyAndSamplesHousesWithinThem() throws {
        let comparator = RecordComparator(StandardisedRecords(Self.street))
        var random = SeededGenerator(seed: 3)
        let drawn = 70_000
        let sample = try #require(SamePostcodePairs.sample(comparator: comparator, pairs: drawn, random: &random))
        // Six pairs inside SS14 1DL and one inside CM2 9XY, of 45 pairs in all.
        #expect(sample.samePostcodeShare == 7.0 / 45.0)
        // The CM2 9XY pair (one seventh of the draws) shares a date of birth: not counted.
        let excluded = Double(drawn - sample.considered) / Double(drawn)
        #expect(abs(excluded - 1.0 / 7.0) < 0.01)
        // Inside SS14 1DL one pair of six shares a house; the rest share only the postcode.
        let sameHouse = Double(sample.addressLevels[1]) / Double(sample.considered)
        #expect(abs(sameHouse - 1.0 / 6.0) < 0.01)
        #expect(sample.addressLevels[1] + sample.addressLevels[2] == sample.considered)
        #expect(abs(sample.share(of: 1) - 7.0 / 45.0 / 6.0) < 0.002)
    }

    @Test func drawsNothingWithoutEnoughPairsOfDifferentPeople() {
        let comparator = RecordComparator(StandardisedRecords(Self.street))
        var random = SeededGenerator(seed: 3)
        #expect(SamePostcodePairs.sample(comparator: comparator, pairs: SamePostcodePairs.minimumConsidered / 2,
                                         random: &random) == nil)
        let apart = StandardisedRecords(Array(Self.street.dropFirst(4)))
        #expect(SamePostcodePairs.sample(comparator: RecordComparator(apart), pairs: 50_000, random: &random) == nil,
                "one person's two records are the only pair inside a postcode")
    }

    /// Known answer: levels 1 and 2 from the postcode sample, the rest keep their proportions.
    @Test func theAddressLevelsTakeTheSampleAndStillSumToOne() {
        let sample = SamePostcodePairs(samePostcodeShare: 0.001, considered: 10_000,
                                       addressLevels: [0, 2_000, 8_000, 0, 0, 0, 0])
        // Of 1,000 random pairs, 800 had an address on both sides.
        let counts: [Double] = [200, 0, 1, 9, 40, 150, 600]
        let fromRandom = [1, 0.000_01, 0.001, 0.011, 0.05, 0.188, 0.75]
        let u = ModelTrainer.addressU(fromRandom, randomCounts: counts, sampled: 1_000, samePostcode: sample)
        #expect(abs(u[1] - 0.0002 / 0.8) < 1e-12)
        #expect(abs(u[2] - 0.0008 / 0.8) < 1e-12)
        #expect(abs(u.dropFirst().reduce(0, +) - 1) < 1e-12)
        let restBefore = fromRandom[3...].reduce(0, +)
        #expect(abs(u[6] / u[5] - 0.75 / 0.188) < 1e-9)
        #expect(abs(u[3] - 0.011 / restBefore * (1 - u[1] - u[2])) < 1e-12)
        // A level no sampled pair reached is rare, not impossible.
        let none = SamePostcodePairs(samePostcodeShare: 0.001, considered: 10_000, addressLevels: [0, 0, 10_000, 0, 0, 0, 0])
        #expect(ModelTrainer.addressU(fromRandom, randomCounts: counts, sampled: 1_000, samePostcode: none)[1] > 0)
    }

    /// A run that samples pairs takes its address u from inside postcodes: 100 postcodes of
    /// three people, two of them in one house, give one pair in three at one address.
    @Test func aSampledRunTakesTheAddressFromInsidePostcodes() async throws {
        let outward = ["SS14", "CM2", "CO4", "IP1", "NR3"]
        var records: [LinkageRecord] = []
        for index in 0..<300 {
            let street = index / 3
            let postcode = "\(outward[street % 5]) \(street / 5 % 10)\(["AB", "CD", "EF"][street / 50])"
            records.append(Fixtures.record("h\(index)", "Given\(index)", "Family\(index)", dob: Self.born(1900 + index % 3 * 30 + street % 20),
                                           address: "\(index % 3 == 2 ? 2 : 1) Mill Road", postcode: postcode))
        }
        var settings = LinkageSettings()
        settings.randomPairSampleSize = 8_000
        let result = try await Fixtures.run(records, settings: settings)
        #expect(result.summary.samePostcodePairsConsidered == 2_000)
        let sameHouse = Double(result.summary.samePostcodePairsSameAddress) / 2_000
        #expect(abs(sameHouse - 1.0 / 3.0) < 0.04)
        let expected = 300.0 / (300.0 * 299.0 / 2) * sameHouse
        #expect(abs(result.model.fields[ComparisonField.address.rawValue].u[1] - expected) < 1e-9)
    }
}
