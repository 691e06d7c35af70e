import Foundation
import LanternDomain
import SQLKit

/// A panel meeting as stored.
public struct StoredPanelMeeting: Sendable {
    public var id: UUID
    public var areaSlug: String
    public var areaVersion: Int
    public var heldOn: CalendarDate
    public var venue: String
    /// `draft`, `published` (agenda out, research under way), `open` (in session) or `closed`.
    public var state: String
    public var statement: ConfidentialityStatement
    public var publishedAt: Date?
    public var openedAt: Date?
}

/// One research task: a case on the agenda, for one attending partner.
public struct StoredResearch: Sendable {
    public var id: UUID
    public var meetingID: UUID
    public var caseID: UUID
    public var partner: String
    /// The partner's own records about the case's people at publication, as "partner:record" ids.
    public var prefill: [String]
    public var answer: String?
    public var nothingKnown: Bool
    public var returnedByName: String?
    public var returnedAt: Date?

    public var isReturned: Bool { returnedAt != nil }
}

/// A meeting that lists a case, as one caller stands to it.
public struct CaseListing: Sendable {
    public var meeting: StoredPanelMeeting
    public var onRegister: Bool
    public var accepted: Bool
}

/// One line of the attendance register.
public struct StoredAttendance: Sendable {
    public var userID: UUID
    public var name: String
    public var partner: String
    public var role: AttendanceRole
    public var acceptedVersion: Int?
    public var acceptedAt: Date?
}

