import Fluent
import SQLKit

/// The breach register: every personal data breach, reportable or not, with
/// its clocks' instants, its impact as computed from the audit ledger and
/// the decisions taken, each with its reason.
struct CreateBreaches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("breaches")
            .field("id", .uuid, .identifier(auto: false))
            .field("reference", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("detected_at", .int64, .required)
            .field("aware_at", .int64, .required)
            .field("scope_actor", .string)
            .field("scope_partner", .string)
            .field("window_from", .int64, .required)
            .field("window_to", .int64, .required)
            .field("subjects", .int, .required)
            .field("disclosures", .int, .required)
            .field("partners", .string, .required)
            .field("containment", .string)
            .field("partners_told_at", .int64)
            .field("ico_decision", .string)
            .field("late_reason", .string)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "reference")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("breaches").delete()
    }
}
