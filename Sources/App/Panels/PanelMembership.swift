import Foundation
import SQLKit
import Storage

/// Being on a panel case is the relationship the `risk-panels` purpose
/// needs (`CaseRelationship.panelMember`): this records it for the users who
/// work the case (the area's chair and coordinators, the referrer, and the
/// meeting's attendees) with everyone the case is about.
enum PanelMembership {
    static let kind = "panel-member"

    static func grant(users: [UUID], people: [UUID], sql: any SQLDatabase, at now: Date) async throws {
        guard !users.isEmpty, !people.isEmpty else { return }
        let relationships = CaseRelationshipRepository(database: sql)
        for user in Set(users) {
            let existing = try await relationships.relationships(of: user, with: people)
            let missing = Array(Set(people.filter { !(existing[$0]?.contains(kind) ?? false) }))
            if !missing.isEmpty { try await relationships.add(user: user, people: missing, kind: kind, at: now) }
        }
    }

    /// The chair and coordinators of `area`.
    static func staff(of area: String, sql: any SQLDatabase) async throws -> [UUID] {
        try await PanelAreaRepository(database: sql).staff(of: area).map(\.user)
    }
}
