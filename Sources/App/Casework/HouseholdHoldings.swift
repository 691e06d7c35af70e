import Foundation
import LanternDomain
import Policy
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
        /// Where the event is among its person's held items (``heldItems``).
        let itemIndex: Int

        init(stored: PersonEvent, line: HouseholdPage.TimelineItem, fact: HouseholdEvent?, day: CalendarDate?,
             dataCategory: DataCategory?, itemIndex: Int) {
            self.stored = stored
            self.line = line
            self.row = TimelineTable.row(line)
            self.fact = fact
            self.day = day
            self.dataCategory = dataCategory
            self.itemIndex = itemIndex
        }
    }

    var household: StoredHousehold
    /// The partner holding each record of each member.
    var recordHolders: [UUID: [String]]
    /// Newest first.
    var events: [Event]
    var involvements: [PersonInvolvement]
    /// Where each involvement is among its person's held items.
    var involvementItemIndex: [Int]
    var partnerNames: [String: String]
    /// Everything held about each member as the access decision sees it, in
    /// a fixed order: their records (identity), then their events newest
    /// first, then their involvements.
    var heldItems: [UUID: [HeldItem]]

    static func load(_ id: UUID, from sql: any SQLDatabase) async throws -> HouseholdHoldings? {
        let repository = CaseworkRepository(database: sql)
        guard let household = try await repository.households([id]).first else { return nil }
        let people = household.members.map(\.person)
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let holders = try await repository.recordHolders(of: people)
        let stored = try await repository.events(about: people)
        let involvements = try await repository.involvements(with: people)
        var heldItems = Dictionary(uniqueKeysWithValues: people.map { person in
            (person, (holders[person] ?? []).map { HeldItem(heldBy: $0, category: .identity) })
        })
        var events: [Event] = []
        events.reserveCapacity(stored.count)
        for held in stored {
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
            let itemIndex = heldItems[held.personID, default: []].count
            // An unknown category is decided as the most guarded the policy knows.
            heldItems[held.personID, default: []].append(HeldItem(heldBy: held.event.partner, category: dataCategory ?? .crime))
            events.append(Event(
                stored: held,
                line: .init(occurredOn: held.event.occurredOn, memberName: "", partnerName: partnerName,
                            category: category?.label ?? held.event.category,
                            dataCategory: dataCategory?.label ?? held.event.dataCategory,
                            role: held.event.role, summary: held.event.summary, isOpinion: held.event.nature == "opinion",
                            opinionBasis: held.event.opinionBasis, version: held.event.version,
                            historyPath: RecordPath.history(of: .events, partner: held.event.partner, record: held.event.recordID)),
                fact: fact, day: day, dataCategory: dataCategory, itemIndex: itemIndex))
        }
        var involvementItemIndex: [Int] = []
        for involvement in involvements {
            involvementItemIndex.append(heldItems[involvement.personID, default: []].count)
            heldItems[involvement.personID, default: []].append(HeldItem(heldBy: involvement.partner, category: .involvement))
        }
        return HouseholdHoldings(household: household, recordHolders: holders, events: events, involvements: involvements,
                                 involvementItemIndex: involvementItemIndex, partnerNames: names, heldItems: heldItems)
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

    /// The household's holdings and the store change they reflect.
    func holdings(of id: UUID, in sql: any SQLDatabase) async throws -> (holdings: HouseholdHoldings, seq: Int)? {
        let generation = try await StoreChangeLog(database: sql).latest()
        clock += 1
        if let entry = entries[id], entry.generation == generation {
            entries[id]?.lastUsed = clock
            return (entry.holdings, generation)
        }
        guard let loaded = try await HouseholdHoldings.load(id, from: sql) else {
            entries[id] = nil
            return nil
        }
        entries[id] = Entry(generation: generation, holdings: loaded, lastUsed: clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            entries[oldest] = nil
        }
        return (loaded, generation)
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