/// Meetings, agendas, research tasks and attendance.
public struct PanelMeetingRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    public func create(area: PanelAreaConfiguration, heldOn: CalendarDate, venue: String, at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "panel_meetings").columns("id", "area_slug", "area_version", "held_on", "venue", "state",
                                                             "statement_version", "statement_text", "created_at")
            .values(id, area.slug, area.version, heldOn.description, venue, "draft", area.confidentialityStatement.version,
                    area.confidentialityStatement.text, now).run()
        return id
    }

    static let columns = ["id", "area_slug", "area_version", "held_on", "venue", "state", "statement_version", "statement_text",
                          "published_at", "opened_at"]

    public func meetings(in area: String) async throws -> [StoredPanelMeeting] {
        try await meetings { $0.where("area_slug", .equal, area).orderBy("held_on", .descending) }
    }

    public func meeting(_ id: UUID) async throws -> StoredPanelMeeting? {
        try await meetings { $0.where("id", .equal, id) }.first
    }

    /// The meetings among `ids` and every meeting of `areas`, newest first, in one read.
    public func meetings(_ ids: [UUID], orIn areas: [String]) async throws -> [StoredPanelMeeting] {
        guard !ids.isEmpty || !areas.isEmpty else { return [] }
        return try await meetings { query in
            query.where(group: { group in
                var group = group
                if !ids.isEmpty { group = group.orWhere("id", .in, ids) }
                if !areas.isEmpty { group = group.orWhere("area_slug", .in, areas) }
                return group
            }).orderBy("held_on", .descending)
        }
    }

    /// The meetings among `ids` and every meeting of `areas`, as ``meetings(_:orIn:)`` gives
    /// them, each with how many of `partner`'s research tasks on it are not yet returned
    /// (``awaitedResearch(in:partner:)`` over one meeting), in one read.
    public func meetings(_ ids: [UUID], orIn areas: [String], awaitedFrom partner: String) async throws
        -> [(meeting: StoredPanelMeeting, awaited: Int)] {
        guard !ids.isEmpty || !areas.isEmpty else { return [] }
        return try await sql.preparedRows(MeetingsWithAwaitedRead.self, [partner, ids, areas]).map { row in
            (try Self.meeting(row), try row.decode(column: "awaited", as: Int.self))
        }
    }

    /// A meeting with its attendance register (``attendance(of:)``) in one read: a meeting page asks both.
    public func meetingWithAttendance(_ id: UUID) async throws -> (meeting: StoredPanelMeeting, attendance: [StoredAttendance])? {
        let rows = try await sql.preparedRows(MeetingWithAttendanceRead.self, [id])
        guard let first = rows.first else { return nil }
        let attendance = try rows.compactMap { row -> StoredAttendance? in
            // An attendee whose account is gone is left out, as the inner join of ``attendance(of:)`` leaves them out.
            guard let user = try row.decode(column: "attendee", as: UUID?.self), let name = try row.decode(column: "name", as: String?.self) else {
                return nil
            }
            return try Self.attendance(row, user: user, name: name)
        }
        return (try Self.meeting(first), attendance)
    }

    /// Each meeting whose agenda lists `caseID`, with whether `user` is on
    /// its register and has accepted its statement, in one read.
    public func listings(of caseID: UUID, for user: UUID) async throws -> [CaseListing] {
        try await sql.preparedRows(CaseListingsRead.self, [user, caseID]).map { row in
            CaseListing(meeting: try Self.meeting(row), onRegister: try row.decode(column: "attendee", as: UUID?.self) != nil,
                        accepted: try row.decode(column: "accepted_at", as: Date?.self) != nil)
        }
    }

    private func meetings(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [StoredPanelMeeting] {
        try await filter(sql.select().columns(Self.columns.map { SQLColumn($0) }).from("panel_meetings")).all().map(Self.meeting)
    }

    private static func meeting(_ row: any SQLRow) throws -> StoredPanelMeeting {
        StoredPanelMeeting(
            id: try row.decode(column: "id", as: UUID.self), areaSlug: try row.decode(column: "area_slug", as: String.self),
            areaVersion: try row.decode(column: "area_version", as: Int.self),
            heldOn: CalendarDate(parsing: try row.decode(column: "held_on", as: String.self)) ?? CalendarDate(dayNumber: 0),
            venue: try row.decode(column: "venue", as: String.self), state: try row.decode(column: "state", as: String.self),
            statement: ConfidentialityStatement(version: try row.decode(column: "statement_version", as: Int.self),
                                                text: try row.decode(column: "statement_text", as: String.self)),
            publishedAt: try row.decode(column: "published_at", as: Date?.self), openedAt: try row.decode(column: "opened_at", as: Date?.self))
    }

    public func setState(_ meeting: UUID, to state: String, at now: Date) async throws {
        var update = sql.update("panel_meetings").set("state", to: state)
        if state == "published" { update = update.set("published_at", to: now) }
        if state == "open" { update = update.set("opened_at", to: now) }
        try await update.where("id", .equal, meeting).run()
    }

    // MARK: agenda

    public func list(_ cases: [UUID], on meeting: UUID) async throws {
        let existing = try await agenda(of: meeting)
        var position = existing.count
        for id in cases where !existing.contains(id) {
            position += 1
            try await sql.insert(into: "panel_agenda_items").columns("meeting_id", "case_id", "position").values(meeting, id, position).run()
        }
    }

    public func agenda(of meeting: UUID) async throws -> [UUID] {
        try await sql.select().column("case_id").from("panel_agenda_items").where("meeting_id", .equal, meeting).orderBy("position").all()
            .map { try $0.decode(column: "case_id", as: UUID.self) }
    }

    /// Meetings whose agenda lists any of `cases`.
    public func meetings(listing cases: [UUID]) async throws -> [UUID: [UUID]] {
        guard !cases.isEmpty else { return [:] }
        var result: [UUID: [UUID]] = [:]
        for row in try await sql.select().columns("meeting_id", "case_id").from("panel_agenda_items").where("case_id", .in, cases).all() {
            result[try row.decode(column: "case_id", as: UUID.self), default: []].append(try row.decode(column: "meeting_id", as: UUID.self))
        }
        return result
    }

    // MARK: research

    public func addResearch(meeting: UUID, case id: UUID, partner: String, prefill: [String]) async throws {
        try await sql.insert(into: "panel_research").columns("id", "meeting_id", "case_id", "partner", "prefill", "nothing_known")
            .values(UUID(), meeting, id, partner, String(decoding: try JSONEncoder().encode(prefill), as: UTF8.self), false).run()
    }

    /// A meeting's research tasks; `partner` or `case` narrows them in the query, so a case page
    /// reads its own few tasks rather than the whole agenda's (a case times every attending partner).
    /// `prefill` false leaves each task's prefill empty, unread: the board and the case page do not show it.
    public func research(of meeting: UUID, partner: String? = nil, case caseID: UUID? = nil, prefill: Bool = true) async throws -> [StoredResearch] {
        if partner == nil, caseID == nil, !prefill {
            return try await sql.preparedRows(MeetingResearchRead.self, [meeting]).map { try Self.research($0, prefill: false) }
        }
        var query = sql.select().columns(Self.researchColumns
                                         + (prefill ? ["prefill"] : [])).from("panel_research").where("meeting_id", .equal, meeting)
        if let partner { query = query.where("partner", .equal, partner) }
        if let caseID { query = query.where("case_id", .equal, caseID) }
        return try await research(query, prefill: prefill)
    }

    /// The research returned on `caseID` at any meeting, without prefills.
    public func returnedResearch(ofCase caseID: UUID) async throws -> [StoredResearch] {
        try await sql.preparedRows(ReturnedResearchRead.self, [caseID]).map { try Self.research($0, prefill: false) }
    }

    /// How many of `partner`'s research tasks on these meetings are not yet returned.
    public func awaitedResearch(in meetings: [UUID], partner: String) async throws -> Int {
        guard !meetings.isEmpty else { return 0 }
        return try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("panel_research")
            .where("meeting_id", .in, meetings).where("partner", .equal, partner).where("returned_at", .is, SQLLiteral.null)
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func research(_ query: SQLSelectBuilder, prefill: Bool) async throws -> [StoredResearch] {
        try await query.orderBy("partner").all().map { try Self.research($0, prefill: prefill) }
    }

    /// The columns ``research(_:prefill:)`` reads besides the prefill, in every read of research tasks.
    static let researchColumns = ["id", "meeting_id", "case_id", "partner", "answer", "nothing_known", "returned_by_name", "returned_at"]

    private static func research(_ row: any SQLRow, prefill: Bool) throws -> StoredResearch {
        StoredResearch(
            id: try row.decode(column: "id", as: UUID.self), meetingID: try row.decode(column: "meeting_id", as: UUID.self),
            caseID: try row.decode(column: "case_id", as: UUID.self), partner: try row.decode(column: "partner", as: String.self),
            prefill: prefill ? try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "prefill", as: String.self).utf8)) : [],
            answer: try row.decode(column: "answer", as: String?.self), nothingKnown: try row.decode(column: "nothing_known", as: Bool.self),
            returnedByName: try row.decode(column: "returned_by_name", as: String?.self),
            returnedAt: try row.decode(column: "returned_at", as: Date?.self))
    }

    public func returnResearch(_ id: UUID, answer: String, nothingKnown: Bool, by user: UUID, name: String, at now: Date) async throws {
        try await sql.update("panel_research").set("answer", to: answer).set("nothing_known", to: nothingKnown)
            .set("returned_by", to: user).set("returned_by_name", to: name).set("returned_at", to: now).where("id", .equal, id).run()
    }

    // MARK: attendance

    public func addAttendee(meeting: UUID, user: UUID, partner: String, role: AttendanceRole) async throws {
        try await sql.delete(from: "panel_attendance").where("meeting_id", .equal, meeting).where("user_id", .equal, user).run()
        try await sql.insert(into: "panel_attendance").columns("meeting_id", "user_id", "partner", "role")
            .values(meeting, user, partner, role.rawValue).run()
    }

    public func attendance(of meeting: UUID) async throws -> [StoredAttendance] {
        try await sql.raw("""
            SELECT a.user_id AS user_id, u.display_name AS name, a.partner AS partner, a.role AS role,
                   a.accepted_version AS accepted_version, a.accepted_at AS accepted_at
            FROM panel_attendance a JOIN users u ON u.id = a.user_id
            WHERE a.meeting_id = \(bind: meeting) ORDER BY a.partner, u.display_name
            """).all().map { row in
            try Self.attendance(row, user: try row.decode(column: "user_id", as: UUID.self), name: try row.decode(column: "name", as: String.self))
        }
    }

    private static func attendance(_ row: any SQLRow, user: UUID, name: String) throws -> StoredAttendance {
        StoredAttendance(userID: user, name: name, partner: try row.decode(column: "partner", as: String.self),
                         role: AttendanceRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .present,
                         acceptedVersion: try row.decode(column: "accepted_version", as: Int?.self),
                         acceptedAt: try row.decode(column: "accepted_at", as: Date?.self))
    }

    public func accept(meeting: UUID, user: UUID, version: Int, at now: Date) async throws {
        try await sql.update("panel_attendance").set("accepted_version", to: version).set("accepted_at", to: now)
            .where("meeting_id", .equal, meeting).where("user_id", .equal, user).run()
    }

    /// Meetings `user` is on the register of.
    public func meetings(attendedBy user: UUID) async throws -> [UUID] {
        try await sql.select().column("meeting_id").from("panel_attendance").where("user_id", .equal, user).all()
            .map { try $0.decode(column: "meeting_id", as: UUID.self) }
    }
}

