import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// What the lead professional evaluation counts: each household's first lead
/// professional and the events about its members, held without names.
///
/// Read only when that evaluation is asked for, and again only after the
/// store change log has moved on.
struct InterventionFacts: Sendable {
    var seq: Int
    var leadStarts: [String: CalendarDate]
    var events: [String: [FamilyRecordEvent]]
    var outcomeDays: [String: Set<Int>]

    static func read(_ sql: any SQLDatabase, seq: Int) async throws -> InterventionFacts {
        let facts = InterventionFactsRepository(database: sql)
        let police = Set(try await PartnershipRepository(database: sql).partners().filter { $0.kind == .police }.map(\.slug))
        var events: [String: [FamilyRecordEvent]] = [:]
        for row in try await facts.householdEvents() {
            guard let day = CalendarDate(parsing: row.day), let category = EventCategory(rawValue: row.category) else { continue }
            events[row.household.uuidString, default: []].append(FamilyRecordEvent(day: day.dayNumber, category: category,
                                                                                 byPolice: police.contains(row.partner)))
        }
        let starts = try await facts.leadProfessionalStarts().reduce(into: [String: CalendarDate]()) { found, pair in
            if let day = CalendarDate(parsing: pair.value) { found[pair.key.uuidString] = day }
        }
        return InterventionFacts(seq: seq, leadStarts: starts, events: events, outcomeDays: LeadProfessionalEvaluation.outcomeDays(events))
    }
}

/// Holds the latest ``InterventionFacts``, re-read only when the store change log has moved on.
actor InterventionFactsCache {
    private var facts: InterventionFacts?

    func current(_ sql: any SQLDatabase) async throws -> InterventionFacts {
        let latest = try await StoreChangeLog(database: sql).latest()
        if let facts, facts.seq == latest { return facts }
        let read = try await InterventionFacts.read(sql, seq: latest)
        facts = read
        return read
    }
}

extension Application {
    private struct InterventionFactsKey: StorageKey { typealias Value = InterventionFactsCache }

    var interventionFacts: InterventionFactsCache {
        if let existing = storage[InterventionFactsKey.self] { return existing }
        let made = InterventionFactsCache()
        storage[InterventionFactsKey.self] = made
        return made
    }
}
