import Testing
@testable import Synthetic

@Suite struct DeterminismTests {
    @Test func sameSeedGivesIdenticalBytes() {
        let first = Fixture.generate(people: 1_500, seed: 42)
        let second = Fixture.generate(people: 1_500, seed: 42)
        #expect(first.files == second.files)
        for file in first.files {
            #expect(first.text(of: file) == second.text(of: file), "\(file) differs between runs")
        }
    }

    @Test func differentSeedsGiveDifferentData() {
        let first = Fixture.generate(people: 1_500, seed: 42)
        let second = Fixture.generate(people: 1_500, seed: 43)
        #expect(first.text(of: "harrowmere-police/people.csv") != second.text(of: "harrowmere-police/people.csv"))
        #expect(first.text(of: "ground-truth.csv") != second.text(of: "ground-truth.csv"))
        // The partnership itself depends only on the reference date.
        #expect(first.text(of: "partnership.json") == second.text(of: "partnership.json"))
    }

    @Test func writesEveryFileWithItsHeaderEvenWhenEmpty() {
        let empty = Fixture.generate(people: 0, seed: 1)
        #expect(empty.files == PartnershipGenerator.fileNames)
        #expect(empty.lines["harrowmere-fire/involvements.csv"] == [Rules.involvementColumns])
        #expect(empty.lines["ground-truth.csv"] == ["partner,record_id,person_id,household_id"])
    }

    @Test(arguments: [1, 2, 7, 250])
    func generatesExactlyTheRequestedPeople(people: Int) {
        var sink = InMemoryExtracts()
        let summary = PartnershipGenerator(people: people, seed: 9, referenceDate: Fixture.reference)
            .generate(into: &sink)
        let truth = Table(CSVReader.records(sink.text(of: "ground-truth.csv")))
        #expect(summary.people == people)
        #expect(Set(truth.column("person_id")).count == people)
    }

    @Test func seededGeneratorIsReproducibleAndIndependentOfTheStandardLibrary() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        // Pinned outputs: a change here changes every generated file.
        var pinned = SeededGenerator(seed: 0)
        let values = (0..<3).map { _ in pinned.next() }
        #expect(values == SeededGeneratorPins.seedZero)
        var bounded = SeededGenerator(seed: 3)
        for _ in 0..<1_000 {
            let value = bounded.below(7)
            #expect((0..<7).contains(value))
        }
    }
}

/// xoshiro256** seeded by SplitMix64 from 0, computed independently (the
/// SplitMix64 state words are the published e220a8397b1dcdaf, 6e789e6aa1b965f4, ...).
enum SeededGeneratorPins {
    static let seedZero: [UInt64] = [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0]
}
