import Fluent

/// When each account last signed in, and when it was disabled: partner
/// administrators see idle accounts and end access at once.
struct UpdateUsersAddAccountState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("last_sign_in_at", .datetime).update()
        try await database.schema("users").field("disabled_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("disabled_at").update()
        try await database.schema("users").deleteField("last_sign_in_at").update()
    }
}
