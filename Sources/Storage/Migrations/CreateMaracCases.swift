import Fluent

/// Panel cases (a MARAC case is keyed on its victim and perpetrators) with
/// the referral as submitted, and the step-by-step history of each case.
struct CreateMaracCases: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("marac_cases_victim", "marac_cases", "victim_id"),
        ("marac_cases_perpetrator", "marac_cases", "perpetrator_id"),
        ("marac_cases_state", "marac_cases", "area_slug, state"),
        ("marac_case_steps_case", "marac_case_steps", "case_id"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("marac_cases")
            .field("id", .uuid, .identifier(auto: false))
            .field("reference", .string, .required)
            .field("area_slug", .string, .required)
            .field("area_version", .int, .required)
            .field("victim_id", .uuid, .required)
            .field("perpetrator_id", .uuid)
            .field("people", .string, .required)
            .field("state", .string, .required)
            .field("routes", .string, .required)
            .field("referral", .string, .required)
            .field("dash_id", .uuid)
            .field("referrer_id", .uuid, .required)
            .field("partner", .string, .required)
            .field("referred_on", .string, .required)
            .field("emergency", .bool, .required)
            .field("note", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "reference")
            .create()
        try await database.schema("marac_case_steps")
            .field("case_id", .uuid, .required)
            .field("step", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("reason", .string)
            .field("by_user", .uuid, .required)
            .field("at", .datetime, .required)
            .create()
        try await PlainIndexes.create(Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await PlainIndexes.drop(Self.indexes, on: database)
        try await database.schema("marac_case_steps").delete()
        try await database.schema("marac_cases").delete()
    }
}
