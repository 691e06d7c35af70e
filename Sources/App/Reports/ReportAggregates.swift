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
/// directly. After imports only, the event counts are updated in place from
/// what the batches wrote (new versions in, the versions they replaced out);
/// moves of people between records change no event count; anything else
/// (a disposal, households regrouped) rebuilds them whole.
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
        if let held = snapshot, let updated = try await Self.update(held, sql, to: latest) {
            snapshot = updated
            lastUpdate = .incremental
            return updated
        }
        let built = try await Self.build(sql, seq: latest)
        snapshot = built
        lastUpdate = .rebuilt
        return built
    }

    enum Update: Sendable { case rebuilt, incremental }
    /// How the aggregates were last brought up to date, for tests and the bench.
    private(set) var lastUpdate: Update?

    /// `held` brought up to `latest` from the change log, or nil when only a rebuild is right.
    static func update(_ held: Snapshot, _ sql: any SQLDatabase, to latest: Int) async throws -> Snapshot? {
        var batches: [UUID] = []
        for change in try await StoreChangeLog(database: sql).changes(after: held.seq) {
            switch change.reach {
            case .batch(let batch): batches.append(batch)
            case .people: continue  // records moved between people: events are counted by record, not by person
            case .everything: return nil
            }
        }
        let repository = DisclosureAggregateRepository(database: sql)
        guard let changes = try await repository.eventChanges(batches: batches) else { return nil }
        var updated = held
        updated.seq = latest
        updated.atoms = held.atoms.applying(changes)
        // Addresses are distinct counts, not sums: re-read them when a batch wrote people.
        if try await repository.wroteRecords(batches: batches) {
            updated.addresses = try await addresses(repository)
        }
        return updated
    }

    static func build(_ sql: any SQLDatabase, seq: Int) async throws -> Snapshot {
        let repository = DisclosureAggregateRepository(database: sql)
        let tally = EventAtoms.Tally()
        try await repository.eventCounts { tally.add($0) }
        return Snapshot(seq: seq, atoms: tally.atoms(), addresses: try await addresses(repository))
    }

    static func addresses(_ repository: DisclosureAggregateRepository) async throws -> [String: Int] {
        var addresses: [String: Int] = [:]
        for (postcode, count) in try await repository.addressesByPostcode() {
            if let sector = Postcode(postcode)?.sector { addresses[sector, default: 0] += count }
        }
        return addresses
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
