import Fluent

/// Failed sign-ins counted per (source, username) and per source, shared by
/// every Lantern process over the store. Keys are keyed hashes: neither an
/// address nor a username is kept in plain text.
struct CreateSignInThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_throttles")
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("last_failure", .double, .required)
            .field("wait_until", .double)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_throttles").delete()
    }
}
