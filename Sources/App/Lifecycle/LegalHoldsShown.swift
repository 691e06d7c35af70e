import Foundation
import LanternDomain
import SQLKit
import Storage

/// The legal holds shown on a person's page: those in force that cover the
/// person, their household or a partner holding their records. A hold names
/// its issuer and reference only; the reason stays on `/retention`.
enum LegalHoldsShown {
    static func on(person: UUID, records partners: [String], sql: any SQLDatabase) async throws -> [String] {
        let today = CalendarDate.today(at: Date())
        let holds = try await RetentionService.activeHolds(sql, on: today)
        guard !holds.isEmpty else { return [] }
        let household = try await sql.select().column("household_id").from("household_members").where("person_id", .equal, person).first()?
            .decode(column: "household_id", as: UUID.self)
        let items = Set(partners).map { partner in
            HoldableItem(partner: partner, recordClass: RecordClass.people, person: person.uuidString, household: household?.uuidString, dated: nil)
        }
        return holds.filter { hold in items.contains { hold.covers($0, on: today) } }.map { hold in
            "Legal hold \(hold.reference) (\(hold.issuer.label)): records about this person are kept past their retention date until it is lifted."
        }
    }
}
