import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage

/// Agendas and research: listing cases on a meeting, and publishing the
/// agenda, which creates one research task per case and attending partner,
/// prefilled with that partner's own records about the case's people.
enum PanelAgenda {
    /// Lists accepted (or emergency) cases on `meeting`; on a published
    /// agenda each new case gets its research tasks at once.
    static func list(_ cases: [StoredMaracCase], on meeting: StoredPanelMeeting, area: PanelAreaConfiguration, by user: UUID,
                     sql: any SQLDatabase, now: Date) async throws -> [String] {
        let repository = MaracCaseRepository(database: sql)
        var listed: [String] = []
        var toList: [StoredMaracCase] = []
        for stored in cases {
            let step: PanelCaseStep = stored.emergency && stored.state == .referred ? .emergencyList : .list
            // A case already heard and carried forward with open actions is listed again without changing its state.
            guard case .moves(let next) = PanelCaseTransition.apply(step, to: stored.state) else {
                if stored.state.isOpen, stored.state != .referred { toList.append(stored) }
                continue
            }
            try await repository.move(stored.id, step: step.name, from: stored.state, to: next, reason: nil, by: user, at: now)
            toList.append(stored)
            listed.append(stored.reference)
        }
        let meetings = PanelMeetingRepository(database: sql)
        try await meetings.list(toList.map(\.id), on: meeting.id)
        if meeting.state != "draft" {
            try await createResearch(for: toList, meeting: meeting.id, area: area, sql: sql)
            let attendees = try await meetings.attendance(of: meeting.id).map(\.userID)
            try await PanelMembership.grant(users: attendees, people: toList.flatMap(\.people), sql: sql, at: now)
        }
        return listed
    }

    /// Publishes the agenda: research tasks for every listed case, open
    /// actions from earlier meetings carried onto it.
    static func publish(_ meeting: StoredPanelMeeting, area: PanelAreaConfiguration, sql: any SQLDatabase, now: Date) async throws -> Int {
        let meetings = PanelMeetingRepository(database: sql)
        let cases = try await MaracCaseRepository(database: sql).cases(try await meetings.agenda(of: meeting.id))
        try await createResearch(for: cases, meeting: meeting.id, area: area, sql: sql)
        try await meetings.setState(meeting.id, to: "published", at: now)
        let attendees = try await meetings.attendance(of: meeting.id).map(\.userID)
        try await PanelMembership.grant(users: attendees, people: cases.flatMap(\.people), sql: sql, at: now)
        return cases.count
    }

    /// Cases with open actions from earlier meetings, carried onto the next agenda.
    static func carriedOver(area: String, sql: any SQLDatabase) async throws -> [StoredMaracCase] {
        let open = try await MaracCaseRepository(database: sql).cases(in: area, states: carriedStates)
        let actions = try await PanelActionRepository(database: sql).actions(ofCases: open.map(\.id))
        return carriedOver(open, withOpenActions: Set(actions.filter { $0.action.status == .open }.map(\.caseID)))
    }

    /// The same choice over cases and actions a page has already read.
    static func carriedOver(_ cases: [StoredMaracCase], withOpenActions: Set<UUID>) -> [StoredMaracCase] {
        cases.filter { carriedStates.contains($0.state) && withOpenActions.contains($0.id) }
    }

    static let carriedStates: [PanelCaseState] = [.heard, .actionsOpen, .reviewed]

    private static func createResearch(for cases: [StoredMaracCase], meeting: UUID, area: PanelAreaConfiguration,
                                       sql: any SQLDatabase) async throws {
        let meetings = PanelMeetingRepository(database: sql)
        let existing = Set(try await meetings.research(of: meeting).map { "\($0.caseID):\($0.partner)" })
        let casework = CaseworkRepository(database: sql)
        for stored in cases {
            let events = try await casework.events(about: stored.people)
            for partner in area.attendingPartners where !existing.contains("\(stored.id):\(partner)") {
                let own = events.filter { $0.event.partner == partner }.map { "\(partner):\($0.event.recordID)" }
                try await meetings.addResearch(meeting: meeting, case: stored.id, partner: partner, prefill: own)
            }
        }
    }

    /// Adds someone to the register, refusing a partner outside the panel's agreement.
    static func addAttendee(_ user: StoredUser, role: AttendanceRole, to meeting: StoredPanelMeeting, area: PanelAreaConfiguration,
                            policy: AccessPolicy, today: CalendarDate, sql: any SQLDatabase, now: Date) async throws -> PanelFieldProblem? {
        let parties = agreementParties(area: area, agreements: try await PartnershipRepository(database: sql).agreements(), today: today)
        if let refusal = AttendeeEligibility.refusal(partner: user.partner, partnerName: policy.index.name(of: user.partner),
                                                     area: area, agreementParties: parties) {
            return refusal
        }
        let meetings = PanelMeetingRepository(database: sql)
        try await meetings.addAttendee(meeting: meeting.id, user: user.id, partner: user.partner, role: role)
        if meeting.state != "draft" {
            let cases = try await MaracCaseRepository(database: sql).cases(try await meetings.agenda(of: meeting.id))
            try await PanelMembership.grant(users: [user.id], people: cases.flatMap(\.people), sql: sql, at: now)
        }
        return nil
    }

    /// Partners in a flow of the panel's agreement that carries the
    /// `risk-panels` purpose, in force today.
    static func agreementParties(area: PanelAreaConfiguration, agreements: [Agreement], today: CalendarDate) -> Set<String> {
        var parties = Set<String>()
        for agreement in agreements where agreement.title == area.agreementTitle && agreement.isInForce(on: today) {
            for flow in agreement.flows where flow.purposes.contains(.riskPanels) {
                parties.insert(flow.from)
                parties.formUnion(flow.to)
            }
        }
        return parties
    }
}
