import Foundation
import LanternDomain
import Storage
import Vapor

/// Moving a MARAC case on when it cannot stay where it is: the area's
/// chair or coordinator transfers it to another area (the victim moved;
/// it arrives there as a referral for that area's coordinator to accept),
/// and the referrer resubmits a returned referral with what was missing.
/// Each move goes through ``PanelCaseTransition``, is kept as a step on
/// the case and is audited; names go through the access decision.
struct PanelCaseMovesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("panels", "cases")
        cases.get(":id", "transfer", use: transferForm)
        cases.post(":id", "transfer", use: transfer)
        cases.get(":id", "resubmit", use: resubmitForm)
        cases.post(":id", "resubmit", use: resubmit)
    }

    struct TransferPage: Encodable {
        var caller: CallerView
        var csrf: String
        var id: UUID
        var reference: String
        var state: String
        var area: String
        var victim: String
        var areas: [Option]
        var reason: String
        var problems: [PanelFieldProblem]
        /// The panel type's name and words: a case moves only to another area of the same type.
        var kind: String
        var words: PanelCaseWording
    }

    struct TransferForm: Content { var area: String?; var reason: String? }

    func transferForm(req: Request) async throws -> View {
        let (stored, standing) = try await Self.staff(req)
        return try await renderTransfer(req, stored, standing, form: TransferForm(), problems: [])
    }

    func transfer(req: Request) async throws -> Response {
        let (stored, standing) = try await Self.staff(req)
        let form = try req.content.decode(TransferForm.self)
        let sql = try req.sql()
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let areas = try await PanelAreaRepository(database: sql).areas()
        let from = try await PanelLookup.area(stored.areaSlug, sql: sql)
        var problems: [PanelFieldProblem] = []
        let target = areas.first { $0.slug == form.area && $0.slug != stored.areaSlug && $0.kind == from.kind }
        if target == nil { problems.append(.init(field: "area", message: "choose the \(from.kind.label) area the case moves to (not this one)")) }
        if reason.isEmpty {
            problems.append(.init(field: "reason", message: "say why the case moves (for example, \(PanelCaseWording.of(from.kind).movedExample))"))
        }
        if case .refused(let refusal) = PanelCaseTransition.apply(.transferOut(toArea: target?.slug ?? "x"), to: stored.state) {
            problems.append(.init(field: "state", message: refusal.message))
        }
        guard let target, problems.isEmpty else {
            try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case transfer-out", decision: .deny,
                                reason: "not moved: " + problems.map(\.field).joined(separator: ","), purpose: "risk-panels")
            return try await renderTransfer(req, stored, standing, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let cases = MaracCaseRepository(database: sql)
        let said = String(reason.prefix(1_000))
        // The receiving area hears the case afresh: it arrives as a referral there, checked against its own thresholds.
        let arrived = try await cases.create(area: target, victim: stored.victim, perpetrators: stored.perpetrators, children: stored.children,
                                             state: .referred, check: ReferralCheck(routes: stored.routes, missing: []), referral: stored.referral,
                                             dashID: stored.dashID, referrerID: stored.referrerID, emergency: stored.emergency, at: Date())
        try await cases.move(arrived.id, step: "transfer-in", from: .referred, to: .referred,
                             reason: "Transferred in from \(from.name) (\(stored.reference)): \(said)", by: standing.caller.userID, at: Date())
        try await cases.move(stored.id, step: "transfer-out", from: stored.state, to: .transferredOut,
                             reason: "Transferred to \(target.name) as \(arrived.reference): \(said)", by: standing.caller.userID, at: Date())
        try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case transfer-out to:\(target.slug) as:\(arrived.id.uuidString)",
                            reason: String(said.prefix(300)), purpose: "risk-panels")
        try await req.audit(.write, subject: "panel-case:\(arrived.id.uuidString)", resource: "panel case transfer-in from:\(stored.areaSlug)",
                            reason: "from \(stored.reference)", purpose: "risk-panels")
        return req.back(to: "/panels/cases/\(stored.id.uuidString)",
                        done: "\(stored.reference) transferred to \(target.name), where it waits as referral \(arrived.reference).")
    }

    private func renderTransfer(_ req: Request, _ stored: StoredMaracCase, _ standing: PanelStanding, form: TransferForm,
                                problems: [PanelFieldProblem]) async throws -> View {
        let sql = try req.sql()
        let area = try await PanelLookup.area(stored.areaSlug, sql: sql)
        let others = try await PanelAreaRepository(database: sql).areas().filter { $0.kind == area.kind && $0.slug != stored.areaSlug }
        let names = try await req.panelNames([stored.victim], resource: "panel case transfer \(stored.reference)")
        try await req.audit(.read, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case transfer form",
                            reason: "transfer \(stored.reference)", purpose: "risk-panels")
        return try await req.renderPage("panels-transfer", TransferPage(
            caller: .init(standing.caller), csrf: req.csrfToken, id: stored.id, reference: stored.reference, state: stored.state.label,
            area: area.name, victim: names[stored.victim] ?? RiskCaseAccess.withheld,
            areas: others.map { Option(value: $0.slug, label: $0.name, selected: $0.slug == form.area) },
            reason: form.reason ?? "", problems: problems, kind: area.kind.label, words: PanelCaseWording.of(area.kind)))
    }

    /// The case, and the caller as its area's chair or coordinator.
    static func staff(_ req: Request) async throws -> (StoredMaracCase, PanelStanding) {
        let stored = try await PanelLookup.panelCase(req)
        let standing = try await req.panelStanding()
        try standing.requireStaff(of: stored.areaSlug, req)
        return (stored, standing)
    }

    // MARK: Resubmission

    struct ResubmitPage: Encodable {
        var caller: CallerView
        var csrf: String
        var id: UUID
        var reference: String
        var victim: String
        var returnedBecause: String
        var victimTold: String
        var whyNotTold: String
        var victimWishes: String
        var judgementReason: String
        var problems: [PanelFieldProblem]
    }

    struct ResubmitForm: Content {
        var victimTold: String?
        var whyNotTold: String?
        var victimWishes: String?
        var judgementReason: String?
    }

    func resubmitForm(req: Request) async throws -> View {
        let (stored, standing) = try await Self.referrer(req)
        let referral = stored.referral
        let form = ResubmitForm(victimTold: referral.victimTold.map { $0 ? "yes" : "no" }, whyNotTold: referral.whyNotTold,
                                victimWishes: referral.victimWishes, judgementReason: referral.judgementReason)
        return try await renderResubmit(req, stored, standing, form: form, problems: [])
    }

    func resubmit(req: Request) async throws -> Response {
        let (stored, standing) = try await Self.referrer(req)
        let form = try req.content.decode(ResubmitForm.self)
        let sql = try req.sql()
        let area = try await PanelLookup.area(stored.areaSlug, sql: sql)
        var referral = stored.referral
        referral.victimTold = form.victimTold == "yes" ? true : form.victimTold == "no" ? false : nil
        referral.whyNotTold = String((form.whyNotTold ?? "").prefix(2_000))
        referral.victimWishes = String((form.victimWishes ?? "").prefix(2_000))
        referral.judgementReason = String((form.judgementReason ?? "").prefix(2_000))
        let check = referral.check(in: area)
        var problems = check.missing
        if case .refused(let refusal) = PanelCaseTransition.apply(.resubmit, to: stored.state) {
            problems.append(.init(field: "state", message: refusal.message))
        }
        guard problems.isEmpty else {
            try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case resubmit", decision: .deny,
                                reason: "not resubmitted: " + problems.map(\.field).joined(separator: ","), purpose: "risk-panels")
            return try await renderResubmit(req, stored, standing, form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await MaracCaseRepository(database: sql).resubmit(stored.id, referral: referral, check: check, by: standing.caller.userID, at: Date())
        try await req.audit(.write, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case resubmit",
                            reason: "returned -> referred: " + check.routes.map(\.code).joined(separator: ","), purpose: "risk-panels")
        return req.back(to: "/panels/cases/\(stored.id.uuidString)", done: "\(stored.reference) resubmitted to the coordinator.")
    }

    private func renderResubmit(_ req: Request, _ stored: StoredMaracCase, _ standing: PanelStanding, form: ResubmitForm,
                                problems: [PanelFieldProblem]) async throws -> View {
        let names = try await req.panelNames([stored.victim], resource: "panel case resubmit \(stored.reference)")
        try await req.audit(.read, subject: "panel-case:\(stored.id.uuidString)", resource: "panel case resubmit form",
                            reason: "resubmit \(stored.reference)", purpose: "risk-panels")
        return try await req.renderPage("panels-resubmit", ResubmitPage(
            caller: .init(standing.caller), csrf: req.csrfToken, id: stored.id, reference: stored.reference,
            victim: names[stored.victim] ?? RiskCaseAccess.withheld, returnedBecause: stored.note ?? "No reason was recorded.",
            victimTold: form.victimTold ?? "", whyNotTold: form.whyNotTold ?? "", victimWishes: form.victimWishes ?? "",
            judgementReason: form.judgementReason ?? "", problems: problems))
    }

    /// The case, and the caller as its referrer or its area's chair or coordinator.
    static func referrer(_ req: Request) async throws -> (StoredMaracCase, PanelStanding) {
        let stored = try await PanelLookup.panelCase(req)
        let standing = try await req.panelStanding()
        guard stored.referrerID == standing.caller.userID || standing.isStaff(of: stored.areaSlug) else {
            throw Refusal.panel(.notOnCase)
        }
        return (stored, standing)
    }
}
