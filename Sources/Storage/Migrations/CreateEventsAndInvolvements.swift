import Fluent

/// Events partners recorded about people, and the services working with them,
/// each with a table of earlier versions.
struct CreateEventsAndInvolvements: AsyncMigration {
    static let eventColumns: [(FieldKey, DatabaseSchema.DataType)] = [
        ("person_record_id", .string), ("category", .string), ("data_category", .string),
        ("role", .string), ("occurred_on", .string), ("summary", .string),
        ("location_postcode", .string), ("nature", .string), ("opinion_basis", .string),
        ("last_action_on", .string), ("closed_on", .string),
    ]
    static let involvementColumns: [(FieldKey, DatabaseSchema.DataType)] = [
        ("person_record_id", .string), ("service", .string), ("work_type", .string),
        ("worker_name", .string), ("worker_role", .string), ("lead_professional", .bool),
        ("contact", .string), ("started_on", .string), ("ended_on", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (base, columns) in [("events", Self.eventColumns), ("involvements", Self.involvementColumns)] {
            for table in [base, base.dropLast() + "_versions"] {
                var builder = database.schema(table)
                    .field(table == base ? "id" : "record_uuid", .uuid,
                           table == base ? .identifier(auto: false) : .required)
                    .field("partner_slug", .string, .required)
                    .field("record_id", .string, .required)
                    .field("version", .int, .required)
                    .field("batch_id", .uuid, .required)
                    .field("received_at", .datetime, .required)
                for (key, type) in columns { builder = builder.field(key, type) }
                if table == base {
                    builder = builder.unique(on: "partner_slug", "record_id")
                } else {
                    // An earlier version is keyed by the record it belonged to and its number.
                    builder = builder.field("superseded_at", .datetime, .required)
                        .unique(on: "record_uuid", "version")
                }
                try await builder.create()
            }
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["events", "event_versions", "involvements", "involvement_versions"] {
            try await database.schema(table).delete()
        }
    }
}
