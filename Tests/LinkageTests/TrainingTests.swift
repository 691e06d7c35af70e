import Foundation
import Testing
@testable import Linkage

@Suite("Model training")
struct TrainingTests {
    /// Exact pattern counts for known m, u and share of matches, on three fields.
    @Test func expectationMaximisationRecoversM() {
        let trueM: [[Double]] = [[1, 0.8, 0.1, 0.1], [1, 0.7, 0.2, 0.1], [1, 0.9, 0.05, 0.05]]
        let trueU: [[Double]] = [[1, 0.01, 0.04, 0.95], [1, 0.005, 0.02, 0.975], [1, 0.001, 0.01, 0.989]]
        let fields: [ComparisonField] = [.givenName, .familyName, .dateOfBirth]
        let matches = 2_000.0, nonMatches = 50_000.0
        var counts: [(pattern: UInt32, count: Double)] = []
        for a in 1...3 { for b in 1...3 { for c in 1...3 {
            let levels = [a, b, c]
            var pm = matches, pu = nonMatches
            for k in 0..<3 { pm *= trueM[k][levels[k]]; pu *= trueU[k][levels[k]] }
            var full = [Int](repeating: 0, count: ComparisonField.allCases.count)
            // Map levels 1...3 onto each field's exact, a middle level and "different".
            for (k, field) in fields.enumerated() {
                full[field.rawValue] = levels[k] == 3 ? field.levelCount - 1 : levels[k]
            }
            counts.append((ComparisonPattern(levels: full).code, pm + pu))
        } } }
        var u = LinkageModel.untrained.fields.map(\.u)
        for (k, field) in fields.enumerated() {
            u[field.rawValue] = [Double](repeating: 1e-3, count: field.levelCount)
            u[field.rawValue][1] = trueU[k][1]; u[field.rawValue][2] = trueU[k][2]
            u[field.rawValue][field.levelCount - 1] = trueU[k][3]
        }
        var settings = LinkageSettings()
        settings.maximumEMIterations = 500
        settings.convergenceTolerance = 1e-9
        let trainer = ModelTrainer(settings: settings)
        let result = trainer.expectationMaximisation(
            counts: counts, m: LinkageModel.untrained.fields.map(\.m), u: u,
            fixed: Set(ComparisonField.allCases).subtracting(fields))
        #expect(abs(result.lambda - matches / (matches + nonMatches)) < 0.005)
        for (k, field) in fields.enumerated() {
            // Smoothing towards the untrained values moves m by well under 0.02 here.
            #expect(abs(result.m[field.rawValue][1] - trueM[k][1]) < 0.02)
            #expect(abs(result.m[field.rawValue][field.levelCount - 1] - trueM[k][3]) < 0.02)
        }
    }

    @Test func randomPairsGiveUAndTheModelKeepsSensibleWeights() async throws {
        var records: [LinkageRecord] = []
        for i in 0..<400 {
            records.append(RandomRecords.record("r\(i)", seed: i * 31, full: true))
        }
        let result = try await Fixtures.run(records)
        let model = result.model
        #expect(model.weight(.dateOfBirth, level: 1) > 5)
        #expect(model.weight(.dateOfBirth, level: 6) < 0)
        #expect(model.weight(.givenName, level: 1) > 0)
        #expect(model.weight(.nhsNumber, level: 2) < 0)
        #expect(result.summary.randomPairsSampled == 400 * 399 / 2)
    }

    /// With every pair compared, the pairs said to agree exactly on a field are the pairs
    /// that share its value: 10 Lees and 5 Okafors among 40 records make 45 + 10.
    @Test func theRandomPairsBehindEachUAreCounted() async throws {
        let given = ["Ann", "Bea", "Cal", "Dev", "Eve", "Fin", "Gus", "Hal", "Ida", "Jo"]
        let family = (0..<40).map { $0 < 10 ? "Lee" : $0 < 15 ? "Okafor" : "Family\(Character(UnicodeScalar(65 + $0 - 15)!))ton" }
        let records = (0..<40).map { i in
            LinkageRecord(recordID: "t\(i)", givenNames: given[i % given.count] + String(repeating: "a", count: i / 10),
                          familyName: family[i], dateOfBirth: LinkageRecord.dateOfBirth(year: 1950 + i, month: 1 + i % 12, day: 3))
        }
        let result = try await Fixtures.run(records)
        #expect(result.summary.randomPairsSampled == 40 * 39 / 2)
        #expect(result.summary.randomPairsAgreeing[ComparisonField.familyName.rawValue] == 45 + 10)
        #expect(result.summary.randomPairsAgreeing[ComparisonField.dateOfBirth.rawValue] == 0)
        #expect(result.summary.randomPairsAgreeing.count == ComparisonField.allCases.count)
    }
}

@Suite("Model storage")
struct ModelStorageTests {
    @Test func refusesAModelWithAnotherLayout() throws {
        var stale = LinkageModel.untrained
        stale.fields[ComparisonField.dateOfBirth.rawValue].m.removeLast()
        stale.fields[ComparisonField.dateOfBirth.rawValue].u.removeLast()
        let data = try JSONEncoder().encode(stale)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LinkageModel.self, from: data) }
        var old = LinkageModel.untrained
        old.version = 99
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LinkageModel.self, from: JSONEncoder().encode(old)) }
        #expect(stale.weight(.dateOfBirth, level: 6) == 0)
    }
}
