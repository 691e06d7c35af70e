import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The case-finding report's counts of listed households and needs
/// (``CaseFindingTally``), kept in step with the case-finding list through the
/// store change log as ``EqualityListingCache`` is: after imports of events or
/// involvements only the households they reached are looked up on the list
/// and counted again, so a report never ranks ~330,000 households.
///
/// Use ``current(_:sql:facts:)`` from the case-finding report, then lay the
/// latest decisions over it. Contract: the counts are those of the list in
/// force at the change they answer for; they are counted afresh whenever the
/// list was (a new day, new need rules, a change that reached everything) or
/// the people facts were re-read (people imports, linkage, disposals), since
/// households and their addresses may then differ.
actor CaseFindingTallyCache {
    private struct Held {
        var seq: Int
        var day: CalendarDate
        var rules: Int
        var peopleSeq: Int
        var tally: CaseFindingTally
    }

    private var held: Held?
    /// How the counts were last brought up to date, and how long it took, for tests and the bench.
    private(set) var lastUpdate: ReportAggregates.Update?
    private(set) var lastSeconds: Double = 0

    func current(_ casework: CaseworkService, sql: any SQLDatabase, facts: BoardFacts) async throws -> CaseFindingTally {
        let clock = ContinuousClock()
        let started = clock.now
        let today = CalendarDate.today(at: Date())
        let (list, seq) = try await casework.caseFindingListAndSeq(sql, today: today)
        let rules = list.caseFinding.ruleSet.version
        if var current = held, current.day == list.day, current.rules == rules, current.peopleSeq == facts.peopleSeq {
            if current.seq == seq { return current.tally }
            let log = StoreChangeLog(database: sql)
            if let reached = try await CaseworkService.householdsReached(by: try await log.changes(after: current.seq), log: log, sql: sql) {
                for id in reached.map(\.uuidString) {
                    current.tally.set(id, entry: list.isListed(id) ? list.entry(for: id) : nil)
                }
                current.seq = seq
                held = current
                lastUpdate = .incremental
                lastSeconds = CaseworkService.seconds(clock.now - started)
                return current.tally
            }
        }
        let tally = CaseFindingTally(list.listedHouseholds().compactMap(list.entry(for:)))
        held = Held(seq: seq, day: list.day, rules: rules, peopleSeq: facts.peopleSeq, tally: tally)
        lastUpdate = .rebuilt
        lastSeconds = CaseworkService.seconds(clock.now - started)
        return tally
    }
}

extension Application {
    private struct CaseFindingTallyKey: StorageKey { typealias Value = CaseFindingTallyCache }

    /// The case-finding report's listed counts, made on first use.
    var caseFindingTally: CaseFindingTallyCache {
        if let existing = storage[CaseFindingTallyKey.self] { return existing }
        let made = CaseFindingTallyCache()
        storage[CaseFindingTallyKey.self] = made
        return made
    }
}
