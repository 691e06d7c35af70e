import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// Who may use the risk-case pages (MATAC, ASB case reviews, IOM,
/// exploitation), and how their names are shown: always under the
/// `risk-panels` purpose, whatever the caller's usual one, so a name appears
/// only to someone the person's panel case gives a relationship.
enum RiskCaseAccess {
    /// The caller, when they hold one of `roles`; otherwise a 403 naming who may
    /// (the refusal is audited by ``RefusalAudit``).
    static func require(_ req: Request, _ roles: Set<String>, to what: String) throws -> Caller {
        let caller = try req.caller
        guard !roles.isDisjoint(with: caller.roles) else {
            let who = roles.compactMap { Role(rawValue: $0)?.label }.sorted().joined(separator: " or ")
            throw Refusal.panel(.roleRequired(who: who, what: what))
        }
        return caller
    }

    /// A short reference that names no one: what the panel works from until
    /// the access decision lets it see a name.
    static func reference(_ person: UUID, prefix: String) -> String {
        // The end of the id: its start is a timestamp, shared by people linked together.
        prefix + "-" + person.uuidString.suffix(8).uppercased()
    }

    static let withheld = "Name withheld"

    /// Each person's name where the access decision (risk-panels) allows it,
    /// else ``withheld``; every decision is audited.
    static func names(_ req: Request, of people: [UUID], resource: String) async throws -> [UUID: String] {
        guard !people.isEmpty else {
            // Nobody to name: the route still says it asked, and what the answer was.
            req.markAccessDecision("none")
            return [:]
        }
        let named = try await req.peopleNamed(people, resource: resource, purpose: .agreed(.riskPanels))
        let stored = try await MatacRepository(database: try req.sql()).displayNames(of: Array(named))
        return Dictionary(uniqueKeysWithValues: people.map { ($0, named.contains($0) ? stored[$0] ?? withheld : withheld) })
    }

    /// Makes the deciding user a member of the person's panel case, the
    /// relationship the `risk-panels` purpose needs to read about them.
    static func joinPanelCase(_ req: Request, user: UUID, person: UUID) async throws {
        let sql = try req.sql()
        let existing = try await CaseRelationshipRepository(database: sql).relationships(of: user, with: [person])
        guard !(existing[person] ?? []).contains(CaseRelationship.panelMember.rawValue) else { return }
        try await CaseRelationshipRepository(database: sql).add(user: user, people: [person], kind: CaseRelationship.panelMember.rawValue, at: Date())
    }
}