/// ``PanelMeetingRepository/meetingWithAttendance(_:)``'s read: every meeting page makes it.
private enum MeetingWithAttendanceRead: PreparedReadText {
    static let name = "panel_meeting_with_attendance"
    static let postgresSQL = "SELECT " + PanelMeetingRepository.columns.map { "m.\($0) AS \($0)" }.joined(separator: ", ") + """
        , a.user_id AS attendee, u.display_name AS name, a.partner AS partner, a.role AS role, \
        a.accepted_version AS accepted_version, a.accepted_at AS accepted_at \
        FROM panel_meetings m LEFT JOIN panel_attendance a ON a.meeting_id = m.id LEFT JOIN users u ON u.id = a.user_id \
        WHERE m.id = $1 ORDER BY a.partner, u.display_name
        """
}

/// ``PanelMeetingRepository/listings(of:for:)``'s read: every case page makes it.
private enum CaseListingsRead: PreparedReadText {
    static let name = "panel_case_listings"
    static let postgresSQL = "SELECT " + PanelMeetingRepository.columns.map { "m.\($0) AS \($0)" }.joined(separator: ", ") + """
        , a.user_id AS attendee, a.accepted_at AS accepted_at \
        FROM panel_agenda_items i JOIN panel_meetings m ON m.id = i.meeting_id \
        LEFT JOIN panel_attendance a ON a.meeting_id = m.id AND a.user_id = $1 \
        WHERE i.case_id = $2 ORDER BY m.held_on
        """
}

