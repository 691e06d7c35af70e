import ArgumentParser
import Foundation
import Ledger
import Storage

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check and publish the audit ledger.",
                                                    subcommands: [Verify.self, Heads.self])

    /// `lantern audit verify`: recompute every leaf and root, check every signed
    /// head, and name the first entry altered, removed or reordered.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify the whole audit ledger.")

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let started = ContinuousClock.now
            let report = try await AppRunner.withApp(config) { app in
                // Brings an older store's schema up to date; on a new one there is nothing to verify.
                try await app.autoMigrate()
                return try await AuditRepository(database: try AppRunner.sql(app))
                    .verify(verifier: app.auditTrail.signer.verifier)
            }
            let elapsed = ContinuousClock.now - started
            if let fault = report.fault {
                print("Audit ledger FAILED verification after \(report.entriesChecked) entries: \(fault)")
                throw ExitCode(1)
            }
            print("Audit ledger intact: \(report.entriesChecked) entries, \(report.headsVerified) signed heads verified, "
                  + "root \(report.rootHash.base64), in \(elapsed)")
        }
    }

    /// `lantern audit heads`: the signed tree heads and public key as JSON, for
    /// partners to keep and later check that history was not rewritten.
    struct Heads: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "heads", abstract: "Print the signed tree heads as JSON.")

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let published = try await AppRunner.withApp(config) { app in
                PublishedHeads(publicKey: Data(app.auditTrail.signer.verifier.publicKeyBytes).base64EncodedString(),
                               heads: try await AuditRepository(database: try AppRunner.sql(app)).signedHeads())
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(published), as: UTF8.self))
        }
    }
}

/// What a partner downloads to check the ledger later.
struct PublishedHeads: Codable, Sendable {
    var publicKey: String
    var heads: [SignedTreeHead]
}
