import Foundation
import LanternDomain
import Storage
import Vapor

/// `/panels/areas/{area}/settings`: a panel area's settings (thresholds,
/// service levels, who attends, the agreement, retention class, the
/// confidentiality statement) for its chair and coordinator. The whole set
/// is checked before anything is saved; a change becomes the next version
/// with who, when and why, and is audited; every version stays listed.
/// Settings name partners, never a person.
struct PanelAreaSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("panels", "areas", ":area", "settings", use: page)
        routes.post("panels", "areas", ":area", "settings", use: save)
    }

    struct Version: Encodable {
        var version: Int
        var savedBy: String
        var savedAt: String
        var reason: String
        var changes: [String]
    }

    struct Partner: Encodable {
        var slug: String
        var name: String
        var attends: Bool
        var signed: Bool
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var slug: String
        var name: String
        var kind: String
        var version: Int
        var form: Form
        var partners: [Partner]
        var history: [Version]
        var problems: [PanelFieldProblem]
        var done: String?
    }

    struct Form: Content {
        var name: String?
        var dashHighThreshold: String?
        var dashMediumThreshold: String?
        var escalationEvents: String?
        var escalationWindowMonths: String?
        var repeatWindowMonths: String?
        var referralToListingDays: String?
        var minutesWorkingDays: String?
        var actionDefaultDueDays: String?
        var attendingPartners: [String]?
        var signatories: [String]?
        var agreementTitle: String?
        var retentionClass: String?
        var confidentialityStatement: String?
        var reason: String?

        init(_ area: PanelAreaConfiguration) {
            name = area.name
            dashHighThreshold = "\(area.dashHighThreshold)"
            dashMediumThreshold = "\(area.dashMediumThreshold)"
            escalationEvents = "\(area.escalationEvents)"
            escalationWindowMonths = "\(area.escalationWindowMonths)"
            repeatWindowMonths = "\(area.repeatWindowMonths)"
            referralToListingDays = "\(area.referralToListingDays)"
            minutesWorkingDays = "\(area.minutesWorkingDays)"
            actionDefaultDueDays = "\(area.actionDefaultDueDays)"
            attendingPartners = area.attendingPartners
            signatories = area.signatories
            agreementTitle = area.agreementTitle
            retentionClass = area.retentionClass
            confidentialityStatement = area.confidentialityStatement.text
            reason = ""
        }
    }

    func page(req: Request) async throws -> View {
        let (area, standing) = try await Self.staff(req)
        return try await render(req, area, standing, form: Form(area), problems: [],
                                done: req.query[Int.self, at: "saved"].map { "Saved as version \($0)." })
    }

    func save(req: Request) async throws -> Response {
        let (current, standing) = try await Self.staff(req)
        let form = try req.content.decode(Form.self)
        let known = Set(try await PartnershipRepository(database: try req.sql()).partners().map(\.slug))
        let (next, problems) = Self.revise(current, with: form, knownPartners: known)
        guard let next, problems.isEmpty else {
            try await req.audit(.write, subject: "panel-area:\(current.slug)", resource: "panel area settings", decision: .deny,
                                reason: "not saved: " + problems.map(\.field).joined(separator: ","), purpose: "risk-panels")
            return try await render(req, current, standing, form: form, problems: problems, done: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let reason = String((form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(1_000))
        try await PanelAreaRepository(database: try req.sql()).save(next, by: standing.caller.displayName, reason: reason, at: Date())
        try await req.audit(.write, subject: "panel-area:\(current.slug)", resource: "panel area settings version:\(next.version)",
                            reason: String(reason.prefix(300)), purpose: "risk-panels")
        return req.redirect(to: "/panels/areas/\(current.slug)/settings?saved=\(next.version)")
    }

    /// The next version from the form, or every field to put right. Pure, so
    /// the rule table is tested without a server.
    static func revise(_ current: PanelAreaConfiguration, with form: Form, knownPartners: Set<String>)
        -> (PanelAreaConfiguration?, [PanelFieldProblem]) {
        var problems: [PanelFieldProblem] = []
        func number(_ field: String, _ text: String?) -> Int {
            guard let value = Int((text ?? "").trimmingCharacters(in: .whitespaces)) else {
                problems.append(.init(field: field, message: "give a whole number"))
                return 0
            }
            return value
        }
        let text = { (value: String?) in (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let statement = text(form.confidentialityStatement)
        var next = current.revised { area in
            area.name = text(form.name)
            area.dashHighThreshold = number("dashHighThreshold", form.dashHighThreshold)
            area.dashMediumThreshold = number("dashMediumThreshold", form.dashMediumThreshold)
            area.escalationEvents = number("escalationEvents", form.escalationEvents)
            area.escalationWindowMonths = number("escalationWindowMonths", form.escalationWindowMonths)
            area.repeatWindowMonths = number("repeatWindowMonths", form.repeatWindowMonths)
            area.referralToListingDays = number("referralToListingDays", form.referralToListingDays)
            area.minutesWorkingDays = number("minutesWorkingDays", form.minutesWorkingDays)
            area.actionDefaultDueDays = number("actionDefaultDueDays", form.actionDefaultDueDays)
            area.attendingPartners = (form.attendingPartners ?? []).sorted()
            area.signatories = (form.signatories ?? []).sorted()
            area.agreementTitle = text(form.agreementTitle)
            area.retentionClass = text(form.retentionClass)
        }
        // A changed statement is a new statement: attendees accept the version they read.
        if statement != current.confidentialityStatement.text {
            next.confidentialityStatement = ConfidentialityStatement(version: current.confidentialityStatement.version + 1, text: statement)
        }
        if let unknown = (next.attendingPartners + next.signatories).first(where: { !knownPartners.contains($0) }) {
            problems.append(.init(field: "attendingPartners", message: "\(unknown) is not a partner of this partnership"))
        }
        if next.retentionClass.isEmpty { problems.append(.init(field: "retentionClass", message: "name the retention class of the panel's records")) }
        if text(form.reason).isEmpty { problems.append(.init(field: "reason", message: "say why the settings change; the reason is kept with the version")) }
        // Fields already reported as not numbers would be reported twice.
        problems += next.problems.filter { found in !problems.contains { $0.field == found.field } }
        if problems.isEmpty && next.changes(since: current).isEmpty {
            problems.append(.init(field: "settings", message: "these are the settings already in force; nothing to save"))
        }
        return (problems.isEmpty ? next : nil, problems)
    }

    private func render(_ req: Request, _ area: PanelAreaConfiguration, _ standing: PanelStanding, form: Form,
                        problems: [PanelFieldProblem], done: String?) async throws -> View {
        let sql = try req.sql()
        let saved = try await PanelAreaRepository(database: sql).history(of: area.slug)
        let history = saved.indices.map { index in
            Version(version: saved[index].settings.version, savedBy: saved[index].savedBy, savedAt: GovernanceTime.text(saved[index].savedAt),
                    reason: saved[index].reason ?? "set up",
                    changes: index + 1 < saved.count ? saved[index].settings.changes(since: saved[index + 1].settings) : ["First version"])
        }
        let attending = Set(form.attendingPartners ?? []), signed = Set(form.signatories ?? [])
        let partners = try await PartnershipRepository(database: sql).partners().map {
            Partner(slug: $0.slug, name: $0.name, attends: attending.contains($0.slug), signed: signed.contains($0.slug))
        }
        return try await req.renderPage("panels-area-settings", Page(
            caller: .init(standing.caller), csrf: req.csrfToken, slug: area.slug, name: area.name, kind: area.kind.label,
            version: area.version, form: form, partners: partners, history: history, problems: problems, done: done))
    }

    /// The area, and the caller as its chair or coordinator.
    static func staff(_ req: Request) async throws -> (PanelAreaConfiguration, PanelStanding) {
        let slug = req.parameters.get("area") ?? ""
        let standing = try await req.panelStanding()
        let area = try await PanelLookup.area(slug, sql: try req.sql())
        try standing.requireStaff(of: area.slug, req)
        return (area, standing)
    }
}
