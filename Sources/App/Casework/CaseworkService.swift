import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// Builds the casework domain's inputs from the store and keeps the
/// partnership's case-finding list, recomputed when an import or linkage run
/// changes what households hold.
public actor CaseworkService {
    /// Case finding under the rules in force: the latest version an analyst
    /// saved, or the standard rules before any.
    private(set) var caseFinding: CaseFinding
    private var list: CaseFindingList?
    /// The store change the list reflects (`StoreChangeLog`).
    private var listSeq = 0
    /// How the list was last brought up to date, for the page and the bench.
    private(set) var lastRefresh: Refresh?
    /// The store change at which the saved rules were last looked up.
    private var rulesCheckedAt: Int?

    struct Refresh: Sendable {
        var incremental: Bool
        var households: Int
        var seconds: Double
    }

    init() {
        // The standard rule set is checked by its own tests; a failure here
        // would be a programming error, not bad input.
        caseFinding = try! CaseFinding(.standard)
    }

    /// Forgets the list; the next request recomputes it.
    public func invalidate() { list = nil }

    /// The list as of the latest store change. After imports only the
    /// households they touched are re-read and re-scored; after a linkage run
    /// regrouped households, or on a new day (every look-back window moves),
    /// the whole list is recomputed.
    /// Case finding under the latest saved rules (checked in the store, so a
    /// version saved by another process is picked up too).
    /// `seq`, the latest store change when the caller already knows it,
    /// spares a query: saving rules is a store change, so with no change
    /// since the last look the rules are the same.
    func currentCaseFinding(_ sql: any SQLDatabase, seq: Int? = nil) async throws -> CaseFinding {
        let latest = if let seq { seq } else { try await StoreChangeLog(database: sql).latest() }
        if rulesCheckedAt == latest { return caseFinding }
        let rules = NeedRuleSetRepository(database: sql)
        if let stored = try await rules.latestVersion(), stored != caseFinding.ruleSet.version, let saved = try await rules.version(stored) {
            caseFinding = try CaseFinding(try JSONDecoder().decode(NeedRuleSet.self, from: Data(saved.json.utf8)))
        }
        // Marked only once the rules are in hand, so no caller meanwhile takes the old ones as current.
        rulesCheckedAt = latest
        return caseFinding
    }

    func caseFindingList(_ sql: any SQLDatabase, today: CalendarDate) async throws -> CaseFindingList {
        let log = StoreChangeLog(database: sql)
        let latest = try await log.latest()
        let finding = try await currentCaseFinding(sql, seq: latest)
        let sameRules = list?.caseFinding.ruleSet.version == finding.ruleSet.version
        if let list, sameRules, list.day == today, listSeq == latest { return list }
        let clock = ContinuousClock()
        let started = clock.now
        if var current = list, sameRules, current.day == today {
            let changes = try await log.changes(after: listSeq)
            if let touched = try await Self.householdsReached(by: changes, log: log, sql: sql) {
                let facts = try await Self.facts(sql, households: Array(touched), forCaseFinding: true)
                current.update(facts)
                // A household that no longer exists has no facts to update it with.
                current.remove(Array(Set(touched.map(\.uuidString)).subtracting(facts.map(\.householdID))))
                list = current
                listSeq = changes.last?.seq ?? latest
                lastRefresh = Refresh(incremental: true, households: touched.count, seconds: Self.seconds(clock.now - started))
                return current
            }
        }
        // Each household's facts only until its entry is made: the list keeps entries, not events.
        var built = CaseFindingList(caseFinding: finding, households: [], on: today)
        var households = 0
        try await Self.eachFacts(sql, households: nil, forCaseFinding: true) { facts in
            built.update(facts)
            households += facts.count
        }
        list = built
        listSeq = latest
        lastRefresh = Refresh(incremental: false, households: households, seconds: Self.seconds(clock.now - started))
        return built
    }

    /// The list and the store change it answers for, read together, for
    /// counts that follow the list (the equality report's).
    func caseFindingListAndSeq(_ sql: any SQLDatabase, today: CalendarDate) async throws -> (list: CaseFindingList, seq: Int) {
        let list = try await caseFindingList(sql, today: today)
        return (list, listSeq)
    }

    /// The households these changes reached, or nil when one of them reached
    /// everything (then only a recompute is right).
    static func householdsReached(by changes: [StoreChange], log: StoreChangeLog, sql: any SQLDatabase) async throws -> Set<UUID>? {
        var people = Set<UUID>()
        for change in changes {
            switch change.reach {
            case .everything: return nil
            case .people(let moved): people.formUnion(moved)
            case .batch(let batch): people.formUnion(try await log.people(writtenIn: batch))
            }
            if people.count > StoreChangeLog.widest { return nil }
        }
        return try await CaseworkRepository(database: sql).households(ofPeople: Array(people))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Household facts for these households (all when nil). For case finding,
    /// people whose objection (Art 21) was upheld are left out altogether.
    static func facts(_ sql: any SQLDatabase, households ids: [UUID]?, forCaseFinding: Bool = false) async throws -> [HouseholdFacts] {
        var all: [HouseholdFacts] = []
        try await eachFacts(sql, households: ids, forCaseFinding: forCaseFinding) { all += $0 }
        return all
    }

    /// The same facts handed to `each` a few thousand households at a time,
    /// so that a caller that keeps less than the facts (the list keeps each
    /// household's entry) never holds every household's events as text. The
    /// events are read first, streamed into ``CompactEventFacts``.
    static func eachFacts(_ sql: any SQLDatabase, households ids: [UUID]?, forCaseFinding: Bool = false, chunk: Int = 2_000,
                          _ each: ([HouseholdFacts]) throws -> Void) async throws {
        // No households asked for (a change that reached nobody): PostgreSQL refuses an empty `IN ()`.
        if let ids, ids.isEmpty { return }
        let repository = CaseworkRepository(database: sql)
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        // A subject who restricted processing (Art 18) feeds no score and raises no alert.
        var restricted = try await RestrictionRepository(database: sql).inForce()
        let objectors = forCaseFinding ? try await RightsDecisionRepository(database: sql).objectorsOutOfCaseFinding() : []
        restricted.formUnion(objectors)
        let households = try await repository.households(ids)
        var numbers: [UUID: Int32] = [:]
        for household in households { for member in household.members where numbers[member.person] == nil { numbers[member.person] = Int32(numbers.count) } }
        let events = CompactEventFacts(people: numbers, leftOut: restricted)
        let people = ids == nil ? nil : Array(numbers.keys)
        let involvementRows: [PersonInvolvement]
        if people?.isEmpty == true {
            // Households with no members (or none found): nothing to read, and PostgreSQL refuses an empty `IN ()`.
            involvementRows = []
        } else if ids == nil, sql.dialect.name != "sqlite" {
            // The whole partnership on PostgreSQL: the two reads do not depend on each
            // other, and the store serves them on separate connections.
            async let allInvolvements = repository.involvements(with: nil)
            try await repository.eventFacts(about: nil, each: events.add)
            involvementRows = try await allInvolvements
        } else {
            // One after another on SQLite: its pool holds a connection per event loop,
            // and a read waiting behind a minute-long read of every event times out.
            try await repository.eventFacts(about: people, each: events.add)
            involvementRows = try await repository.involvements(with: people)
        }
        events.finish()
        let involvements = Dictionary(grouping: involvementRows.filter { !restricted.contains($0.personID) }, by: \.personID)
        let today = CalendarDate.today(at: Date())
        var batch: [HouseholdFacts] = []
        batch.reserveCapacity(chunk)
        for household in households {
            let members = household.members.filter { !objectors.contains($0.person) }.map {
                HouseholdFacts.Member(personID: $0.person.uuidString, dateOfBirth: $0.dateOfBirth.flatMap(CalendarDate.init(parsing:)))
            }
            let memberEvents = household.members.flatMap { member in
                events.events(of: numbers[member.person]!, personID: member.person.uuidString, names: names)
            }
            let lead = household.members.contains { member in
                (involvements[member.person] ?? []).contains { involvement in
                    involvement.leadProfessional && Self.involvement(involvement, names: names)?.isInForce(on: today) == true
                }
            }
            batch.append(HouseholdFacts(householdID: household.id.uuidString,
                                        postcodeDistrict: household.postcode.flatMap(Postcode.init)?.district,
                                        hasLeadProfessional: lead, members: members, events: memberEvents))
            if batch.count >= chunk {
                try each(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try each(batch) }
    }

    static func involvement(_ stored: PersonInvolvement, names: [String: String]) -> Involvement? {
        guard let workType = WorkType(rawValue: stored.workType), let started = CalendarDate(parsing: stored.startedOn) else { return nil }
        return Involvement(involvementID: "\(stored.partner):\(stored.recordID)", personID: stored.personID.uuidString,
                           service: stored.service, partner: names[stored.partner] ?? stored.partner, workType: workType,
                           workerName: stored.workerName, isLeadProfessional: stored.leadProfessional, startedOn: started,
                           endedOn: stored.endedOn.flatMap(CalendarDate.init(parsing:)))
    }
}

extension Application {
    private struct CaseworkKey: StorageKey { typealias Value = CaseworkService }

    public var casework: CaseworkService {
        if let service = storage[CaseworkKey.self] { return service }
        let service = CaseworkService()
        storage[CaseworkKey.self] = service
        return service
    }
}
