import FluentKit

/// Encoded people from partners that may not send identities: a record id, the
/// partner's own person id and the CLK, with earlier versions kept as for other records.
/// No person is made for them at import; the encoded linker groups them.
struct CreateEncodedRecords: AsyncMigration {
    static let columns: [(FieldKey, DatabaseSchema.DataType)] = [("clk", .string), ("partner_person_id", .string)]

    func prepare(on database: any Database) async throws {
        for table in ["encoded_records", "encoded_record_versions"] {
            let current = table == "encoded_records"
            var builder = database.schema(table)
                .field(current ? "id" : "record_uuid", .uuid, current ? .identifier(auto: false) : .required)
                .field("partner_slug", .string, .required)
                .field("record_id", .string, .required)
                .field("version", .int, .required)
                .field("batch_id", .uuid, .required)
                .field("received_at", .datetime, .required)
            for (key, type) in Self.columns { builder = builder.field(key, type) }
            builder = current
                ? builder.unique(on: "partner_slug", "record_id")
                : builder.field("superseded_at", .datetime, .required).unique(on: "record_uuid", "version")
            try await builder.create()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["encoded_record_versions", "encoded_records"] {
            try await database.schema(table).delete()
        }
    }
}
