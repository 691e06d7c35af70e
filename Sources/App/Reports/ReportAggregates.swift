import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The reports' precomputed aggregates (events by sector, month, category
/// and partner; addresses by sector), kept in memory and rebuilt only when
/// the store change log has moved on, as the case-finding list is.
///
/// Use ``current(_:)`` from every report. Contract: the aggregates answer for
/// the change-log number they were built at; a report never reads events
/// directly. Any change (an import, a linkage run) rebuilds them whole: an
/// event's earlier version would be needed to update a count in place.
actor ReportAggregates {
    struct Snapshot: Sendable {
        var seq: Int
        var atoms: EventAtoms
        /// Distinct addresses per postcode sector.
        var addresses: [String: Int]
    }

    private var snapshot: Snapshot?

    func current(_ sql: any SQLDatabase) async throws -> Snapshot {
        let latest = try await StoreChangeLog(database: sql).latest()
        if let snapshot, snapshot.seq == latest { return snapshot }
        let built = try await Self.build(sql, seq: latest)
        snapshot = built
        return built
    }

    static func build(_ sql: any SQLDatabase, seq: Int) async throws -> Snapshot {
        let repository = DisclosureAggregateRepository(database: sql)
        let atoms = EventAtoms(rows: try await repository.eventCounts())
        var addresses: [String: Int] = [:]
        for (postcode, count) in try await repository.addressesByPostcode() {
            if let sector = Postcode(postcode)?.sector { addresses[sector, default: 0] += count }
        }
        return Snapshot(seq: seq, atoms: atoms, addresses: addresses)
    }
}

extension Application {
    private struct ReportAggregatesKey: StorageKey { typealias Value = ReportAggregates }

    /// The reports' aggregates, made on first use.
    var reportAggregates: ReportAggregates {
        if let existing = storage[ReportAggregatesKey.self] { return existing }
        let made = ReportAggregates()
        storage[ReportAggregatesKey.self] = made
        return made
    }
}
