import ArgumentParser
import EncodedLinkage
import Foundation
import SQLKit
import Storage

/// `lantern link --encoded FILE --encoded FILE ...`: link partners' encodings at the hub
/// and write record -> person, reporting the estimated threshold. Clear-text people files
/// may join the run (`--records`) only when the hub is an encoder under the agreement:
/// they are then encoded here with `--schema` and `--secret-file`, and the secret stays
/// in memory, never written or logged.
struct EncodedLink {
    var encoded: [String]
    var clearText: [String]
    var schemaPath: String?
    var secretFile: String?
    var threshold: Double?
    var clusters: String?
    var allowMixedPartner: Bool
    /// Also the encoded people imported into the store, each under its partner.
    var fromStore = false

    func run() async throws {
        let schema = try schemaPath.map(EncodeCommand.loadSchema)
        let bits = schema?.length ?? encoded.lazy.compactMap(EncodedFileReader.firstCLKBits).first ?? 1024
        var records = EncodedRecords(bits: bits)
        var encodedPartners: Set<String> = []
        for path in encoded {
            let partner = PeopleFileReader.sourceName(for: path)
            encodedPartners.insert(partner)
            do {
                try EncodedFileReader.read(path: path, partner: partner, into: &records)
            } catch let problem as EncodedFileReader.Problem {
                throw ValidationError(problem.description)
            }
        }
        if fromStore {
            let stored = try await AppRunner.withApp(LanternConfiguration.fromEnvironment()) { app in
                try await app.autoMigrate()
                guard let sql = app.db as? any SQLDatabase else { throw StorageError.notSQL }
                return try await EncodedRecordRepository(database: sql).all()
            }
            if !allowMixedPartner, let both = stored.first(where: { encodedPartners.contains($0.partner) }) {
                // A partner's file and its imported extract are two sends of one list: link one.
                throw ValidationError("partner \(both.partner) has encodings both in a file and in the store; "
                                      + "link one of them, or give --mixed-partner")
            }
            try Self.add(stored, to: &records)
            encodedPartners.formUnion(stored.map(\.partner))
        }
        if !clearText.isEmpty {
            guard let schema, let secretFile else {
                throw ValidationError("clear-text files linked with encodings are encoded at the hub: give --schema and "
                                      + "--secret-file (only where the agreement makes the hub an encoder)")
            }
            let secret: [UInt8]
            do { secret = try SecretFile.read(path: secretFile) } catch let problem as SecretFile.Problem {
                throw ValidationError(problem.description)
            }
            let encoder = try CLKEncoder(schema: schema, secret: secret)
            for path in clearText {
                let partner = PeopleFileReader.sourceName(for: path)
                if encodedPartners.contains(partner), !allowMixedPartner {
                    throw ValidationError("\((path as NSString).lastPathComponent): partner \(partner) already sent encodings; "
                                          + "mixing its clear-text and encoded files needs --mixed-partner")
                }
                let rows: [EncodeInput.Row]
                do { rows = try EncodeInput.read(path: path, schema: schema) } catch let problem as EncodeInput.Problem {
                    throw ValidationError(problem.description)
                }
                let clks: [CLK]
                do {
                    clks = try await BatchEncoder.encode(rows, encoder: encoder, standardiser: ValueStandardiser.lantern(schema))
                } catch let problem as EncodingProblem {
                    throw ValidationError("\((path as NSString).lastPathComponent):\(problem.description)")
                }
                for (row, clk) in zip(rows, clks) {
                    records.append(recordID: "\(partner):\(row.values.first ?? "")", partner: partner, clk: clk)
                }
            }
        }
        var settings = EncodedLinker.Settings()
        settings.threshold = threshold
        let result = await EncodedLinker.link(records, settings: settings, tasks: ProcessInfo.processInfo.activeProcessorCount)
        if let clusters {
            var text = "record_id,person_id\n"
            for (index, id) in records.recordIDs.enumerated() { text += QuarantineFile.quote(id) + ",P\(result.personOf[index])\n" }
            try text.write(toFile: clusters, atomically: true, encoding: .utf8)
        }
        print("\(records.count) encoded records from \(records.partners.count) partners -> \(result.people) people; "
              + "\(result.comparedPairs) candidate pairs compared, \(result.linkedPairs) at or above the threshold")
        print(Self.describe(result, fixed: threshold != nil))
        if result.recordsInCappedBuckets > 0 {
            print("warning: \(result.recordsInCappedBuckets) record places fell in over-full blocking buckets and were compared through other bands only")
        }
    }

    /// Adds encoded people imported into the store, each under its partner, as `--encoded` files are.
    static func add(_ stored: [EncodedRecordRepository.Stored], to records: inout EncodedRecords) throws {
        for record in stored {
            let clk: CLK
            do { clk = try CLK(base64: record.clk, bits: records.bits) } catch let bad as CLK.Problem {
                throw ValidationError("the store's encoded record \(record.partner) \(record.recordID): clk \(bad.description); "
                                      + "link encodings of one length")
            }
            records.append(recordID: "\(record.partner):\(record.recordID)", partner: record.partner, clk: clk,
                           partnerPersonID: record.partnerPersonID)
        }
    }

    static func describe(_ result: EncodedLinker.Result, fixed: Bool) -> String {
        let e = result.estimate
        let fit = e.fitted
            ? String(format: "%@ fitted to each record's best Dice: records without a match around %.3f, matches around %.3f (%.2f%% of records have one)",
                     e.method.rawValue, e.nonMatchMean, e.matchMean, e.matchShare * 100)
            : "no second mode found in the similarities: the default was used"
        let bound = e.clamped ? String(format: "; the valley lay outside %.2f-%.2f, so the nearer bound was used",
                                       DiceThreshold.plausible.lowerBound, DiceThreshold.plausible.upperBound) : ""
        return String(format: "Dice threshold %.3f (%@); %d links refused by the cannot-link rule",
                      result.threshold, fixed ? "given with --threshold" : fit + bound, result.refusedByCannotLink)
    }
}
