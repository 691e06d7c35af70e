@testable import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor

/// An exploitation case asks which people were at the child's places this year;
/// the events table must answer that by index, on both stores, and a bulk load
/// that drops the plain indexes must make this one again.
@Suite struct EventPlaceIndexTests {
    func indexNames(_ sql: any SQLDatabase, _ store: TestStore) async throws -> Set<String> {
        switch store {
        case .sqlite:
            return Set(try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").all()
                .map { try $0.decode(column: "name", as: String.self) })
        case .postgres:
            return Set(try await sql.raw("SELECT indexname FROM pg_indexes WHERE tablename = 'events'").all()
                .map { try $0.decode(column: "indexname", as: String.self) })
        }
    }

    @Test(arguments: TestStore.available)
    func eventsAreIndexedByPlaceAndDateAndABulkLoadRebuildsIt(_ store: TestStore) async throws {
        try await withApp(store) { app in
            let sql = app.db as! any SQLDatabase
            #expect(try await indexNames(sql, store).contains("events_place"))
            try await BulkLoadIndexes.drop(on: sql)
            #expect(try await !indexNames(sql, store).contains("events_place"))
            try await BulkLoadIndexes.create(on: sql)
            #expect(try await indexNames(sql, store).contains("events_place"))
            // The placed-events read still answers (nothing is held yet).
            let placed = try await ExploitationRepository(database: sql).placedEvents(postcodes: ["HX1 1AA"], since: "2026-01-01")
            #expect(placed.isEmpty)
        }
    }
}
