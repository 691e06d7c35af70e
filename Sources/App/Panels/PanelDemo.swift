import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

/// The demo's MARAC: an area chaired by `chair` and coordinated by
/// `coordinator`, referrals made by the IDVA through the same DASH intake a
/// practitioner uses, a past meeting with published minutes and actions
/// (some overdue), and a published agenda with research partly returned.
enum PanelDemo {
    static let areaSlug = "harrowmere-marac"

    static func area(attending: [String]) -> PanelAreaConfiguration {
        PanelAreaConfiguration.standard(
            kind: .marac, slug: areaSlug, name: "Harrowmere MARAC", attendingPartners: attending,
            // Fire and rescue is a party to the information sharing protocol but has not signed the MARAC operating protocol.
            signatories: attending + ["harrowmere-schools"], agreementTitle: "Harrowmere Information Sharing Protocol")
    }

    static let neighbourSlug = "northmere-marac"

    /// The neighbouring MARAC a case can be transferred to, coordinated by
    /// `neighbour`, with its own settings: version 2 counts escalation as 5
    /// police call-outs in 12 months (a local variant) and gives minutes 5 working days.
    static func seedNeighbour(attending: [String], areas: PanelAreaRepository, users: UserRepository) async throws {
        guard let neighbour = try await users.find(username: "neighbour") else { return }
        let first = PanelAreaConfiguration.standard(kind: .marac, slug: neighbourSlug, name: "Northmere MARAC", attendingPartners: attending,
                                                    signatories: attending, agreementTitle: "Harrowmere Information Sharing Protocol")
        try await areas.save(first, by: "demo-loader", at: Date())
        try await areas.save(first.revised { $0.escalationEvents = 5; $0.minutesWorkingDays = 5 }, by: "demo-loader",
                             reason: "Northmere's operating protocol: escalation at 5 police call-outs in 12 months; minutes within 5 working days",
                             at: Date())
        try await areas.addStaff(area: neighbourSlug, user: neighbour.id, function: .coordinator)
    }

