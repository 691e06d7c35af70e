import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// Builds the casework domain's inputs from the store and keeps the
/// partnership's case-finding list, recomputed when an import or linkage run
/// changes what households hold.
public actor CaseworkService {
    let caseFinding: CaseFinding
    private var list: CaseFindingList?
    private var listDay: CalendarDate?
    private var listGeneration: String?

    init() {
        // The standard rule set is checked by its own tests; a failure here
        // would be a programming error, not bad input.
        caseFinding = try! CaseFinding(.standard)
    }

    /// Forgets the list; the next request recomputes it.
    public func invalidate() { list = nil }

    func caseFindingList(_ sql: any SQLDatabase, today: CalendarDate) async throws -> CaseFindingList {
        let generation = try await Self.generation(sql)
        if let list, listDay == today, listGeneration == generation { return list }
        listGeneration = generation
        let facts = try await Self.facts(sql, households: nil)
        let built = CaseFindingList(caseFinding: caseFinding, households: facts, on: today)
        list = built
        listDay = today
        return built
    }

    /// Changes whenever an import lands or linkage regroups households, so
    /// the list is recomputed after either and not otherwise.
    static func generation(_ sql: any SQLDatabase) async throws -> String {
        let imports = try await sql.raw("SELECT COUNT(*) AS n FROM import_batches").first()?.decode(column: "n", as: Int.self) ?? 0
        let grouped = try await sql.raw("SELECT MAX(grouped_at) AS g FROM households").first()?.decode(column: "g", as: Date?.self)
        return "\(imports)|\(grouped?.timeIntervalSince1970 ?? 0)"
    }

    /// Household facts for these households (all when nil).
    static func facts(_ sql: any SQLDatabase, households ids: [UUID]?) async throws -> [HouseholdFacts] {
        let repository = CaseworkRepository(database: sql)
        let households = try await repository.households(ids)
        let people = ids == nil ? nil : households.flatMap { $0.members.map(\.person) }
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let events = Dictionary(grouping: try await repository.eventFacts(about: people), by: \.person)
        let involvements = Dictionary(grouping: try await repository.involvements(with: people), by: \.personID)
        let today = CalendarDate.today(at: Date())
        return households.map { household in
            let members = household.members.map {
                HouseholdFacts.Member(personID: $0.person.uuidString, dateOfBirth: $0.dateOfBirth.flatMap(CalendarDate.init(parsing:)))
            }
            let memberEvents = household.members.flatMap { member in
                (events[member.person] ?? []).compactMap { held -> HouseholdEvent? in
                    guard let category = EventCategory(rawValue: held.category),
                          let role = PersonRole(rawValue: held.role),
                          let day = CalendarDate(parsing: held.occurredOn) else { return nil }
                    return HouseholdEvent(eventID: "\(held.partner):\(held.recordID)", personID: member.person.uuidString,
                                          category: category, role: role, occurredOn: day,
                                          partner: names[held.partner] ?? held.partner)
                }
            }
            let lead = household.members.contains { member in
                (involvements[member.person] ?? []).contains { involvement in
                    involvement.leadProfessional && Self.involvement(involvement, names: names)?.isInForce(on: today) == true
                }
            }
            return HouseholdFacts(householdID: household.id.uuidString,
                                  postcodeDistrict: household.postcode.flatMap(Postcode.init)?.district,
                                  hasLeadProfessional: lead, members: members, events: memberEvents)
        }
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
