import Fluent

/// Households: people who share an address episode or declared a
/// relationship, with the evidence that grouped them.
struct CreateHouseholds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("households")
            .field("id", .uuid, .identifier(auto: false))
            .field("size", .int, .required)
            .field("grouped_at", .datetime, .required)
            .create()
        try await database.schema("household_members")
            .field("household_id", .uuid, .required)
            .field("person_id", .uuid, .required)
            .unique(on: "person_id")
            .create()
        try await database.schema("household_evidence")
            .field("household_id", .uuid, .required)
            .field("description", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["household_evidence", "household_members", "households"] {
            try await database.schema(table).delete()
        }
    }
}
