import Fluent

/// Signed-in sessions, in the store rather than one server's memory, so that
/// several Lantern processes over one PostgreSQL share them and a restart
/// signs no one out. The key is the SHA-256 of the cookie's session id: a
/// copy of this table (a backup, a replica) holds no usable cookie.
struct CreateSessions: AsyncMigration {
    static let indexes: [PlainIndexes.Index] = [
        ("sessions_user", "sessions", "user_id"),
        ("sessions_expiry", "sessions", "expires_at"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("id_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid)
            .field("data", .string, .required)
            // Seconds since 1970 UTC: compared in SQL alike on SQLite and PostgreSQL.
            .field("created_at", .int64, .required)
            .field("seen_at", .int64, .required)
            .field("expires_at", .int64, .required)
            .create()
        try await PlainIndexes.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