/// ``PanelMeetingRepository/returnedResearch(ofCase:)``'s read: every case page makes it.
private enum ReturnedResearchRead: PreparedReadText {
    static let name = "panel_returned_research_of_case"
    static let postgresSQL = researchSelect + #""case_id" = $1 AND "returned_at" IS NOT NULL ORDER BY "partner" ASC"#
}

/// ``PanelMeetingRepository/meetings(_:orIn:awaitedFrom:)``'s read: every panels home makes it.
private enum MeetingsWithAwaitedRead: PreparedReadText {
    static let name = "panel_meetings_with_awaited"
    static let postgresSQL = "SELECT " + PanelMeetingRepository.columns.map { "m.\($0) AS \($0)" }.joined(separator: ", ") + """
        , (SELECT COUNT(*) FROM panel_research r WHERE r.meeting_id = m.id AND r.partner = $1 AND r.returned_at IS NULL) AS awaited \
        FROM panel_meetings m WHERE (m.id = ANY($2) OR m.area_slug = ANY($3)) ORDER BY m.held_on DESC
        """
}

/// ``PanelMeetingRepository/research(of:partner:case:prefill:)``'s read for a
/// meeting's whole research board without prefills: every meeting page makes it.
private enum MeetingResearchRead: PreparedReadText {
    static let name = "panel_research_of_meeting"
    static let postgresSQL = researchSelect + #""meeting_id" = $1 ORDER BY "partner" ASC"#
}

/// The start of every prepared read of research tasks without prefills.
private let researchSelect = "SELECT " + PanelMeetingRepository.researchColumns.map { #""\#($0)""# }.joined(separator: ", ")
    + #" FROM "panel_research" WHERE "#
