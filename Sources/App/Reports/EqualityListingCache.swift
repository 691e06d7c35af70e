import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The equality report's "listed" counts (``EqualityListing``), kept in step
/// with the case-finding list through the store change log, as the list
/// itself is: after imports of events or involvements only the households
/// they reached are looked up on the list and counted in or out.
///
/// Use ``current(_:sql:facts:)`` from the equality report. Contract: the
/// counts are those of the list in force at the change they answer for; they
/// are counted afresh whenever the list was (a new day, new need rules, a
/// change that reached everything) or the people facts were re-read (people
/// imports, linkage, disposals), since households and their members may then differ.
actor EqualityListingCache {
    private struct Held {
        var seq: Int
        var day: CalendarDate
        var rules: Int
        var peopleSeq: Int
        var listing: EqualityListing
    }

    private var held: Held?
    /// How the counts were last brought up to date, for tests and the bench.
    private(set) var lastUpdate: ReportAggregates.Update?

    func current(_ casework: CaseworkService, sql: any SQLDatabase, facts: BoardFacts) async throws -> EqualityListing {
        let today = CalendarDate.today(at: Date())
        let (list, seq) = try await casework.caseFindingListAndSeq(sql, today: today)
        let rules = list.caseFinding.ruleSet.version
        if var current = held, current.day == list.day, current.rules == rules, current.peopleSeq == facts.peopleSeq {
            if current.seq == seq { return current.listing }
            let log = StoreChangeLog(database: sql)
            if let reached = try await CaseworkService.householdsReached(by: try await log.changes(after: current.seq), log: log, sql: sql) {
                for id in reached.map(\.uuidString) {
                    current.listing.set(id, listed: list.isListed(id), members: facts.counts.membersOf[id] ?? [])
                }
                current.seq = seq
                held = current
                lastUpdate = .incremental
                return current.listing
            }
        }
        let listing = EqualityListing(members: facts.counts.membersOf, listed: list.listedHouseholds())
        held = Held(seq: seq, day: list.day, rules: rules, peopleSeq: facts.peopleSeq, listing: listing)
        lastUpdate = .rebuilt
        return listing
    }
}

extension Application {
    private struct EqualityListingKey: StorageKey { typealias Value = EqualityListingCache }

    /// The equality report's listed counts, made on first use.
    var equalityListing: EqualityListingCache {
        if let existing = storage[EqualityListingKey.self] { return existing }
        let made = EqualityListingCache()
        storage[EqualityListingKey.self] = made
        return made
    }
}
