import ArgumentParser
import Foundation
import Linkage

/// `lantern link --records FILE... --pairs OUT.csv --clusters OUT.csv`: link
/// people files from anywhere without a server, and write scored pairs with
/// their explanations and the resulting clusters.
struct LinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Find the same person across people files and explain every match.")

    @ArgumentParser.Option(name: .customLong("records"), help: "A people file (docs/import-format.md columns); repeat for several.")
    var records: [String] = []
    @ArgumentParser.Option(help: "Where to write the scored pairs (CSV).") var pairs: String?
    @ArgumentParser.Option(help: "Where to write record -> person (CSV).") var clusters: String?
    @ArgumentParser.Option(help: "Match probability at or above which records are linked (default \(LinkageSettings().autoLinkProbability)).")
    var threshold: Double?
    @ArgumentParser.Option(help: "Seed for the random pairs that estimate u probabilities.") var seed: UInt64 = 1
    @ArgumentParser.Option(help: "Random pairs compared to estimate u probabilities (default \(LinkageSettings().randomPairSampleSize)); more steadies the weights of rare agreements such as one address.")
    var randomPairs: Int?
    @ArgumentParser.Option(help: "An encoded people file (record_id,clk from lantern encode or clkhash); repeat for several.")
    var encoded: [String] = []
    @ArgumentParser.Option(help: "With --encoded: the linkage schema, to encode --records files at the hub.") var schema: String?
    @ArgumentParser.Option(name: .customLong("secret-file"), help: "With --encoded and --records: the shared secret, if the hub is an encoder.")
    var secretFile: String?
    @ArgumentParser.Flag(name: .customLong("mixed-partner"), help: "Allow one partner to send both encoded and clear-text files.")
    var mixedPartner = false
    @ArgumentParser.Flag(name: .customLong("stored-encodings"),
                         help: "Also link the encoded people imported into the store (lantern import --kind encoded-people).")
    var storedEncodings = false
    @ArgumentParser.Flag(name: .customLong("record-matches"),
                         help: "With --stored-encodings, --schema and --secret-file: store which people the encoded records match (hub as encoder).")
    var recordMatches = false

    func run() async throws {
        if recordMatches {
            try await EncodedMatchCommand.run(storedEncodings: storedEncodings, encoded: encoded, schema: schema,
                                              secretFile: secretFile, threshold: threshold)
            return
        }
        if !encoded.isEmpty || storedEncodings {
            if let threshold, !(0..<1).contains(threshold) { throw ValidationError("--threshold must be a Dice similarity from 0 up to 1") }
            try await EncodedLink(encoded: encoded, clearText: records, schemaPath: schema, secretFile: secretFile,
                                  threshold: threshold, clusters: clusters, allowMixedPartner: mixedPartner,
                                  fromStore: storedEncodings).run()
            return
        }
        guard !records.isEmpty else {
            try await linkTheStore()
            return
        }
        if let threshold, !(0.5..<1).contains(threshold) {
            throw ValidationError("--threshold must be a probability from 0.5 up to (not including) 1")
        }
        let input: LinkageInput
        let setAside: [String]
        do {
            // Standardised a batch at a time: ten million rows never sit in memory as text.
            let loaded = try await PeopleFileLoading.load(records.map { ($0, PeopleFileReader.sourceName(for: $0)) })
            (input, setAside) = (loaded.input, loaded.unidentifiable)
        } catch let problem as PeopleFileReader.Problem {
            throw ValidationError(problem.description)
        }
        if !setAside.isEmpty {
            let shown = setAside.prefix(10).joined(separator: ", ") + (setAside.count > 10 ? ", ..." : "")
            print("\(setAside.count) rows not linked: no name, date of birth, NHS or CRO number (\(shown))")
        }
        var settings = LinkageSettings()
        if let threshold { settings.autoLinkProbability = threshold }
        if let randomPairs {
            guard randomPairs > 0 else { throw ValidationError("--random-pairs must be a positive number of pairs") }
            settings.randomPairSampleSize = randomPairs
        }
        var random = Linkage.SeededGenerator(seed: seed)
        let result: LinkageResult
        do {
            result = try await LinkageRun.run(input: input, settings: settings, random: &random)
        } catch {
            throw ValidationError(error.description)
        }
        if let pairs { try LinkOutput.writePairs(result, to: pairs) }
        if let clusters { try LinkOutput.writeClusters(result, to: clusters) }
        let quality = result.summary.fieldQuality
        print("""
            \(result.summary.records) records -> \(result.personCount) people; \(result.summary.candidatePairs) candidate pairs, \
            \(result.summary.pairsAutoLinked) linked, \(result.summary.pairsForReview) for review \
            (\(String(format: "%.1f", result.summary.reviewLoadPerThousandRecords)) per 1,000 records), \
            \(result.summary.pairsDecidedDifferentPeople) decided different people by the cannot-link rule
            fields treated as missing or plain text: \(quality.invalidDates) dates, \(quality.invalidPostcodes) postcodes, \
            \(quality.invalidNHSNumbers) NHS numbers, \(quality.invalidPhones) phones, \(quality.invalidEmails) emails; \
            placeholders treated as not known: \(quality.placeholderNames) names, \(quality.placeholderDates) dates of birth
            \(result.summary.householdMoveReport)
            """)
        for warning in result.summary.warnings.prefix(5) { print("warning: \(warning)") }
    }
}

extension LinkCommand {
    /// `lantern link` with no files: train on and re-cluster the store's records.
    func linkTheStore() async throws {
        let config = LanternConfiguration.fromEnvironment()
        let summary = try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            return try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "command-line")
        }
        let perThousand = summary.records == 0 ? 0 : Double(summary.forReview) * 1_000 / Double(summary.records)
        print("\(summary.records) source records -> \(summary.people) people; \(summary.candidatePairs) candidate pairs, "
              + "\(summary.forReview) for review (\(String(format: "%.1f", perThousand)) per 1,000 records); "
              + "\(summary.moved) records moved to another person")
    }
}

/// The CSV files `lantern link` writes.
enum LinkOutput {
    static func writePairs(_ result: LinkageResult, to path: String) throws {
        var text = "record_id_1,record_id_2,probability,weight,decision,explanation,rule\n"
        for (k, pair) in result.pairs.enumerated() {
            let explanation = result.explanation(for: pair).lines.joined(separator: "; ")
            let outcome = result.outcomes[k]
            text += [result.recordIDs[pair.first], result.recordIDs[pair.second],
                     String(format: "%.6f", pair.probability), String(format: "%.2f", pair.weight),
                     outcome.decision.rawValue, explanation, outcome.reason?.description ?? ""]
                .map(QuarantineFile.quote).joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func writeClusters(_ result: LinkageResult, to path: String) throws {
        var text = "record_id,person_id\n"
        for (index, id) in result.recordIDs.enumerated() {
            text += QuarantineFile.quote(id) + ",P\(result.personOfRecord[index])\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
