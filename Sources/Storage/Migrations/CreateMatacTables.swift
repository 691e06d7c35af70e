import Fluent
import SQLKit

/// MATAC: every saved version of the score weights (who, when, why), the
/// panel's decisions on the people the list proposed, and the scores
/// recorded over time as the outcome measure.
struct CreateMatacTables: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("matac_weight_sets")
            .field("version", .int, .identifier(auto: false))
            .field("weights", .string, .required)
            .field("author", .uuid, .required)
            .field("author_name", .string, .required)
            .field("reason", .string, .required)
            .field("saved_at", .datetime, .required)
            .create()
        try await database.schema("matac_decisions")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required)
            .field("outcome", .string, .required)
            .field("reason", .string, .required)
            .field("interventions", .string, .required)
            .field("weights_version", .int, .required)
            .field("score_seen", .int, .required)
            .field("decided_on", .string, .required)
            .field("decided_by", .uuid, .required)
            .field("decided_by_name", .string, .required)
            .field("decided_at", .datetime, .required)
            .create()
        try await database.schema("matac_scores")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required)
            .field("scored_on", .string, .required)
            .field("weights_version", .int, .required)
            .field("total", .int, .required)
            .field("recency", .int, .required)
            .field("frequency", .int, .required)
            .field("gravity", .int, .required)
            .field("victims", .int, .required)
            .field("serial", .bool, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "person_id", "scored_on", "weights_version")
            .create()
        try await PlainIndexes.create([("matac_decisions_person", "matac_decisions", "person_id")], on: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["matac_scores", "matac_decisions", "matac_weight_sets"] {
            try await database.schema(table).delete()
        }
    }
}
