import Fluent

/// Source records (a person as one partner knows them) and their earlier versions.
struct CreateSourceRecords: AsyncMigration {
    static let columns: [(FieldKey, DatabaseSchema.DataType)] = [
        ("given_names", .string), ("family_name", .string), ("other_names", .string),
        ("date_of_birth", .string), ("sex", .string), ("address_line", .string),
        ("postcode", .string), ("uprn", .string), ("address_from", .string), ("phone", .string),
        ("email", .string), ("nhs_number", .string), ("cro_number", .string),
        ("related_record_id", .string), ("relationship", .string), ("search_key", .string),
    ]

    func prepare(on database: any Database) async throws {
        for table in ["source_records", "source_record_versions"] {
            var builder = database.schema(table)
                .field(table == "source_records" ? "id" : "record_uuid", .uuid,
                       table == "source_records" ? .identifier(auto: false) : .required)
                .field("partner_slug", .string, .required)
                .field("record_id", .string, .required)
                .field("version", .int, .required)
                .field("batch_id", .uuid, .required)
                .field("received_at", .datetime, .required)
                .field("person_id", .uuid)
            for (key, type) in Self.columns { builder = builder.field(key, type) }
            if table == "source_records" {
                builder = builder.unique(on: "partner_slug", "record_id")
            } else {
                // An earlier version is keyed by the record it belonged to and its number.
                builder = builder.field("superseded_at", .datetime, .required)
                    .unique(on: "record_uuid", "version")
            }
            try await builder.create()
        }
        try await database.schema("people")
            .id()
            .field("display_name", .string, .required)
            .field("date_of_birth", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
        try await database.schema("source_record_versions").delete()
        try await database.schema("source_records").delete()
    }
}
