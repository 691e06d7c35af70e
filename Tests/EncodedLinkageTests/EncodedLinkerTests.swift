import Foundation
import PropertyBased
import Testing
@testable import EncodedLinkage

@Suite("Encoded linkage")
struct EncodedLinkerTests {
    static let secret = Array("linker-test-secret-0123456789".utf8)

    /// Invented people: a few records each, with small differences, across two partners.
    static func records(people: Int, seed: UInt64, personIDs: Bool = false) throws -> (EncodedRecords, [Int]) {
        let schema = try KnownAnswers.schema()
        let encoder = try CLKEncoder(schema: schema, secret: secret)
        let given = ["ann", "bob", "cara", "dev", "eli", "fay", "gus", "hana", "ivo", "jude", "kai", "lena"]
        let family = ["lee", "marsh", "noble", "okafor", "price", "quill", "rowe", "smith", "hale", "wood"]
        var random = SplitMix(seed: seed)
        var records = EncodedRecords(bits: schema.length)
        var truth: [Int] = []
        for person in 0..<people {
            let g = given[Int(random.next() % 12)], f = family[Int(random.next() % 10)]
            let dob = "19\(10 + random.next() % 89)-0\(1 + random.next() % 9)-1\(random.next() % 9)"
            let address = "\(1 + random.next() % 90) \(["mill", "park", "elm"][Int(random.next() % 3)]) road"
            let postcode = "BA\(1 + random.next() % 20) \(random.next() % 9)AB"
            for copy in 0..<(1 + Int(random.next() % 3)) {
                var row = ["r", g, f, dob, person % 2 == 0 ? "F" : "M", address, "", postcode]
                if copy == 1 { row[1] = String(row[1].dropLast()) + "y" }   // a typing slip
                let partner = copy % 2 == 0 ? "police" : "health"
                records.append(recordID: "\(partner):\(person)-\(copy)", partner: partner, clk: try encoder.encode(row),
                               partnerPersonID: personIDs ? "\(person)-\(copy)" : nil)
                truth.append(person)
            }
        }
        return (records, truth)
    }

    @Test func identicalCLKsAreAlwaysCandidatesAndLinked() async throws {
        let (records, truth) = try Self.records(people: 300, seed: 3)
        var settings = EncodedLinker.Settings()
        settings.threshold = 0.85
        let result = await EncodedLinker.link(records, settings: settings)
        for i in 0..<records.count {
            for j in (i + 1)..<records.count where truth[i] == truth[j] && records.dice(i, j) == 1 {
                #expect(result.personOf[i] == result.personOf[j])
            }
        }
        #expect(result.comparedPairs < records.count * (records.count - 1) / 2 / 10)
    }

