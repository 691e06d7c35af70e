import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// `/panels`: the chair's and coordinator's home (referrals to accept,
/// agendas, lapsing cases, overdue actions) and every practitioner's way in
/// (their referrals, meetings, actions and research), plus the DASH form.
struct PanelsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let panels = routes.grouped("panels")
        panels.get(use: home)
        panels.get("dash", "new", use: dashForm)
        panels.post("dash", use: submitDash)
    }

    func home(req: Request) async throws -> View {
        let standing = try await req.panelStanding()
        let sql = try req.sql()
        let today = req.today()
        try await PanelFollowUp.notifyOverdue(today: today, sql: sql, audit: req.application.auditTrail, database: req.db, now: Date())
        let cases = MaracCaseRepository(database: sql)
        let meetings = PanelMeetingRepository(database: sql)
        let policy = try await req.accessPolicy()
        // A few set-based reads, split here: the areas' cases with the caller's referrals, the areas' meetings with
        // those the caller attends, the cases' actions with the caller's own; not one read per area, meeting or case.
        let areas = try await req.panelAreas(standing).filter { standing.isStaff(of: $0.slug) }
        let staffed = areas.map(\.slug)
        let loaded = try await cases.cases(inAreas: staffed, orReferredBy: standing.caller.userID)
        let areaCases = Dictionary(grouping: loaded.filter { staffed.contains($0.areaSlug) }, by: \.areaSlug)
        let everyone = areas.flatMap { areaCases[$0.slug] ?? [] }
        let mine = loaded.filter { $0.referrerID == standing.caller.userID }
        // With each meeting, how much of the caller's partner's research on it is awaited (the "research due" count).
        let counted = try await meetings.meetings(Array(standing.meetings), orIn: staffed, awaitedFrom: standing.caller.partner)
        let allMeetings = counted.map(\.meeting)
        let myMeetings = allMeetings.filter { standing.meetings.contains($0.id) }
        let caseIDs = Set((everyone + mine).map(\.id))
        let loadedActions = try await PanelActionRepository(database: sql).actions(ofCases: Array(caseIDs), orOwnedBy: standing.caller.userID)
        let allActions = loadedActions.filter { caseIDs.contains($0.caseID) }
        let ownActions = loadedActions.filter { $0.ownerID == standing.caller.userID }
        let names = try await req.panelNames((everyone + mine).map(\.victim), resource: "panels home")
        let actionCases = try await cases.cases(Array(Set(ownActions.map(\.caseID)).subtracting(caseIDs)))
        let references = Dictionary((everyone + mine + actionCases).map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        let withOpenActions = Set(allActions.filter { $0.action.status == .open }.map(\.caseID))
        var areaRows: [PanelAreaRow] = []
        for area in areas {
            let list = areaCases[area.slug] ?? []
            let rule = RepeatRule(windowMonths: area.repeatWindowMonths)
            let lapsing = rule.lapsing(list.filter { $0.state.isOpen }.map { (item: $0, lastReferral: $0.referredOn) }, inMonthOf: today)
            let carried = PanelAgenda.carriedOver(list, withOpenActions: withOpenActions)
            let inArea = Set(list.map(\.id))
            let overdue = allActions.filter { inArea.contains($0.caseID) && $0.action.isOverdue(on: today) }
            areaRows.append(PanelAreaRow(
                slug: area.slug, name: area.name, kind: area.kind.label, subject: PanelCaseWording.of(area.kind).subject,
                showsDASH: PanelCaseWording.of(area.kind).showsDASH, version: area.version,
                functions: (standing.functions[area.slug] ?? []).map(\.rawValue).sorted().joined(separator: ", "),
                highThreshold: area.dashHighThreshold,
                escalation: "\(area.escalationEvents) events in \(area.escalationWindowMonths) months",
                minutesDays: area.minutesWorkingDays,
                cases: list.filter { $0.state != .referred }.map { PanelCaseRow($0, names: names) },
                referred: list.filter { $0.state == .referred }.map { PanelCaseRow($0, names: names) },
                carried: carried.map { PanelCaseRow($0, names: names) },
                lapsing: lapsing.map { PanelCaseRow($0, names: names) },
                meetings: allMeetings.filter { $0.areaSlug == area.slug }.map(PanelMeetingRow.init),
                overdue: overdue.map { PanelActionRow($0, reference: references[$0.caseID] ?? "", partnerName: policy.index.name(of: $0.action.owningPartner), today: today) }))
        }
        let researchDue = counted.filter { standing.meetings.contains($0.meeting.id) && $0.meeting.state != "draft" && $0.meeting.state != "closed" }
            .reduce(0) { $0 + $1.awaited }
        try await req.audit(.read, subject: "panels", resource: "panels home cases:\(everyone.count + mine.count)",
                            reason: "panel home", purpose: "risk-panels")
        return try await req.renderPage("panels", PanelsHome(
            caller: .init(standing.caller), csrf: req.csrfToken, problem: req.query[String.self, at: "problem"],
            done: req.query[String.self, at: "done"], areas: areaRows, myReferrals: mine.map { PanelCaseRow($0, names: names) },
            myMeetings: myMeetings.map(PanelMeetingRow.init),
            myActions: ownActions.map { PanelActionRow($0, reference: references[$0.caseID] ?? "", partnerName: policy.index.name(of: $0.action.owningPartner), today: today) },
            researchDue: researchDue, canAssess: standing.caller.roles.contains(Role.practitioner.rawValue)))
    }

    // MARK: DASH

    func dashForm(req: Request) async throws -> View {
        let standing = try await req.panelStanding()
        let victim = req.query[String.self, at: "victim"].flatMap(UUID.init(uuidString:))
        return try await renderDash(req, standing: standing, victim: victim, form: DashSubmission(victim: victim), problems: [])
    }

    func submitDash(req: Request) async throws -> Response {
        let standing = try await req.panelStanding()
        let form = try req.content.decode(DashSubmission.self)
        let sql = try req.sql()
        let areas = try await PanelAreaRepository(database: sql).areas().filter { $0.kind == .marac }
        guard let area = areas.first(where: { $0.slug == form.area }) ?? areas.first else {
            throw Abort(.conflict, reason: "No MARAC area is set up yet: ask the partnership to configure one.")
        }
        if let victim = form.victim { try await Self.requireSees(req, victim) }
        let outcome = try await DashIntake.submit(form, assessorID: standing.caller.userID, assessorName: standing.caller.displayName,
                                                  partner: standing.caller.partner, area: area, today: req.today(), sql: sql, now: Date())
        switch outcome {
        case .problems(let problems, _):
            try await req.audit(.write, subject: form.victim.map { "person:\($0.uuidString)" } ?? "dash", resource: "dash", decision: .deny,
                                reason: "not saved: " + problems.map(\.field).joined(separator: ","), purpose: "risk-panels")
            return try await renderDash(req, standing: standing, victim: form.victim, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        case .assessedOnly(let dash, let score):
            try await req.audit(.write, subject: "person:\(form.victim?.uuidString ?? "")", resource: "dash:\(dash.uuidString)",
                                reason: "DASH recorded: count \(score.count), \(score.level.rawValue); no referral route met", purpose: "risk-panels")
            return req.back(to: "/panels", done: "DASH saved: count \(score.count), \(score.level.rawValue) risk. It meets no MARAC referral route.")
        case .referred(let dash, let score, let stored):
            try await req.audit(.write, subject: "person:\(stored.victim.uuidString)", resource: "dash:\(dash.uuidString) panel-case:\(stored.id.uuidString)",
                                reason: "DASH count \(score.count) and MARAC referral \(stored.reference): " + stored.routes.map(\.code).joined(separator: ","),
                                purpose: "risk-panels")
            return req.redirect(to: "/panels/cases/\(stored.id.uuidString)")
        }
    }

    /// The victim must be someone the caller may read about.
    static func requireSees(_ req: Request, _ victim: UUID) async throws {
        let named = try await req.peopleNamed([victim], resource: "dash victim")
        guard named.contains(victim) else {
            throw Refusal.panel(.noWorkingRelationship)
        }
    }

    private func renderDash(_ req: Request, standing: PanelStanding, victim: UUID?, form: DashSubmission,
                            problems: [PanelFieldProblem]) async throws -> View {
        let sql = try req.sql()
        let areas = try await PanelAreaRepository(database: sql).areas().filter { $0.kind == .marac }
        guard let area = areas.first(where: { $0.slug == form.area }) ?? areas.first else {
            throw Abort(.conflict, reason: "No MARAC area is set up yet: ask the partnership to configure one.")
        }
        // The caller's own caseload: people they are allocated to who are victims of domestic abuse.
        let related = try await sql.select().column("person_id").from("case_relationships")
            .where("user_id", .equal, standing.caller.userID).where("kind", .equal, "allocated-worker").limit(500).all()
            .map { try $0.decode(column: "person_id", as: UUID.self) }
        let victims = try await CaseworkRepository(database: sql).events(about: related)
            .filter { $0.event.category == EventCategory.domesticAbuse.rawValue && $0.event.role == PersonRole.victim.rawValue }
        let victimIDs = Array(Set(victims.map(\.personID))).prefix(60)
        let caseloadNames = try await req.panelNames(Array(victimIDs), resource: "dash caseload", purpose: DefaultPurpose.of(standing.caller))
        var page = DashPage(
            caller: .init(standing.caller), csrf: req.csrfToken,
            victims: caseloadNames.filter { $0.value != "Name withheld" }.sorted { $0.value < $1.value }
                .map { Option(value: $0.key.uuidString, label: $0.value, selected: $0.key == victim) },
            victimChosen: false, victimID: "", victimName: "", perpetrators: [], children: [], recentEvents: 0, lastReferral: nil,
            areas: areas.map { Option(value: $0.slug, label: $0.name, selected: $0.slug == area.slug) },
            questions: DASHInstrument.safeLives24.questions.enumerated().map {
                DashQuestionRow(id: $1.id, label: $1.label, number: $0 + 1, answer: form.answers?[$1.id] ?? "")
            },
            problems: problems, form: form, threshold: area.dashHighThreshold)
        if let victim {
            try await Self.requireSees(req, victim)
            let linkage = try await PanelLinkage.find(victim: victim, area: area, today: req.today(), sql: sql)
            let names = try await req.panelNames([victim] + linkage.perpetrators + linkage.adults + linkage.children,
                                                 resource: "dash prefill", purpose: DefaultPurpose.of(standing.caller))
            let chosen = form.perpetrator ?? linkage.perpetrators.first
            page.victimChosen = true
            page.victimID = victim.uuidString
            page.victimName = names[victim] ?? "Name withheld"
            page.perpetrators = Array(Set(linkage.perpetrators + linkage.adults)).map {
                Option(value: $0.uuidString, label: (names[$0] ?? "Name withheld") + (linkage.perpetrators.contains($0) ? " (recorded as perpetrator)" : ""),
                       selected: $0 == chosen)
            }.sorted { $0.selected && !$1.selected }
            page.children = linkage.children.map { names[$0] ?? "Name withheld" }
            page.recentEvents = linkage.recentEvents
            page.lastReferral = linkage.lastReferral?.description
            try await req.audit(.read, subject: "person:\(victim.uuidString)", resource: "dash form prefill people:\(names.count)",
                                reason: "DASH prefilled from linkage", purpose: DefaultPurpose.of(standing.caller).rawValue)
        }
        return try await req.renderPage("panels-dash", page)
    }
}

extension Sequence {
    func asyncCompactMap<T>(_ transform: (Element) async throws -> T?) async rethrows -> [T] {
        var result: [T] = []
        for element in self { if let value = try await transform(element) { result.append(value) } }
        return result
    }
}
