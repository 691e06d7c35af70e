import Foundation
import LanternDomain
import SQLKit

/// Panel areas' versioned settings and who chairs or coordinates each.
public struct PanelAreaRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Stores `settings` as the area's next version; the version it carries
    /// must be one more than the latest stored (or 1 for a new area).
    public func save(_ settings: PanelAreaConfiguration, by actor: String, reason: String? = nil, at now: Date) async throws {
        try await sql.insert(into: "panel_areas").columns("id", "slug", "version", "kind", "name", "settings", "created_at", "created_by", "reason")
            .values(UUID(), settings.slug, settings.version, settings.kind.rawValue, settings.name,
                    String(decoding: try JSONEncoder().encode(settings), as: UTF8.self), now, actor, reason).run()
    }

    /// Every saved version of `slug`'s settings, newest first, with who saved it, when and why.
    public func history(of slug: String) async throws -> [SavedPanelArea] {
        try await sql.select().columns("settings", "created_at", "created_by", "reason").from("panel_areas").where("slug", .equal, slug)
            .orderBy("version", .descending).all().map { row in
                SavedPanelArea(settings: try JSONDecoder().decode(PanelAreaConfiguration.self, from: Data(try row.decode(column: "settings", as: String.self).utf8)),
                               savedBy: try row.decode(column: "created_by", as: String.self), savedAt: try row.decode(column: "created_at", as: Date.self),
                               reason: try row.decode(column: "reason", as: String?.self))
            }
    }

    /// The latest version of every area.
    public func areas() async throws -> [PanelAreaConfiguration] {
        var latest: [String: PanelAreaConfiguration] = [:]
        for row in try await sql.select().columns("settings").from("panel_areas").orderBy("version").all() {
            let settings = try JSONDecoder().decode(PanelAreaConfiguration.self, from: Data(try row.decode(column: "settings", as: String.self).utf8))
            latest[settings.slug] = settings
        }
        return latest.values.sorted { $0.name < $1.name }
    }

    public func area(_ slug: String) async throws -> PanelAreaConfiguration? {
        guard let row = try await sql.select().columns("settings").from("panel_areas").where("slug", .equal, slug)
            .orderBy("version", .descending).first() else { return nil }
        return try JSONDecoder().decode(PanelAreaConfiguration.self, from: Data(try row.decode(column: "settings", as: String.self).utf8))
    }

    /// What `user` is to the panels (the areas they chair or coordinate, the
    /// meetings they are on the register of) and which saved row is each
    /// area's latest settings, with the change log's latest number, in one
    /// read: every panel page asks all four.
    /// A saved row never changes (an edit is the next version, a new row), so
    /// its id names its settings for good (``settings(ofRows:)``).
    public func standing(of user: UUID) async throws -> PanelStandingRead {
        var read = PanelStandingRead()
        for row in try await sql.preparedRows(PanelStandingText.self, [user]) {
            switch try row.decode(column: "kind", as: String.self) {
            case "change":
                read.latestChange = try row.decode(column: "seq", as: Int?.self) ?? 0
            case "staff":
                if let function = PanelStaffFunction(rawValue: try row.decode(column: "fn", as: String.self)) {
                    read.functions[try row.decode(column: "slug", as: String.self), default: []].insert(function)
                }
            case "meeting":
                read.meetings.append(try row.decode(column: "ref", as: UUID.self))
            default:
                read.latestRows[try row.decode(column: "slug", as: String.self)] = try row.decode(column: "ref", as: UUID.self)
            }
        }
        return read
    }

    /// The settings saved in these rows, by row id.
    public func settings(ofRows ids: [UUID]) async throws -> [UUID: PanelAreaConfiguration] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: PanelAreaConfiguration] = [:]
        for row in try await sql.select().columns("id", "settings").from("panel_areas").where("id", .in, ids).all() {
            result[try row.decode(column: "id", as: UUID.self)] = try JSONDecoder().decode(
                PanelAreaConfiguration.self, from: Data(try row.decode(column: "settings", as: String.self).utf8))
        }
        return result
    }

    public func addStaff(area: String, user: UUID, function: PanelStaffFunction) async throws {
        try await sql.insert(into: "panel_area_staff").columns("area_slug", "user_id", "function")
            .values(area, user, function.rawValue).run()
    }

    /// The areas `user` chairs or coordinates, with the function in each.
    public func functions(of user: UUID) async throws -> [String: Set<PanelStaffFunction>] {
        var result: [String: Set<PanelStaffFunction>] = [:]
        for row in try await sql.select().columns("area_slug", "function").from("panel_area_staff").where("user_id", .equal, user).all() {
            if let function = PanelStaffFunction(rawValue: try row.decode(column: "function", as: String.self)) {
                result[try row.decode(column: "area_slug", as: String.self), default: []].insert(function)
            }
        }
        return result
    }

    public func staff(of area: String) async throws -> [(user: UUID, function: PanelStaffFunction)] {
        try await sql.select().columns("user_id", "function").from("panel_area_staff").where("area_slug", .equal, area).all().compactMap { row in
            guard let function = PanelStaffFunction(rawValue: try row.decode(column: "function", as: String.self)) else { return nil }
            return (try row.decode(column: "user_id", as: UUID.self), function)
        }
    }
}

/// One user's standing to the panels, with each area's latest settings row.
public struct PanelStandingRead: Sendable {
    public var functions: [String: Set<PanelStaffFunction>] = [:]
    public var meetings: [UUID] = []
    /// Each area's latest saved settings row, by slug.
    public var latestRows: [String: UUID] = [:]
    /// The change log's latest number (``StoreChangeLog/latest()``), read with
    /// the rest: every panel page asks the access policy, which compares it.
    public var latestChange = 0
}

/// One saved version of an area's settings.
public struct SavedPanelArea: Sendable {
    public var settings: PanelAreaConfiguration
    public var savedBy: String
    public var savedAt: Date
    public var reason: String?
}

/// What a user does for a panel area.
public enum PanelStaffFunction: String, Sendable, Codable, Hashable, CaseIterable {
    case chair, coordinator
}

/// ``PanelAreaRepository/standing(of:)``'s read: every panel page makes it.
private enum PanelStandingText: PreparedReadText {
    static let name = "panel_standing"
    /// The areas the user staffs, the meetings they are on the register of, each
    /// area's latest settings row and the change log's latest number.
    static let postgresSQL = """
        SELECT 'staff' AS kind, area_slug AS slug, "function" AS fn, NULL AS ref, CAST(NULL AS BIGINT) AS seq
        FROM panel_area_staff WHERE user_id = $1
        UNION ALL
        SELECT 'meeting' AS kind, NULL AS slug, NULL AS fn, meeting_id AS ref, NULL AS seq FROM panel_attendance WHERE user_id = $1
        UNION ALL
        SELECT 'area' AS kind, a.slug AS slug, NULL AS fn, a.id AS ref, NULL AS seq FROM panel_areas a
        WHERE a.version = (SELECT MAX(b.version) FROM panel_areas b WHERE b.slug = a.slug)
        UNION ALL
        SELECT 'change' AS kind, NULL AS slug, NULL AS fn, NULL AS ref, (SELECT MAX(c.seq) FROM store_changes c) AS seq
        """
}
