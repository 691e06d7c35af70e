import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// What the store holds about one household before any access decision, each
/// event already parsed for the timeline, the needs and the chart. It is the
/// same for every viewer; what each viewer may see of it is decided per request.
struct HouseholdHoldings: Sendable {
    /// A class, not a struct: each request passes hundreds of these through
    /// filters and copying a reference is far cheaper than copying its strings.
    final class Event: Sendable {
        let stored: PersonEvent
        /// The timeline line, its member name filled in per viewer.
        let line: HouseholdPage.TimelineItem
        let row: TimelineTable.Row
        let fact: HouseholdEvent?
        let day: CalendarDate?
        let dataCategory: DataCategory?

        init(stored: PersonEvent, line: HouseholdPage.TimelineItem, fact: HouseholdEvent?, day: CalendarDate?, dataCategory: DataCategory?) {
            self.stored = stored
            self.line = line
            self.row = TimelineTable.row(line)
            self.fact = fact
            self.day = day
            self.dataCategory = dataCategory
        }
    }

    var household: StoredHousehold
    /// The partner holding each record of each member.
    var recordHolders: [UUID: [String]]
    /// Newest first.
    var events: [Event]
    var involvements: [PersonInvolvement]
    var partnerNames: [String: String]

    static func load(_ id: UUID, from sql: any SQLDatabase) async throws -> HouseholdHoldings? {
        let repository = CaseworkRepository(database: sql)
        guard let household = try await repository.households([id]).first else { return nil }
        let people = household.members.map(\.person)
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let events = try await repository.events(about: people).map { held in
            let category = EventCategory(rawValue: held.event.category)
            let role = PersonRole(rawValue: held.event.role)
            let day = CalendarDate(parsing: held.event.occurredOn)
            let dataCategory = DataCategory(rawValue: held.event.dataCategory)
            let partnerName = names[held.event.partner] ?? held.event.partner
            let fact = category.flatMap { category in
                role.flatMap { role in
                    day.map { HouseholdEvent(eventID: held.event.recordID, personID: held.personID.uuidString, category: category,
                                             role: role, occurredOn: $0, partner: partnerName) }
                }
            }
            return Event(
                stored: held,
                line: .init(occurredOn: held.event.occurredOn, memberName: "", partnerName: partnerName,
                            category: category?.label ?? held.event.category,
                            dataCategory: dataCategory?.label ?? held.event.dataCategory,
                            role: held.event.role, summary: held.event.summary, isOpinion: held.event.nature == "opinion",
                            opinionBasis: held.event.opinionBasis, version: held.event.version,
                            historyPath: RecordPath.history(of: .events, partner: held.event.partner, record: held.event.recordID)),
                fact: fact, day: day, dataCategory: dataCategory)
        }
        return HouseholdHoldings(household: household, recordHolders: try await repository.recordHolders(of: people),
                                 events: events, involvements: try await repository.involvements(with: people),
                                 partnerNames: names)
    }
}

/// Recently viewed households' holdings, kept until the store changes (an
/// import lands or linkage regroups households) so that the family a team is
/// working on is read from the database once, not once per page view. Every
/// view still asks the access decision and is audited.
actor HouseholdHoldingsCache {
    private struct Entry {
        var generation: Int
        var holdings: HouseholdHoldings
        var lastUsed: UInt64
    }
    private var entries: [UUID: Entry] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int = 500) { self.capacity = capacity }

    func holdings(of id: UUID, in sql: any SQLDatabase) async throws -> HouseholdHoldings? {
        let generation = try await StoreChangeLog(database: sql).latest()
        clock += 1
        if let entry = entries[id], entry.generation == generation {
            entries[id]?.lastUsed = clock
            return entry.holdings
        }
        guard let loaded = try await HouseholdHoldings.load(id, from: sql) else {
            entries[id] = nil
            return nil
        }
        entries[id] = Entry(generation: generation, holdings: loaded, lastUsed: clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            entries[oldest] = nil
        }
        return loaded
    }
}

extension Application {
    private struct HouseholdHoldingsKey: StorageKey { typealias Value = HouseholdHoldingsCache }

    var householdHoldings: HouseholdHoldingsCache {
        if let cache = storage[HouseholdHoldingsKey.self] { return cache }
        let cache = HouseholdHoldingsCache()
        storage[HouseholdHoldingsKey.self] = cache
        return cache
    }
}
