import Fluent

/// Events by the place they happened and when: an exploitation case asks which
/// people were at the child's places this year, and without this index every
/// case page read the whole events table (about 15 ms a page on the demo).
struct AddEventPlaceIndex: AsyncMigration {
    static let indexes: [PlainIndexes.Index] = [
        ("events_place", "events", "location_postcode, occurred_on"),
    ]

    func prepare(on database: any Database) async throws { try await PlainIndexes.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await PlainIndexes.drop(Self.indexes, on: database) }
}
