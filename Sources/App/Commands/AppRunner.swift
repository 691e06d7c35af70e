import Fluent
import SQLKit
import Foundation
import Logging
import Storage
import Vapor

/// Starts a configured application for one command and shuts it down after.
enum AppRunner {
    static func withApp<T: Sendable>(_ config: LanternConfiguration, serving: Bool = false,
                                     _ body: (Application) async throws -> T) async throws -> T {
        let environment = Environment(name: "production", arguments: serving ? ["lantern", "serve"] : ["lantern"])
        let app = try await Application.make(environment)
        do {
            try await configure(app, config)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func sql(_ app: Application) throws -> any SQLDatabase {
        guard let sql = app.db as? any SQLDatabase else { throw StorageError.notSQL }
        return sql
    }

    /// Sets up logging once per process: stderr, level from the configuration.
    static func bootstrapLogging(_ level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Prints a progress line on a terminal and nothing when piped.
struct ProgressLine: Sendable {
    let enabled = isatty(STDERR_FILENO) == 1

    func show(_ label: String, _ progress: ImportProgress) {
        guard enabled, progress.seconds > 0 else { return }
        let rate = Double(progress.rows) / progress.seconds
        var left = ""
        if let total = progress.totalBytes, progress.bytesRead > 0 {
            let remaining = progress.seconds * Double(total - progress.bytesRead) / Double(progress.bytesRead)
            left = String(format: ", about %.0f s left", max(0, remaining))
        }
        FileHandle.standardError.write(Data("\r\(label): \(progress.rows) rows, \(Int(rate)) rows/s\(left)   ".utf8))
    }

    func done() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
