import Foundation
import LanternDomain
import SQLKit
import Storage

/// What linkage already knows about a victim, to prefill a DASH and its
/// referral so nothing is typed twice: the person causing harm (a household
/// member recorded as the perpetrator of domestic abuse), the children in the
/// household, domestic-abuse events across partners in the escalation
/// window, and the last MARAC referral.
struct PanelLinkage: Sendable {
    var victim: UUID
    var perpetrators: [UUID]
    /// Adults in the household, for choosing another person causing harm.
    var adults: [UUID]
    var children: [UUID]
    var recentEvents: Int
    var lastReferral: CalendarDate?
    /// Stored names and dates of birth, shown only where the access decision allows.
    var names: [UUID: (name: String, born: String?)]

    static func find(victim: UUID, area: PanelAreaConfiguration, today: CalendarDate, sql: any SQLDatabase) async throws -> PanelLinkage {
        let casework = CaseworkRepository(database: sql)
        var members: [(person: UUID, name: String, dateOfBirth: String?)] = []
        if let household = try await casework.household(of: victim) {
            members = try await casework.households([household]).first?.members ?? []
        }
        if !members.contains(where: { $0.person == victim }) {
            members += try await PanelNames.names(of: [victim], sql: sql).map { ($0.key, $0.value.name, $0.value.born) }
        }
        let people = members.map(\.person)
        let events = try await casework.events(about: people)
        let domestic = events.filter { $0.event.category == EventCategory.domesticAbuse.rawValue }
        // The most recently recorded perpetrator in the household comes first.
        var perpetrators: [UUID] = []
        for event in domestic where event.event.role == PersonRole.perpetrator.rawValue && event.personID != victim {
            if !perpetrators.contains(event.personID) { perpetrators.append(event.personID) }
        }
        let windowStart = today.addingMonths(-area.escalationWindowMonths)
        let recent = domestic.filter {
            $0.personID == victim && (CalendarDate(parsing: $0.event.occurredOn).map { $0 >= windowStart && $0 <= today } ?? false)
        }.count
        func isChild(_ born: String?) -> Bool {
            guard let born = born.flatMap(CalendarDate.init(parsing:)) else { return false }
            return born > today.addingMonths(-18 * 12)
        }
        let children = members.filter { $0.person != victim && isChild($0.dateOfBirth) }.map(\.person)
        let adults = members.filter { $0.person != victim && !isChild($0.dateOfBirth) }.map(\.person)
        // A referral recorded by a partner's own system counts as much as one made here.
        let recordedReferral = events.filter { $0.personID == victim && $0.event.category == EventCategory.maracReferral.rawValue }
            .compactMap { CalendarDate(parsing: $0.event.occurredOn) }.max()
        let stored = try await MaracCaseRepository(database: sql).lastReferral(ofVictim: victim)
        return PanelLinkage(victim: victim, perpetrators: perpetrators, adults: adults, children: children, recentEvents: recent,
                            lastReferral: [recordedReferral, stored].compactMap { $0 }.max(),
                            names: Dictionary(members.map { ($0.person, ($0.name, $0.dateOfBirth)) }, uniquingKeysWith: { first, _ in first }))
    }
}

/// Stored names of people, for pages that then ask the access decision
/// which of them may be shown.
enum PanelNames {
    static func names(of people: [UUID], sql: any SQLDatabase) async throws -> [UUID: (name: String, born: String?)] {
        guard !people.isEmpty else { return [:] }
        var result: [UUID: (name: String, born: String?)] = [:]
        for row in try await sql.select().columns("id", "display_name", "date_of_birth").from("people").where("id", .in, people).all() {
            result[try row.decode(column: "id", as: UUID.self)] = (try row.decode(column: "display_name", as: String.self),
                                                                  try row.decode(column: "date_of_birth", as: String?.self))
        }
        return result
    }
}