    static func seed(app: Application, sql: any SQLDatabase) async throws {
        let users = UserRepository(database: sql)
        guard let chair = try await users.find(username: "chair"), let coordinator = try await users.find(username: "coordinator"),
              let idva = try await users.find(username: "idva") else { return }
        let attending = ["harrowmere-police", "harrowmere-childrens-services", "harrowmere-adult-social-care", "harrowmere-health",
                         "harrowmere-homes", "harrowmere-probation", "harrowmere-da-service", "harrowmere-council"]
        let area = area(attending: attending)
        let areas = PanelAreaRepository(database: sql)
        try await areas.save(area, by: "demo-loader", at: Date())
        try await areas.addStaff(area: areaSlug, user: chair.id, function: .chair)
        try await areas.addStaff(area: areaSlug, user: coordinator.id, function: .coordinator)
        try await seedNeighbour(attending: attending, areas: areas, users: users)
        let now = Date()
        let today = CalendarDate.today(at: now)
        // Victims of domestic abuse with a perpetrator recorded in their household.
        let victims = try await sql.raw("""
            SELECT DISTINCT s.person_id AS person_id FROM events e
            JOIN source_records s ON s.partner_slug = e.partner_slug AND s.record_id = e.person_record_id
            WHERE e.category = 'domestic-abuse' AND e.role = 'victim' AND s.person_id IS NOT NULL ORDER BY s.person_id
            """).all().map { try $0.decode(column: "person_id", as: UUID.self) }
        var cases: [StoredMaracCase] = []
        let questions = DASHInstrument.safeLives24.questions
        for (index, victim) in victims.enumerated() where cases.count < 12 {
            let linkage = try await PanelLinkage.find(victim: victim, area: area, today: today, sql: sql)
            guard !linkage.perpetrators.isEmpty else { continue }
            let yes = 14 + index % 5
            let form = DashSubmission(
                area: areaSlug, victim: victim,
                answers: Dictionary(uniqueKeysWithValues: questions.enumerated().map { ($1.id, $0 < yes ? "yes" : ($0 % 3 == 0 ? "not-known" : "no")) }),
                victimView: "Frightened of what happens when he is released", contextNotes: "Seen at the IDVA service",
                assessedOn: today.adding(days: -30 + cases.count).description, victimTold: "yes",
                victimWishes: "To stay in the home with the children, safely")
            if case .referred(_, _, let stored) = try await DashIntake.submit(form, assessorID: idva.id, assessorName: idva.displayName,
                                                                              partner: idva.partner, area: area, today: today, sql: sql, now: now) {
                cases.append(stored)
            }
        }
        let repository = MaracCaseRepository(database: sql)
        // Two referrals wait for the coordinator; the rest are accepted.
        for stored in cases.dropFirst(2) {
            try await repository.move(stored.id, step: "accept", from: .referred, to: .accepted, reason: nil, by: coordinator.id, at: now)
        }
        let accepted = try await repository.cases(Array(cases.dropFirst(2)).map(\.id))
            .sorted { $0.reference < $1.reference }
        guard accepted.count >= 4 else { return }
        let policy = try await app.accessGate.current(sql)
        let meetings = PanelMeetingRepository(database: sql)
        let register: [(String, AttendanceRole)] = [("chair", .present), ("coordinator", .present), ("officer", .present),
                                                    ("idva", .present), ("practitioner", .present)]
        // A past meeting: three cases heard, actions set (two now overdue), minutes published.
        let pastID = try await meetings.create(area: area, heldOn: today.adding(days: -21), venue: "Harrowmere Civic Centre, room 2", at: now)
        guard let past = try await meetings.meeting(pastID) else { return }
        let heard = Array(accepted.prefix(3))
        _ = try await PanelAgenda.list(heard, on: past, area: area, by: coordinator.id, sql: sql, now: now)
        for (username, role) in register {
            if let user = try await users.find(username: username) {
                _ = try await PanelAgenda.addAttendee(user, role: role, to: past, area: area, policy: policy, today: today, sql: sql, now: now)
                try await meetings.accept(meeting: pastID, user: user.id, version: area.confidentialityStatement.version, at: now)
            }
        }
        _ = try await PanelAgenda.publish(past, area: area, sql: sql, now: now)
        for task in try await meetings.research(of: pastID) {
            try await meetings.returnResearch(task.id, answer: "", nothingKnown: true, by: coordinator.id, name: "Returned before the meeting", at: now)
        }
        try await meetings.setState(pastID, to: "closed", at: now)
        let actions = PanelActionRepository(database: sql)
        let officer = try await users.find(username: "officer")
        for (index, stored) in heard.enumerated() {
            try await repository.move(stored.id, step: "hear", from: .listed, to: .heard, reason: nil, by: chair.id, at: now)
            try await repository.move(stored.id, step: "open-actions", from: .heard, to: .actionsOpen, reason: nil, by: chair.id, at: now)
            let items: [(PanelAction, UUID?)] = [
                (PanelAction(text: "Flag the address for an urgent police response", protects: .victim, owningPartner: "harrowmere-police",
                             owner: officer?.displayName ?? "Owen Officer", due: today.adding(days: index == 0 ? -7 : 10)), officer?.id),
                (PanelAction(text: "Check the children's school attendance and tell the designated safeguarding lead", protects: .child,
                             owningPartner: "harrowmere-childrens-services", owner: "Priya Practitioner", due: today.adding(days: index == 1 ? -3 : 14),
                             status: index == 2 ? .done : .open, outcome: index == 2 ? "School told; attendance good" : ""), nil),
            ]
            for (action, owner) in items { _ = try await actions.add(action, case: stored.id, meeting: pastID, ownerID: owner, at: now) }
        }
        let minutes = MeetingMinutes(text: "Confidentiality statement read and accepted by all present. "
            + "\(heard.count) cases heard. Actions from the previous meeting reviewed: none outstanding.")
        try await actions.saveMinutes(minutes, of: pastID, at: now)
        // Each case's section, with who was in the room for it: the IDVA service only for the first two cases.
        try await actions.saveSections(heard.enumerated().map { index, stored in
            MinutesCaseSection(caseID: stored.id, text: "Heard; risk remains high; actions set for police and children's social care.",
                               presentPartners: Set(["harrowmere-police", "harrowmere-childrens-services", "harrowmere-council"]
                                                    + (index < 2 ? ["harrowmere-da-service"] : [])))
        }, of: pastID, version: 1)
        try await actions.publishMinutes(of: pastID, version: 1, by: coordinator.id, at: now)
        // The next meeting: the other accepted cases and those carried over with open actions, research partly back.
        let nextID = try await meetings.create(area: area, heldOn: today.adding(days: 7), venue: "Harrowmere Civic Centre, room 2", at: now)
        guard let next = try await meetings.meeting(nextID) else { return }
        for (username, role) in register {
            if let user = try await users.find(username: username) {
                _ = try await PanelAgenda.addAttendee(user, role: role, to: next, area: area, policy: policy, today: today, sql: sql, now: now)
            }
        }
        _ = try await PanelAgenda.list(Array(accepted.dropFirst(3)) + (try await PanelAgenda.carriedOver(area: areaSlug, sql: sql)),
                                       on: next, area: area, by: coordinator.id, sql: sql, now: now)
        _ = try await PanelAgenda.publish(next, area: area, sql: sql, now: now)
        let tasks = try await meetings.research(of: nextID)
        for (index, task) in tasks.enumerated() where index % 3 == 0 && task.partner != "harrowmere-police" {
            try await meetings.returnResearch(task.id, answer: index % 2 == 0 ? "" : "Known to our service; engaging with support.",
                                              nothingKnown: index % 2 == 0, by: coordinator.id, name: policy.index.name(of: task.partner), at: now)
        }
        try await PanelFollowUp.notifyOverdue(today: today, sql: sql, audit: app.auditTrail, database: app.db, now: now)
    }
}
