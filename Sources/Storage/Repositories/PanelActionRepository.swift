import Foundation
import LanternDomain
import SQLKit

/// An action as stored, with the case and meeting it belongs to.
public struct StoredPanelAction: Sendable {
    public var id: UUID
    public var caseID: UUID
    public var meetingID: UUID
    public var action: PanelAction
    public var ownerID: UUID?
    public var overdueNotifiedOn: String?
}

/// A version of a meeting's minutes.
public struct StoredMinutes: Sendable {
    public var meetingID: UUID
    public var minutes: MeetingMinutes
    public var publishedAt: Date?
}

/// Panel actions and meeting minutes.
public struct PanelActionRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func add(_ action: PanelAction, case id: UUID, meeting: UUID, ownerID: UUID?, at now: Date) async throws -> UUID {
        let actionID = UUID()
        try await sql.insert(into: "panel_actions").columns("id", "case_id", "meeting_id", "text", "protects", "owning_partner", "owner_id",
                                                            "owner_name", "due_on", "status", "outcome", "created_at", "updated_at")
            .values(actionID, id, meeting, action.text, action.protects.rawValue, action.owningPartner, ownerID, action.owner,
                    action.due?.description ?? "", action.status.rawValue, action.outcome, now, now).run()
        return actionID
    }

    public func update(_ id: UUID, status: ActionStatus, outcome: String, at now: Date) async throws {
        try await sql.update("panel_actions").set("status", to: status.rawValue).set("outcome", to: outcome).set("updated_at", to: now)
            .where("id", .equal, id).run()
    }

    public func markOverdueNotified(_ ids: [UUID], on day: CalendarDate) async throws {
        guard !ids.isEmpty else { return }
        try await sql.update("panel_actions").set("overdue_notified_on", to: day.description).where("id", .in, ids).run()
    }

    public func actions(ofCases cases: [UUID]) async throws -> [StoredPanelAction] {
        guard !cases.isEmpty else { return [] }
        return try await sql.preparedRows(ActionsOfCasesOnlyRead.self, [cases]).map(Self.action)
    }

    /// The actions of any of `cases` and those `user` owns, in one read.
    public func actions(ofCases cases: [UUID], orOwnedBy user: UUID) async throws -> [StoredPanelAction] {
        try await sql.preparedRows(ActionsOfCasesRead.self, [cases, user]).map(Self.action)
    }

    public func actions(ownedBy user: UUID) async throws -> [StoredPanelAction] {
        try await actions { $0.where("owner_id", .equal, user) }
    }

    public func action(_ id: UUID) async throws -> StoredPanelAction? {
        try await actions { $0.where("id", .equal, id) }.first
    }

    /// Open actions due before `day` whose owner has not yet been told.
    public func overdueUnnotified(before day: CalendarDate) async throws -> [StoredPanelAction] {
        try await sql.preparedRows(OverdueUnnotifiedRead.self, [ActionStatus.open.rawValue, day.description]).map(Self.action)
    }

    private func actions(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [StoredPanelAction] {
        try await filter(sql.select().columns(Self.actionColumns).from("panel_actions"))
            .orderBy("due_on").all().map(Self.action)
    }

    /// The columns ``action(_:)`` reads, in every read of actions, prepared or built.
    static let actionColumns = ["id", "case_id", "meeting_id", "text", "protects", "owning_partner", "owner_id", "owner_name",
                                "due_on", "status", "outcome", "overdue_notified_on"]

    private static func action(_ row: any SQLRow) throws -> StoredPanelAction {
        StoredPanelAction(
            id: try row.decode(column: "id", as: UUID.self), caseID: try row.decode(column: "case_id", as: UUID.self),
            meetingID: try row.decode(column: "meeting_id", as: UUID.self),
            action: PanelAction(
                text: try row.decode(column: "text", as: String.self),
                protects: ActionProtects(rawValue: try row.decode(column: "protects", as: String.self)) ?? .other,
                owningPartner: try row.decode(column: "owning_partner", as: String.self),
                owner: try row.decode(column: "owner_name", as: String.self),
                due: CalendarDate(parsing: try row.decode(column: "due_on", as: String.self)),
                status: ActionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                outcome: try row.decode(column: "outcome", as: String.self)),
            ownerID: try row.decode(column: "owner_id", as: UUID?.self),
            overdueNotifiedOn: try row.decode(column: "overdue_notified_on", as: String?.self))
    }

    // MARK: minutes

    /// Saves minutes: a draft is changed in place, a published version never
    /// is (``MeetingMinutes/editing(to:)`` gives the new version).
    public func saveMinutes(_ minutes: MeetingMinutes, of meeting: UUID, at now: Date) async throws {
        try await sql.delete(from: "panel_minutes").where("meeting_id", .equal, meeting).where("version", .equal, minutes.version)
            .where("published_at", .is, SQLLiteral.null).run()
        try await sql.insert(into: "panel_minutes").columns("meeting_id", "version", "text", "updated_at")
            .values(meeting, minutes.version, minutes.text, now).run()
    }

    public func publishMinutes(of meeting: UUID, version: Int, by user: UUID, at now: Date) async throws {
        try await sql.update("panel_minutes").set("published_at", to: now).set("published_by", to: user)
            .where("meeting_id", .equal, meeting).where("version", .equal, version).run()
    }

    /// Every version, newest first.
    public func minutes(of meeting: UUID) async throws -> [StoredMinutes] {
        try await sql.preparedRows(MinutesRead.self, [meeting]).map { row in
                let published = try row.decode(column: "published_at", as: Date?.self)
                return StoredMinutes(meetingID: meeting, minutes: MeetingMinutes(
                    version: try row.decode(column: "version", as: Int.self), text: try row.decode(column: "text", as: String.self),
                    publishedOn: published.map { CalendarDate(dayNumber: Int(($0.timeIntervalSince1970 / 86_400).rounded(.down))) }), publishedAt: published)
            }
    }

    /// Replaces the case sections of a draft version (a published version's
    /// sections are never passed here: an edit after publication is a new version).
    public func saveSections(_ sections: [MinutesCaseSection], of meeting: UUID, version: Int) async throws {
        try await sql.delete(from: "panel_minutes_sections").where("meeting_id", .equal, meeting).where("version", .equal, version).run()
        guard !sections.isEmpty else { return }
        var insert = sql.insert(into: "panel_minutes_sections").columns("meeting_id", "version", "case_id", "text", "present_partners")
        for section in sections {
            insert = insert.values(meeting, version, section.caseID, section.text, section.presentPartners.sorted().joined(separator: ","))
        }
        try await insert.run()
    }

    /// The case sections of one version of a meeting's minutes.
    public func sections(of meeting: UUID, version: Int) async throws -> [MinutesCaseSection] {
        try await sql.select().columns("case_id", "text", "present_partners").from("panel_minutes_sections")
            .where("meeting_id", .equal, meeting).where("version", .equal, version).all().map { row in
                MinutesCaseSection(caseID: try row.decode(column: "case_id", as: UUID.self), text: try row.decode(column: "text", as: String.self),
                                   presentPartners: Set(try row.decode(column: "present_partners", as: String.self).split(separator: ",").map(String.init)))
            }
    }
}

