import EncodedLinkage
import FluentKit
import Foundation
import Storage
import SQLKit

/// Matches partners' encoded people to Lantern's people and stores the matches, where the
/// agreement makes the hub an encoder: the store's clear-text records are encoded here
/// with the schema and the secret, linked with the stored encodings, and every encoded
/// record that falls in a person's group becomes "a person known to partner X".
///
/// Use it from `lantern link --stored-encodings --record-matches` or a test. Contract: the
/// secret is used in memory only, never written, logged or audited; a run replaces the
/// last run's matches all or nothing, in one transaction with its audit entry, which
/// holds counts only.
struct EncodedMatchRun {
    var schema: LinkageSchema
    var secret: [UInt8]
    /// A fixed Dice threshold instead of the fitted one.
    var threshold: Double?
    var actor: String

    struct Summary: Sendable, Equatable {
        var encodedRecords: Int
        var people: Int
        var matches: Int
        var threshold: Double
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The slug under which the hub's own encodings run: no partner's slug has a tilde.
    static let hubPartner = "~lantern"

    func run(database: any Database, audit: AuditTrail, at now: Date = Date()) async throws -> Summary {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let stored = try await EncodedRecordRepository(database: sql).all()
        var records = EncodedRecords(bits: schema.length)
        do {
            try EncodedLink.add(stored, to: &records)
        } catch {
            throw Problem(description: "\(error)")
        }
        var personOfRecord = [String?](repeating: nil, count: records.count)
        let people = try await LinkageRepository(database: sql).records().filter { $0.personID != nil }
        let rows = people.enumerated().map { index, record in
            EncodeInput.Row(line: index + 1, values: Self.values(of: record, for: schema))
        }
        let encoder = try CLKEncoder(schema: schema, secret: secret)
        let clks: [CLK]
        do {
            clks = try await BatchEncoder.encode(rows, encoder: encoder, standardiser: ValueStandardiser.lantern(schema))
        } catch let problem as EncodingProblem {
            throw Problem(description: "a stored record could not be encoded:\(problem.description)")
        }
        for (record, clk) in zip(people, clks) {
            let person = record.personID!.uuidString
            // The person's id as the hub's own person number: two people of the hub never join.
            records.append(recordID: "\(Self.hubPartner):\(record.id.uuidString)", partner: Self.hubPartner, clk: clk,
                           partnerPersonID: person)
            personOfRecord.append(person)
        }
        var matches: [StoredEncodedMatch] = []
        var fitted = threshold ?? 0
        // With nothing on one side there is nothing to match: the run still clears the last one's matches.
        if !stored.isEmpty && !people.isEmpty {
            var settings = EncodedLinker.Settings()
            settings.threshold = threshold
            let result = await EncodedLinker.link(records, settings: settings, tasks: ProcessInfo.processInfo.activeProcessorCount)
            fitted = result.threshold
            matches = EncodedPersonMatcher.matches(records, personOfRecord: personOfRecord, group: result.personOf)
                .compactMap { match -> StoredEncodedMatch? in
                    guard let person = UUID(uuidString: match.person) else { return nil }
                    let source = stored[match.record]
                    return StoredEncodedMatch(partner: source.partner, recordID: source.recordID, personID: person,
                                              dice: match.dice, threshold: result.threshold, matchedAt: now)
                }
        }
        let summary = Summary(encodedRecords: stored.count, people: Set(people.compactMap(\.personID)).count,
                              matches: matches.count, threshold: fitted)
        let replacing = matches
        try await database.transaction { transaction in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            try await EncodedMatchRepository(database: tx).replace(with: replacing)
            try await audit.record([AuditRecord(
                actor: actor, partner: "", purpose: "case-finding", action: .write, subject: "encoded-linkage",
                resource: "encoded:\(summary.encodedRecords) people:\(summary.people) matches:\(summary.matches)",
                decision: .permit,
                reason: String(format: "encoded records matched to people; Dice threshold %.3f", summary.threshold))], on: tx)
        }
        return summary
    }

    /// A stored record's values in the schema's feature order, read by the feature's name
    /// (or the people extract's name for it, as `lantern encode` reads a people file).
    static func values(of record: LinkableRecord, for schema: LinkageSchema) -> [String] {
        let fields: [String: String?] = [
            "given_names": record.givenNames.split(separator: " ").first.map(String.init),
            "family_name": record.familyName, "date_of_birth": record.dateOfBirth, "sex": record.sex,
            "address_line": record.addressLine, "postcode": record.postcode,
        ]
        return schema.features.map { feature in
            guard feature.hashing != nil else { return "" }
            let names = [feature.identifier.lowercased()] + (EncodeInput.aliases[feature.identifier] ?? [])
            for name in names { if let value = fields[name] { return value ?? "" } }
            return ""
        }
    }
}
