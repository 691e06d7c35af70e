import Foundation
import SQLKit

/// The encoded people partners have imported (`--kind encoded-people`), read for the
/// encoded linker. Contract: current versions only, in partner then record order, so a
/// linkage run over the same store is repeatable.
public struct EncodedRecordRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { sql = database }

    public struct Stored: Sendable, Equatable {
        public var partner: String
        public var recordID: String
        public var clk: String
        public var partnerPersonID: String?
    }

    public func all() async throws -> [Stored] {
        try await sql.select().columns("partner_slug", "record_id", "clk", "partner_person_id").from("encoded_records")
            .orderBy("partner_slug").orderBy("record_id")
            .all()
            .map { row in
                Stored(partner: try row.decode(column: "partner_slug", as: String.self),
                       recordID: try row.decode(column: "record_id", as: String.self),
                       clk: try row.decode(column: "clk", as: String.self),
                       partnerPersonID: try row.decode(column: "partner_person_id", as: String?.self))
            }
    }
}
