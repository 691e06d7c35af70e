import Fluent

/// DASH risk assessments, each answer kept; a reassessment is a new row
/// linked to the one before.
struct CreateDashAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dash_assessments")
            .field("id", .uuid, .identifier(auto: false))
            .field("victim_id", .uuid, .required)
            .field("perpetrator_id", .uuid)
            .field("partner", .string, .required)
            .field("assessor_id", .uuid, .required)
            .field("assessor_name", .string, .required)
            .field("assessed_on", .string, .required)
            .field("instrument_id", .string, .required)
            .field("instrument_version", .int, .required)
            .field("answers", .string, .required)
            .field("victim_view", .string, .required)
            .field("context_notes", .string, .required)
            .field("judgement", .string)
            .field("judgement_reason", .string, .required)
            .field("yes_count", .int, .required)
            .field("level", .string, .required)
            .field("version", .int, .required)
            .field("previous_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await PlainIndexes.create([("dash_assessments_victim", "dash_assessments", "victim_id")], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dash_assessments").delete()
    }
}
