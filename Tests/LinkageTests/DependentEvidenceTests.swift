import Foundation
import Testing
@testable import Linkage

/// Fields that are not independent of each other (a given name and sex, a landline and a
/// postcode, a given name and its year of birth, names within one household) must not be
/// counted as independent evidence: known answers for each correction.
@Suite("Evidence from fields that depend on each other")
struct DependentEvidenceTests {
    static func pattern(_ levels: [ComparisonField: Int]) -> ComparisonPattern {
        ComparisonPattern(levels: ComparisonField.allCases.map { levels[$0] ?? 0 })
    }

    @Test func sexAddsNothingWhenTheGivenNamesAgree() {
        let model = LinkageModel.untrained
        let sexWeight = model.weight(.sex, level: 1)
        #expect(sexWeight > 0.9)
        for given in 1...3 {
            let weights = model.fieldWeights(Self.pattern([.givenName: given, .sex: 1]))
            #expect(weights[ComparisonField.sex.rawValue] == 0)
        }
        // With different or missing given names, sex is evidence again.
        for given in [0, 4, 5] {
            let weights = model.fieldWeights(Self.pattern([.givenName: given, .sex: 1]))
            #expect(weights[ComparisonField.sex.rawValue] == sexWeight)
        }
        // Sex disagreeing keeps its full negative weight whatever the given name.
        let different = model.fieldWeights(Self.pattern([.givenName: 1, .sex: 2]))
        #expect(different[ComparisonField.sex.rawValue] == model.weight(.sex, level: 2))
    }

    @Test func aLandlineCountsLessWithinOnePostcodeOrStreet() {
        let model = LinkageModel.untrained
        let full = model.weight(.phone, level: 1)
        #expect(full > LinkageModel.sharedAddressPhoneCap)
        for address in 1...3 {
            let weights = model.fieldWeights(Self.pattern([.address: address, .phone: 1]))
            #expect(weights[ComparisonField.phone.rawValue] == LinkageModel.sharedAddressPhoneCap)
        }
        for address in [0, 4, 5, 6] {
            let weights = model.fieldWeights(Self.pattern([.address: address, .phone: 1]))
            #expect(weights[ComparisonField.phone.rawValue] == full)
        }
    }

    @Test func aGivenNameIsWeighedAgainstTheHouseholdWhenTheBirthdayIsMissing() {
        var model = LinkageModel.untrained
        // One pair in fifty of different people at one address share a given name.
        model.householdGivenNameU = [1, 0.02, 0.01, 0.01, 0.03, 0.03, 0.9]
        let m = model.fields[ComparisonField.givenName.rawValue].m[1]
        let withinHousehold = log2(m / 0.02)
        let missingBirthday = model.fieldWeights(Self.pattern([.givenName: 1, .address: 1]))
        #expect(abs(missingBirthday[ComparisonField.givenName.rawValue] - withinHousehold) < 1e-9)
        #expect(withinHousehold < model.weight(.givenName, level: 1))
        // A birthday on both sides, or no shared address: the population's weight.
        let withBirthday = model.fieldWeights(Self.pattern([.givenName: 1, .address: 1, .dateOfBirth: 1]))
        #expect(withBirthday[ComparisonField.givenName.rawValue] == model.weight(.givenName, level: 1))
        let elsewhere = model.fieldWeights(Self.pattern([.givenName: 1, .address: 6]))
        #expect(elsewhere[ComparisonField.givenName.rawValue] == model.weight(.givenName, level: 1))
    }

