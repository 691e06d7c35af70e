import Fluent

/// ASB case reviews (the Community Trigger): each application with its
/// rules as they stood, its clocks' dates, the written threshold decision,
/// the review meeting's recommendations and any appeal; and the complaints
/// the threshold was checked over.
struct CreateASBCaseReviewTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("asb_case_reviews")
            .field("id", .uuid, .identifier(auto: false))
            .field("reference", .string, .required)
            .field("victim_person_id", .uuid)
            .field("applicant", .string, .required)
            .field("on_behalf", .bool, .required)
            .field("consent", .bool, .required)
            .field("received_on", .string, .required)
            .field("rules", .string, .required)
            .field("acknowledged_on", .string)
            .field("decided_on", .string)
            .field("threshold_met", .bool)
            .field("decision", .string)
            .field("meeting_on", .string)
            .field("recommendations", .string)
            .field("appeal_requested_on", .string)
            .field("appeal_outcome", .string)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "reference")
            .create()
        try await database.schema("asb_case_review_complaints")
            .field("id", .uuid, .identifier(auto: false))
            .field("review_id", .uuid, .required)
            .field("agency", .string, .required)
            .field("reference", .string, .required)
            .field("incident_on", .string, .required)
            .field("reported_on", .string, .required)
            .field("hate", .bool, .required)
            .create()
        try await PlainIndexes.create([("asb_case_review_complaints_review", "asb_case_review_complaints", "review_id")], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("asb_case_review_complaints").delete()
        try await database.schema("asb_case_reviews").delete()
    }
}
