import FluentKit
import SQLKit

/// Matches between partners' encoded people and Lantern's people, made at the hub by
/// encoding the store's clear-text records (`lantern link --stored-encodings
/// --record-matches`). Each run replaces the last. No name: a match says only that a
/// partner's encoded record is this person, with its Dice and the run's threshold.
struct CreateEncodedMatches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("encoded_matches")
            .field("id", .uuid, .identifier(auto: false))
            .field("partner_slug", .string, .required)
            .field("record_id", .string, .required)
            .field("person_id", .uuid, .required)
            .field("dice", .double, .required)
            .field("threshold", .double, .required)
            .field("matched_at", .datetime, .required)
            .unique(on: "partner_slug", "record_id")
            .create()
        try await database.sqlDatabase().raw("CREATE INDEX encoded_matches_person ON encoded_matches (person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("encoded_matches").delete()
    }
}
