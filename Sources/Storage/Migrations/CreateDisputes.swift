import Fluent
import SQLKit

/// Records a subject says are wrong (UK GDPR Art 16): flagged as disputed
/// wherever they show until the owning partner sends a corrected version,
/// which is then notified to everyone the record was shared with (Art 19).
struct CreateDisputes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("disputes")
            .field("id", .uuid, .identifier(auto: false))
            .field("request_id", .uuid, .required)
            .field("person_id", .uuid, .required)
            .field("partner_slug", .string, .required)
            .field("record_kind", .string, .required)
            .field("record_id", .string, .required)
            .field("disputed_version", .int, .required)
            .field("what_is_wrong", .string, .required)
            .field("raised_by", .uuid, .required)
            .field("raised_at", .datetime, .required)
            .field("corrected_version", .int)
            .field("corrected_at", .datetime)
            .field("recipients_told", .int)
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX disputes_person ON disputes (person_id, corrected_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disputes").delete()
    }
}
