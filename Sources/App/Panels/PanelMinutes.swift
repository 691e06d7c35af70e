import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// A meeting's minutes: the meeting-wide text and one section per case on
/// the agenda (what was said, which partners were present for it), versioned
/// together. The chair and coordinators read every section; any other
/// attendee who accepted the statement reads the published versions, and of
/// those only the sections of the cases its partner was present for or holds
/// actions on (``MinutesReadership``); the rest are counted, never named.
extension PanelMeetingsController {
    struct MinutesRow: Encodable { var version: Int; var published: String?; var text: String; var sections: [SectionRow]; var withheld: Int }
    struct SectionRow: Encodable { var reference: String; var text: String; var present: String }
    /// The staff's editor for one agenda case: its draft text and the register's partners to tick as present.
    struct SectionEditor: Encodable { var caseID: UUID; var reference: String; var text: String; var partners: [Option] }

    /// The versions of `meeting`'s minutes the caller reads, each with the case sections its partner may see.
    /// `references` are the case references the caller already read (the agenda's); only the others are read here.
    static func minutesRows(_ minutes: [StoredMinutes], meeting: UUID, fullReader: Bool, partner: String,
                            policy: AccessPolicy, sql: any SQLDatabase, references known: [UUID: String] = [:]) async throws -> [MinutesRow] {
        let repository = PanelActionRepository(database: sql)
        var rows: [MinutesRow] = []
        for version in minutes {
            let sections = try await repository.sections(of: meeting, version: version.minutes.version)
            let unknown = Array(Set(sections.map(\.caseID)).subtracting(known.keys))
            let cases = try await MaracCaseRepository(database: sql).cases(unknown)
            let references = known.merging(cases.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
            let readable: Set<UUID>
            if fullReader {
                readable = Set(sections.map(\.caseID))
            } else {
                let actions = try await repository.actions(ofCases: sections.map(\.caseID))
                readable = MinutesReadership.readable(by: partner, sections: sections,
                                                      actionOwners: MinutesReadership.owners(of: actions.map { ($0.caseID, $0.action.owningPartner) }))
            }
            let shown = sections.filter { readable.contains($0.caseID) }.sorted { references[$0.caseID] ?? "" < references[$1.caseID] ?? "" }
            rows.append(MinutesRow(
                version: version.minutes.version, published: version.publishedAt?.formatted(.iso8601), text: version.minutes.text,
                sections: shown.map { section in
                    SectionRow(reference: references[section.caseID] ?? "", text: section.text,
                               present: section.presentPartners.map { policy.index.name(of: $0) }.sorted().joined(separator: ", "))
                },
                withheld: sections.count - shown.count))
        }
        return rows
    }

    /// One editor per agenda case, filled from the newest draft, else with every attending partner on the register ticked.
    static func sectionEditors(agenda: [StoredMaracCase], draft: StoredMinutes?, attendance: [StoredAttendance], meeting: UUID,
                               policy: AccessPolicy, sql: any SQLDatabase) async throws -> [SectionEditor] {
        let drafted = try await draft.asyncMap { try await PanelActionRepository(database: sql).sections(of: meeting, version: $0.minutes.version) } ?? []
        let partners = Array(Set(attendance.filter { $0.role.attends }.map(\.partner))).sorted()
        return agenda.map { stored in
            let section = drafted.first { $0.caseID == stored.id }
            return SectionEditor(caseID: stored.id, reference: stored.reference, text: section?.text ?? "",
                                 partners: partners.map { Option(value: $0, label: policy.index.name(of: $0), selected: section?.presentPartners.contains($0) ?? true) })
        }
    }

    struct MinutesForm: Content {
        var text: String?
        /// Each agenda case's section, keyed by the case id.
        var notes: [String: String]?
        /// `caseID:partner` for each partner present for a case's discussion.
        var present: [String: String]?
    }

    func saveMinutes(req: Request) async throws -> Response {
        let (meeting, _, _) = try await staffMeeting(req)
        let form = try req.content.decode(MinutesForm.self)
        let text = form.text ?? ""
        let path = "/panels/meetings/\(meeting.id.uuidString)"
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return req.back(to: path, problem: "text: write the minutes") }
        let sql = try req.sql()
        let repository = PanelActionRepository(database: sql)
        let meetings = PanelMeetingRepository(database: sql)
        let agenda = try await meetings.agenda(of: meeting.id)
        let register = Set(try await meetings.attendance(of: meeting.id).map(\.partner))
        let ticked = (form.present ?? [:]).keys.compactMap { key -> (UUID, String)? in
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = UUID(uuidString: parts[0]), register.contains(parts[1]) else { return nil }
            return (id, parts[1])
        }
        let sections = agenda.map { id in
            MinutesCaseSection(caseID: id, text: (form.notes?[id.uuidString] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                               presentPartners: Set(ticked.filter { $0.0 == id }.map(\.1)))
        }
        let current = try await repository.minutes(of: meeting.id).first?.minutes
        let next = current?.editing(to: text) ?? MeetingMinutes(text: text)
        try await repository.saveMinutes(next, of: meeting.id, at: Date())
        try await repository.saveSections(sections, of: meeting.id, version: next.version)
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel minutes v\(next.version) cases:\(sections.count)",
                            reason: current?.isPublished == true ? "edit after publication: new version \(next.version)" : "minutes draft saved",
                            purpose: "risk-panels")
        return req.back(to: path, done: current?.isPublished == true
                        ? "The published minutes are unchanged: your edit is draft version \(next.version)." : "Minutes saved (version \(next.version), draft).")
    }

