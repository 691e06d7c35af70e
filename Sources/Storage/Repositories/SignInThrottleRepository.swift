import Foundation
import LanternDomain
import SQLKit

/// The sign-in throttle's tallies (``SignInThrottle``), by hashed key.
public struct SignInThrottleRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func tally(_ key: String) async throws -> SignInThrottle.Tally? {
        guard let row = try await sql.select().columns("failures", "last_failure", "wait_until").from("sign_in_throttles")
            .where("key", .equal, key).first() else { return nil }
        return SignInThrottle.Tally(failures: try row.decode(column: "failures", as: Int.self),
                                    lastFailure: try row.decode(column: "last_failure", as: Double.self),
                                    waitUntil: try row.decode(column: "wait_until", as: Double?.self))
    }

    public func save(_ key: String, _ tally: SignInThrottle.Tally) async throws {
        try await sql.delete(from: "sign_in_throttles").where("key", .equal, key).run()
        try await sql.insert(into: "sign_in_throttles").columns("key", "failures", "last_failure", "wait_until")
            .values(SQLBind(key), SQLBind(tally.failures), SQLBind(tally.lastFailure), SQLBind(tally.waitUntil)).run()
    }

    public func clear(_ key: String) async throws {
        try await sql.delete(from: "sign_in_throttles").where("key", .equal, key).run()
    }
}
