import ArgumentParser
import EncodedLinkage
import Foundation
import Storage

/// `lantern link --stored-encodings --record-matches --schema S --secret-file KEY`: the
/// command-line side of ``EncodedMatchRun``. It prints counts and the threshold only.
enum EncodedMatchCommand {
    static func run(storedEncodings: Bool, encoded: [String], schema: String?, secretFile: String?,
                    threshold: Double?) async throws {
        guard storedEncodings, encoded.isEmpty else {
            throw ValidationError("--record-matches links the store's encoded people with its people: give --stored-encodings "
                                  + "and no --encoded file (import a partner's file first with --kind encoded-people)")
        }
        guard let schema, let secretFile else {
            throw ValidationError("--record-matches encodes the store's people at the hub: give --schema and --secret-file "
                                  + "(only where the agreement makes the hub an encoder)")
        }
        if let threshold, !(0..<1).contains(threshold) { throw ValidationError("--threshold must be a Dice similarity from 0 up to 1") }
        let secret: [UInt8]
        do { secret = try SecretFile.read(path: secretFile) } catch let problem as SecretFile.Problem {
            throw ValidationError(problem.description)
        }
        let matching = EncodedMatchRun(schema: try EncodeCommand.loadSchema(schema), secret: secret, threshold: threshold,
                                       actor: "command-line")
        let summary: EncodedMatchRun.Summary
        do {
            summary = try await AppRunner.withApp(LanternConfiguration.fromEnvironment()) { app in
                try await app.autoMigrate()
                return try await matching.run(database: app.db, audit: app.auditTrail)
            }
        } catch let problem as EncodedMatchRun.Problem {
            throw ValidationError(problem.description)
        }
        print("\(summary.encodedRecords) encoded records and \(summary.people) people -> \(summary.matches) matches stored "
              + String(format: "(Dice threshold %.3f); the previous run's matches were replaced", summary.threshold))
    }
}
