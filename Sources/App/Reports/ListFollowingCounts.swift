import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// Counts drawn from the case-finding list (the equality report's listed
/// people, the case-finding report's listed households and needs), kept in
/// step with the list through the store change log as the list itself is:
/// after imports of events or involvements only the households they reached
/// are looked up on the list and counted in or out, so a report never ranks
/// ~330,000 households.
///
/// Use ``current(_:sql:facts:)``. Contract: the counts are those of the list
/// in force at the change they answer for; they are counted afresh whenever
/// the list was (a new day, new need rules, a change that reached everything)
/// or the people facts were re-read (people imports, linkage, disposals),
/// since households and their members may then differ.
actor ListFollowingCounts<Counts: Sendable> {
    /// Counts the whole list afresh.
    typealias Make = @Sendable (CaseFindingList, BoardFacts) -> Counts
    /// Counts one household (by id) in or out again, as the list now has it.
    typealias Recount = @Sendable (inout Counts, String, CaseFindingList, BoardFacts) -> Void

    private struct Held {
        var seq: Int
        var day: CalendarDate
        var rules: Int
        var peopleSeq: Int
        var counts: Counts
    }

    private let make: Make
    private let recount: Recount
    private var held: Held?
    /// How the counts were last brought up to date, and how long it took, for tests and the bench.
    private(set) var lastUpdate: ReportAggregates.Update?
    private(set) var lastSeconds: Double = 0

    init(make: @escaping Make, recount: @escaping Recount) {
        self.make = make
        self.recount = recount
    }

    func current(_ casework: CaseworkService, sql: any SQLDatabase, facts: BoardFacts) async throws -> Counts {
        let clock = ContinuousClock()
        let started = clock.now
        let (list, seq) = try await casework.caseFindingListAndSeq(sql, today: CalendarDate.today(at: Date()))
        let rules = list.caseFinding.ruleSet.version
        if var current = held, current.day == list.day, current.rules == rules, current.peopleSeq == facts.peopleSeq {
            if current.seq == seq { return current.counts }
            let log = StoreChangeLog(database: sql)
            if let reached = try await CaseworkService.householdsReached(by: try await log.changes(after: current.seq), log: log, sql: sql) {
                for id in reached.map(\.uuidString) { recount(&current.counts, id, list, facts) }
                current.seq = seq
                held = current
                lastUpdate = .incremental
                lastSeconds = CaseworkService.seconds(clock.now - started)
                return current.counts
            }
        }
        let counts = make(list, facts)
        held = Held(seq: seq, day: list.day, rules: rules, peopleSeq: facts.peopleSeq, counts: counts)
        lastUpdate = .rebuilt
        lastSeconds = CaseworkService.seconds(clock.now - started)
        return counts
    }
}

extension Application {
    private struct EqualityListingKey: StorageKey { typealias Value = ListFollowingCounts<EqualityListing> }
    private struct CaseFindingTallyKey: StorageKey { typealias Value = ListFollowingCounts<CaseFindingTally> }

    /// The equality report's listed people (``EqualityListing``), made on first use.
    var equalityListing: ListFollowingCounts<EqualityListing> {
        if let existing = storage[EqualityListingKey.self] { return existing }
        let made = ListFollowingCounts<EqualityListing>(
            make: { list, facts in EqualityListing(members: facts.counts.membersOf, listed: list.listedHouseholds()) },
            recount: { listing, id, list, facts in listing.set(id, listed: list.isListed(id), members: facts.counts.membersOf[id] ?? []) })
        storage[EqualityListingKey.self] = made
        return made
    }

    /// The case-finding report's listed households and needs (``CaseFindingTally``), made on first use.
    var caseFindingTally: ListFollowingCounts<CaseFindingTally> {
        if let existing = storage[CaseFindingTallyKey.self] { return existing }
        let made = ListFollowingCounts<CaseFindingTally>(
            make: { list, _ in CaseFindingTally(list.listedHouseholds().compactMap(list.entry(for:))) },
            recount: { tally, id, list, _ in tally.set(id, entry: list.isListed(id) ? list.entry(for: id) : nil) })
        storage[CaseFindingTallyKey.self] = made
        return made
    }
}