/// ``PanelActionRepository/overdueUnnotified(before:)``'s read: every panel page checks for overdue actions.
private enum OverdueUnnotifiedRead: PreparedReadText {
    static let name = "panel_actions_overdue_unnotified"
    static let postgresSQL = actionsSelect + #""status" = $1 AND "due_on" < $2 AND "overdue_notified_on" IS NULL ORDER BY "due_on" ASC"#
}

/// ``PanelActionRepository/minutes(of:)``'s read: every meeting and case page shows the minutes' versions.
private enum MinutesRead: PreparedReadText {
    static let name = "panel_minutes_of_meeting"
    static let postgresSQL = #"SELECT "meeting_id", "version", "text", "published_at" FROM "panel_minutes" WHERE "meeting_id" = $1 ORDER BY "version" DESC"#
}

/// ``PanelActionRepository/actions(ofCases:orOwnedBy:)``'s read: every panels home makes it.
private enum ActionsOfCasesRead: PreparedReadText {
    static let name = "panel_actions_of_cases"
    static let postgresSQL = actionsSelect + #"("case_id" = ANY($1) OR "owner_id" = $2) ORDER BY "due_on" ASC"#
}

/// ``PanelActionRepository/actions(ofCases:)``'s read: every case page makes it.
private enum ActionsOfCasesOnlyRead: PreparedReadText {
    static let name = "panel_actions_of_cases_only"
    static let postgresSQL = actionsSelect + #""case_id" = ANY($1) ORDER BY "due_on" ASC"#
}

/// The start of every prepared read of actions: the columns ``PanelActionRepository`` decodes.
private let actionsSelect = "SELECT " + PanelActionRepository.actionColumns.map { #""\#($0)""# }.joined(separator: ", ")
    + #" FROM "panel_actions" WHERE "#
