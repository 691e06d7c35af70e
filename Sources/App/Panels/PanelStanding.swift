import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// What the caller is to the panels: the areas they chair or coordinate,
/// and the meetings they are on the register of. Pages ask it before
/// showing anything, then ask the access decision about each person.
struct PanelStanding {
    var caller: Caller
    var functions: [String: Set<PanelStaffFunction>]
    var meetings: Set<UUID>
    /// Each area's latest saved settings row, by slug, as read with the rest
    /// (``PanelAreaCache`` turns it into settings).
    var latestAreaRows: [String: UUID] = [:]

    var isStaff: Bool { !functions.isEmpty }

    func isStaff(of area: String) -> Bool { functions[area] != nil }

    func requireStaff(of area: String, _ req: Request) throws {
        guard isStaff(of: area) else {
            throw Refusal.panel(.areaStaffOnly)
        }
    }

}

extension Request {
    func panelStanding() async throws -> PanelStanding {
        let caller = try caller
        guard caller.roles.contains(where: { Role(rawValue: $0)?.readsCaseData == true }) else {
            throw Refusal.panel(.panelsNotForRole)
        }
        let read = try await PanelAreaRepository(database: try sql()).standing(of: caller.userID)
        noteLatestChange(read.latestChange)
        return PanelStanding(caller: caller, functions: read.functions, meetings: Set(read.meetings), latestAreaRows: read.latestRows)
    }

    /// The latest settings of every area, by name, as ``PanelAreaRepository/areas()`` gives them,
    /// decoded once per process (``PanelAreaCache``).
    func panelAreas(_ standing: PanelStanding) async throws -> [PanelAreaConfiguration] {
        let settings = try await PanelAreaCache.shared.settings(ofRows: Array(standing.latestAreaRows.values),
                                                                repository: PanelAreaRepository(database: try sql()))
        return standing.latestAreaRows.compactMap { settings[$0.value] }.sorted { $0.name < $1.name }
    }

    /// The latest settings of one area, or a 404.
    func panelArea(_ slug: String, _ standing: PanelStanding) async throws -> PanelAreaConfiguration {
        guard let row = standing.latestAreaRows[slug],
              let area = try await PanelAreaCache.shared.settings(ofRows: [row], repository: PanelAreaRepository(database: try sql()))[row] else {
            throw Abort(.notFound, reason: "no such panel area")
        }
        return area
    }

    /// Names of `people` the caller may be shown under `risk-panels`, others "Name withheld".
    func panelNames(_ people: [UUID], resource: String, purpose: AccessPurpose = .agreed(.riskPanels)) async throws -> [UUID: String] {
        let unique = Array(Set(people))
        guard !unique.isEmpty else {
            markAccessDecision("none")
            return [:]
        }
        // Names and record holders in the same read as the decision's own facts; the decision is then asked as ``peopleNamed`` asks it.
        let facts = try await accessFacts(about: unique, holders: true, names: true)
        let stored = facts.names
        let items = Dictionary(unique.map { person in
            (person, (facts.holders[person] ?? []).map { HeldItem(heldBy: $0, category: .identity) })
        }, uniquingKeysWith: { first, _ in first })
        let decisions = try await decideAccess(to: items, resource: resource, purpose: purpose, facts: facts)
        let named = Set(decisions.filter { !$0.value.visibleIndices.isEmpty }.keys)
        return Dictionary(uniqueKeysWithValues: unique.map { person in
            (person, named.contains(person) ? (stored[person].map { "\($0.name)\($0.born.map { " (born \($0))" } ?? "")" } ?? "Unknown person")
                : "Name withheld")
        })
    }

    func today() -> CalendarDate { CalendarDate.today(at: Date()) }

    /// Back to `path` with a problem or a notice in the query.
    func back(to path: String, problem: String? = nil, done: String? = nil) -> Response {
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        let query = problem.map { "?problem=" + encoded($0) } ?? done.map { "?done=" + encoded($0) } ?? ""
        return redirect(to: path + query)
    }
}

/// The area a case or meeting belongs to, or a 404.
enum PanelLookup {
    static func area(_ slug: String, sql: any SQLDatabase) async throws -> PanelAreaConfiguration {
        guard let area = try await PanelAreaRepository(database: sql).area(slug) else { throw Abort(.notFound, reason: "no such panel area") }
        return area
    }

    static func panelCase(_ req: Request) async throws -> StoredMaracCase {
        guard let stored = try await MaracCaseRepository(database: try req.sql()).find(try req.parameters.id(of: "panel case")) else {
            throw Abort(.notFound, reason: "no such panel case")
        }
        return stored
    }

    static func meeting(_ req: Request) async throws -> StoredPanelMeeting {
        guard let meeting = try await PanelMeetingRepository(database: try req.sql()).meeting(try req.parameters.id(of: "panel meeting")) else {
            throw Abort(.notFound, reason: "no such panel meeting")
        }
        return meeting
    }
}