    /// Whatever the data, records a partner gave different person ids never share a person.
    @Test func cannotLinkHoldsWhateverTheData() async throws {
        await propertyCheck(count: 8, input: Gen.int(in: 0...1_000_000)) { seed in
            let (records, _) = try! Self.records(people: 60, seed: UInt64(seed), personIDs: true)
            var settings = EncodedLinker.Settings()
            settings.threshold = 0.6
            let result = await EncodedLinker.link(records, settings: settings)
            var seen: [Int: [Int32: Int32]] = [:]
            for i in 0..<records.count {
                let partner = records.partnerOf[i], person = records.partnerPerson[i]
                if let other = seen[result.personOf[i]]?[partner] { #expect(other == person) }
                seen[result.personOf[i], default: [:]][partner] = person
            }
        }
    }

    @Test func thresholdSitsBetweenTwoModes() {
        var histogram = [Int](repeating: 0, count: 1_000)
        for b in 0..<1_000 {
            let x = Double(b) / 1_000
            histogram[b] = Int(5_000 * exp(-pow((x - 0.6) / 0.05, 2) / 2) + 800 * exp(-pow((x - 0.95) / 0.02, 2) / 2))
        }
        let estimate = DiceThreshold.estimate(histogram: histogram)
        #expect(estimate.fitted)
        #expect(abs(estimate.nonMatchMean - 0.6) < 0.02)
        #expect((0.8...0.9).contains(estimate.threshold))
        #expect(DiceThreshold.estimate(histogram: [Int](repeating: 0, count: 1_000)).fitted == false)
    }

    @Test func diceIsTheTextbookFormula() throws {
        var records = EncodedRecords(bits: 16)
        records.append(recordID: "a", partner: "p", clk: CLK(bytes: [0b1111_0000, 0]))
        records.append(recordID: "b", partner: "q", clk: CLK(bytes: [0b1100_0000, 0b1000_0000]))
        #expect(records.dice(0, 1) == 2.0 * 2 / (4 + 3))
        #expect(throws: CLK.Problem.self) { try CLK(base64: "AAAA", bits: 16) }
        #expect(throws: CLK.Problem.self) { try CLK(base64: "**", bits: 16) }
    }
}

/// The threshold estimate on invented similarity distributions: two bumps of any place,
/// spread and share, at any size from a few thousand records (with fewer the default is
/// used, by design) to tens of millions.
@Suite("Dice threshold estimate")
struct DiceThresholdTests {
    /// A histogram of `count` values from a normal bump, cut to 0...1, as counts per 0.001.
    static func bump(mean: Double, sd: Double, count: Double) -> [Double] {
        (0..<1_000).map { b in
            let x = (Double(b) + 0.5) / 1_000
            return count * exp(-pow((x - mean) / sd, 2) / 2) / (sd * (2 * Double.pi).squareRoot()) / 1_000
        }
    }

    @Test func aFittedThresholdLiesBetweenTheTwoModes() async {
        await propertyCheck(count: 60, input: Gen.double(in: 0.35...0.7), Gen.double(in: 0.2...0.35), Gen.double(in: 0.03...0.08),
                            Gen.double(in: 0.005...0.04), Gen.double(in: 0.05...0.7), Gen.double(in: 3.5...7.5)) { low, gap, lowSD, highSD, share, scale in
            let high = min(0.995, low + gap)
            let total = pow(10, scale)
            let lowBump = Self.bump(mean: low, sd: lowSD, count: total * (1 - share))
            let highBump = Self.bump(mean: high, sd: highSD, count: total * share)
            let histogram = zip(lowBump, highBump).map { Int(($0 + $1).rounded()) }
            let estimate = DiceThreshold.estimate(histogram: histogram)
            // Between the modes, and clear of each by more than its own spread's share of the gap.
            #expect(estimate.threshold > low && estimate.threshold < high,
                    "modes \(low), \(high), sd \(lowSD), \(highSD), share \(share), 10^\(scale): threshold \(estimate.threshold) by \(estimate.method)")
            if estimate.method == .betaMixture {
                #expect(abs(estimate.nonMatchMean - low) < 0.05 && abs(estimate.matchMean - high) < 0.05)
            }
        }
    }

    @Test func aSpikeOfIdenticalEncodingsAtOneDoesNotPullTheThresholdUp() {
        var histogram = zip(Self.bump(mean: 0.6, sd: 0.05, count: 1_000_000), Self.bump(mean: 0.93, sd: 0.03, count: 200_000))
            .map { Int(($0 + $1).rounded()) }
        histogram[999] += 600_000
        let estimate = DiceThreshold.estimate(histogram: histogram)
        #expect(estimate.method == .betaMixture)
        #expect((0.72...0.85).contains(estimate.threshold))
    }

    @Test func oneBumpOrTooFewRecordsFallBack() {
        #expect(DiceThreshold.estimate(histogram: [Int](repeating: 0, count: 1_000)).method == .fallback)
        let one = Self.bump(mean: 0.6, sd: 0.05, count: 100_000).map { Int($0.rounded()) }
        let estimate = DiceThreshold.estimate(histogram: one)
        #expect(estimate.method != .betaMixture)
    }
}