    /// The scoring loop's table of pattern weights says exactly what the explanation of
    /// each pattern says, caps and household weighing included. A stride coprime with
    /// every field's level count visits every level of every field.
    @Test func theScoringTableAgreesWithEachPatternsExplanation() {
        var model = LinkageModel.untrained
        model.householdGivenNameU = [1, 0.02, 0.01, 0.01, 0.03, 0.03, 0.9]
        let table = model.patternWeights()
        #expect(table.count == ComparisonField.patternSpace)
        var checked = 0, capped = 0
        for code in stride(from: 0, to: ComparisonField.patternSpace, by: 11) {
            let pattern = ComparisonPattern(code: UInt32(code))
            let explained = model.fieldWeights(pattern)
            #expect(table[code] == Float(model.priorWeight + explained.reduce(0, +)), "pattern \(pattern.levels)")
            let uncapped = ComparisonField.allCases.map { model.weight($0, level: pattern.level(of: $0)) }
            if explained != uncapped { capped += 1 }
            checked += 1
        }
        #expect(checked > 150_000 && capped > 10_000, "the dependencies fire on many of the patterns checked")
    }

    @Test func householdSharesAreCountedFromPairsThatAreSurelyTwoPeople() {
        func code(given: Int, address: Int, birth: Int) -> UInt32 {
            Self.pattern([.givenName: given, .address: address, .dateOfBirth: birth]).code
        }
        let counts: [(pattern: UInt32, count: Double)] = [
            (code(given: 1, address: 1, birth: 6), 30),     // a son named after his father
            (code(given: 6, address: 1, birth: 6), 1_470),  // everyone else at home
            (code(given: 1, address: 1, birth: 1), 50_000), // the same person: not counted
            (code(given: 1, address: 6, birth: 6), 9_000),  // strangers: not counted
        ]
        let u = ModelTrainer.householdU(.givenName, surelyDifferent: .dateOfBirth, counts)
        #expect(u.count == ComparisonField.givenName.levelCount)
        let smoothed = 1_500 + 0.5 * 6
        #expect(abs(u[1] - 30.5 / smoothed) < 1e-12)
        #expect(abs(u[6] - 1_470.5 / smoothed) < 1e-12)
        #expect(abs(u.dropFirst().reduce(0, +) - 1) < 1e-9)
        // Too few households to say: no estimate, and the population's u stands.
        #expect(ModelTrainer.householdU(.givenName, surelyDifferent: .dateOfBirth, Array(counts.prefix(1))).isEmpty)
    }

    @Test func aNameCommonInItsBirthYearCountsForLessThanItsShareOverAllYears() {
        // Forty children born in 2019 called Lily and two grandmothers born in 1950 called
        // Lily, among two hundred others born in each year: over all years Lily is one name
        // for both pairs, but among 2019 births it is far commoner than among 1950 births.
        var records: [LinkageRecord] = []
        for i in 0..<40 { records.append(LinkageRecord(recordID: "c\(i)", givenNames: "Lily", familyName: "Child\(i)", dateOfBirth: "2019-05-01")) }
        for i in 0..<2 { records.append(LinkageRecord(recordID: "g\(i)", givenNames: "Lily", familyName: "Elder\(i)", dateOfBirth: "1950-03-04")) }
        for i in 0..<400 {
            records.append(LinkageRecord(recordID: "o\(i)", givenNames: "Name\(i)", familyName: "Other\(i)",
                                         dateOfBirth: i % 2 == 0 ? "2019-07-02" : "1950-08-03"))
        }
        let scorer = PairScorer(model: .untrained, records: StandardisedRecords(records))
        let children = scorer.score(0, 1)
        let grandmothers = scorer.score(40, 41)
        for pair in [children, grandmothers] {
            #expect(pair.pattern.level(of: .givenName) == 1)
            #expect(pair.pattern.level(of: .dateOfBirth) == 1)
        }
        let uExact = LinkageModel.untrained.fields[ComparisonField.givenName.rawValue].u[1]
        #expect(abs(children.givenNameFrequencyAdjustment - log2(uExact / (40.0 / 240.0))) < 1e-4)
        #expect(abs(grandmothers.givenNameFrequencyAdjustment - log2(uExact / (2.0 / 202.0))) < 1e-4)
        #expect(children.givenNameFrequencyAdjustment < grandmothers.givenNameFrequencyAdjustment)
    }
}
