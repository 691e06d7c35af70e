import ArgumentParser
import Foundation
import SQLKit

/// `lantern backup --to FILE`: a consistent copy of a running SQLite store.
///
/// SQLite's `VACUUM INTO` writes the database as one transaction sees it, so
/// the copy is whole even while imports and page views go on (WAL readers
/// are not blocked, and writers wait only for the copy's read). PostgreSQL is
/// backed up with `pg_dump` (docs/deploy.md). The keys in `LANTERN_DATA`
/// (`ledger-signing.key`, `secrets.key`) are not in the copy: keep them
/// apart from it, as the copy without them cannot prove the ledger.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the SQLite store consistently, while it runs.")

    @ArgumentParser.Option(help: "The file to write; it must not exist.") var to: String

    func run() async throws {
        let config = LanternConfiguration.fromEnvironment()
        guard config.databaseURL == nil else {
            throw ValidationError("the store is PostgreSQL: back it up with pg_dump --format=custom (see docs/deploy.md)")
        }
        let target = URL(fileURLWithPath: to).standardizedFileURL.path
        guard !FileManager.default.fileExists(atPath: target) else {
            throw ValidationError("\(to) exists: choose a new file, so no backup is overwritten")
        }
        guard FileManager.default.fileExists(atPath: config.sqlitePath) else {
            throw ValidationError("there is no store at \(config.sqlitePath): check LANTERN_DATA")
        }
        try await AppRunner.withApp(config) { app in
            try await AppRunner.sql(app).raw("VACUUM INTO \(bind: target)").run()
        }
        print("Backed up \(config.sqlitePath) to \(target). Keep ledger-signing.key and secrets.key from \(config.dataDirectory) safely apart from it.")
    }
}

/// `lantern restore --from FILE`: puts a backup in place of the store, with
/// the server stopped. Checks that the file is a SQLite database, and refuses
/// to replace a store unless told to; `lantern audit verify` then checks
/// every entry of the restored ledger against the signing key.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Restore the SQLite store from a backup (server stopped).")

    @ArgumentParser.Option(help: "The backup made by `lantern backup`.") var from: String
    @ArgumentParser.Flag(help: "Replace the existing store (it is kept beside it as .before-restore).") var replace = false

    func run() async throws {
        let config = LanternConfiguration.fromEnvironment()
        guard config.databaseURL == nil else {
            throw ValidationError("the store is PostgreSQL: restore it with pg_restore (see docs/deploy.md)")
        }
        let source = URL(fileURLWithPath: from).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: source) else { throw ValidationError("no backup at \(from)") }
        // Opened only to read its header: opening it as a store would write to it.
        let header = FileHandle(forReadingAtPath: source).flatMap { try? $0.read(upToCount: 16) }
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw ValidationError("\(from) is not a SQLite database: nothing was restored")
        }
        let manager = FileManager.default
        try manager.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        if manager.fileExists(atPath: config.sqlitePath) {
            guard replace else { throw ValidationError("a store exists at \(config.sqlitePath): stop the server and pass --replace") }
            let kept = config.sqlitePath + ".before-restore"
            try? manager.removeItem(atPath: kept)
            try manager.moveItem(atPath: config.sqlitePath, toPath: kept)
        }
        // A write-ahead log left by the old store would be replayed into the restored one.
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: config.sqlitePath + suffix) }
        try manager.copyItem(atPath: source, toPath: config.sqlitePath)
        print("Restored \(source) to \(config.sqlitePath). Now run `lantern audit verify`.")
    }
}
