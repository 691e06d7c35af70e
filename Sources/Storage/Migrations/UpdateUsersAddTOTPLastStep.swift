import Fluent

/// The last second-factor time step accepted for each account, so a code
/// seen over someone's shoulder (or replayed) cannot be used again within
/// its window (ASVS 6.5.1), on whichever Lantern process it is sent to.
struct UpdateUsersAddTOTPLastStep: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("totp_last_step", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("totp_last_step").update()
    }
}
