import FluentKit
import SQLKit

/// Requests to a partner known to hold a person only through an encoded match, asking it
/// to disclose its involvement (request and response), with the partner's answer: an
/// involvement note and a contact, or a refusal with its reason.
struct CreatePartnerDisclosures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partner_disclosures")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required)
            .field("partner_slug", .string, .required)
            .field("requester", .uuid, .required)
            .field("requester_name", .string, .required)
            .field("requester_partner", .string, .required)
            .field("purpose", .string, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("answered_by_name", .string)
            .field("involvement_note", .string)
            .field("contact", .string)
            .field("answer_reason", .string)
            .field("answered_at", .datetime)
            .create()
        let sql = try database.sqlDatabase()
        try await sql.raw("CREATE INDEX partner_disclosures_partner ON partner_disclosures (partner_slug, status)").run()
        try await sql.raw("CREATE INDEX partner_disclosures_requester ON partner_disclosures (requester, person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("partner_disclosures").delete()
    }
}
