import Fluent

/// Whether the account must change its password before anything else: set
/// when an administrator made the account or reset its password, since the
/// administrator then knows it too.
struct UpdateUsersAddPasswordChange: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("must_change_password", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("must_change_password").update()
    }
}