    func publishMinutes(req: Request) async throws -> Response {
        let (meeting, _, standing) = try await staffMeeting(req)
        let repository = PanelActionRepository(database: try req.sql())
        let path = "/panels/meetings/\(meeting.id.uuidString)"
        guard let draft = try await repository.minutes(of: meeting.id).first, draft.publishedAt == nil else {
            return req.back(to: path, problem: "text: there is no draft to publish")
        }
        try await repository.publishMinutes(of: meeting.id, version: draft.minutes.version, by: standing.caller.userID, at: Date())
        try await PanelMeetingRepository(database: try req.sql()).setState(meeting.id, to: "closed", at: Date())
        try await req.audit(.write, subject: "panel-meeting:\(meeting.id.uuidString)", resource: "panel minutes v\(draft.minutes.version) publish",
                            reason: "minutes published to attendees", purpose: "risk-panels")
        return req.back(to: path, done: "Minutes version \(draft.minutes.version) published to the attendees.")
    }

    struct PrintPage: Encodable {
        var area: String; var heldOn: String; var venue: String; var version: Int; var published: String; var text: String
        var sections: [SectionRow]; var withheld: Int; var attendance: [AttendanceRow]
    }

    func printMinutes(req: Request) async throws -> View {
        let meeting = try await PanelLookup.meeting(req)
        let standing = try await req.panelStanding()
        let sql = try req.sql()
        let attendance = try await PanelMeetingRepository(database: sql).attendance(of: meeting.id)
        let accepted = attendance.contains { $0.userID == standing.caller.userID && $0.acceptedAt != nil }
        guard standing.isStaff(of: meeting.areaSlug) || accepted else {
            throw Refusal.panel(.minutesOnlyForAttendees)
        }
        guard let published = try await PanelActionRepository(database: sql).minutes(of: meeting.id).first(where: { $0.publishedAt != nil }) else {
            throw Abort(.notFound, reason: "These minutes are not published yet.")
        }
        let policy = try await req.application.accessGate.current(sql)
        let area = try await PanelLookup.area(meeting.areaSlug, sql: sql)
        let row = try await Self.minutesRows([published], meeting: meeting.id, fullReader: standing.isStaff(of: meeting.areaSlug),
                                             partner: standing.caller.partner, policy: policy, sql: sql)[0]
        try await req.audit(.read, subject: "panel-meeting:\(meeting.id.uuidString)",
                            resource: "panel minutes v\(published.minutes.version) print cases:\(row.sections.count) withheld:\(row.withheld)",
                            reason: "minutes printed", purpose: "risk-panels")
        return try await req.renderPage("panels-minutes", PrintPage(
            area: area.name, heldOn: meeting.heldOn.description, venue: meeting.venue, version: published.minutes.version,
            published: published.publishedAt?.formatted(.iso8601) ?? "", text: published.minutes.text, sections: row.sections, withheld: row.withheld,
            attendance: attendance.map { AttendanceRow(name: $0.name, partner: policy.index.name(of: $0.partner), role: $0.role.label, accepted: "") }))
    }
}
