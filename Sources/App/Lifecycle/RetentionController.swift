import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage
import Vapor

/// `/retention`: the DPO's retention schedule (edited as data, validated
/// whole, saved as numbered versions), legal holds, and what is due for
/// disposal by partner and class; the owning partner's records officer
/// prepares a batch from its own due records, approves it and carries it out.
/// Every step is audited; a refusal changes nothing.
struct RetentionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("retention")
        group.get(use: page)
        group.post("rules", use: saveRules)
        group.post("holds", use: placeHold)
        group.post("holds", ":id", "lift", use: liftHold)
        group.post("batches", use: prepare)
        group.get("batches", ":id", use: RetentionPreview.page)
        group.post("batches", ":id", "approve", use: approve)
        group.post("batches", ":id", "dispose", use: dispose)
        group.post("batches", ":id", "review", use: RetentionReviewStep.review)
    }

    /// The DPO sees the whole partnership; a records officer, their own partner.
    private func viewer(_ req: Request) async throws -> (Caller, partner: String?) {
        let caller = try req.caller
        if caller.roles.contains(Role.records.rawValue), !caller.roles.contains(Role.dpo.rawValue) {
            return (try await req.requireCapability(.approveDisposal, partner: caller.partner, subject: "retention"), caller.partner)
        }
        return (try await req.requireCapability(.manageRetention, subject: "retention"), nil)
    }

    func page(req: Request) async throws -> View {
        try await render(req)
    }

    func render(_ req: Request, problems: [String] = [], draft: String? = nil, reason: String = "") async throws -> View {
        let (caller, partner) = try await viewer(req)
        let sql = try req.sql()
        let today = CalendarDate.today(at: Date())
        let asOf = req.query[String.self, at: "asOf"].flatMap(CalendarDate.init(parsing:)) ?? today
        let (rules, verdicts) = try await RetentionService.due(sql, partner: partner, on: asOf)
        let lines = RetentionService.lines(verdicts, batched: try await RetentionService.batchedItems(sql))
        let repository = RetentionRepository(database: sql)
        let batches = try await repository.batches(partner: partner)
        let holds = try await repository.holds()
        try await req.audit(.read, subject: "retention", resource: "due lines:\(lines.count) batches:\(batches.count)",
                            reason: "retention: what is due as of \(asOf)", purpose: "governance")
        let isDPO = partner == nil
        var messages = problems
        if let problem = req.query[String.self, at: "problem"] { messages.append(problem) }
        return try await req.renderPage("retention", RetentionPage(
            caller: .init(caller), csrf: req.csrfToken, asOf: asOf.description, isDPO: isDPO,
            isRecordsOfficer: caller.roles.contains(Role.records.rawValue), partner: caller.partner,
            lines: lines, batches: batches.map { BatchRow($0, officerPartner: caller.roles.contains(Role.records.rawValue) ? caller.partner : nil) },
            holds: holds.map(HoldRow.init), rules: rules.rules.map(RuleRow.init), version: rules.version,
            history: isDPO ? try await repository.ruleHistory().map(VersionRow.init) : [],
            draft: try draft ?? Self.json(rules), reason: reason, issuers: LegalHold.Issuer.allCases.map { .init(value: $0.rawValue, label: $0.label) },
            problems: messages, done: req.query[String.self, at: "done"]))
    }

    static func json(_ set: RetentionRuleSet) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(set.rules), as: UTF8.self)
    }

    struct RulesForm: Content { var rules: String; var reason: String }

    func saveRules(req: Request) async throws -> Response {
        let caller = try await req.requireCapability(.manageRetention, subject: "retention-rules")
        try req.requireCSRF()
        let form = try req.content.decode(RulesForm.self)
        func refuse(_ problems: [String]) async throws -> Response {
            try await req.audit(.write, subject: "retention-rules", resource: "retention-rules refused", decision: .deny,
                                reason: String(problems.joined(separator: " ").prefix(500)), purpose: "governance")
            let response = try await render(req, problems: problems, draft: form.rules, reason: form.reason).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        let reason = form.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 5 else { return try await refuse(["Say why the schedule changes (at least 5 characters): the reason is kept with the version."]) }
        let rules: [RetentionRule]
        do {
            rules = try JSONDecoder().decode([RetentionRule].self, from: Data(form.rules.utf8))
        } catch {
            return try await refuse(["The rules are not valid JSON in the shape shown (a list of rules with recordClass, partner, trigger, years, months, action, basis): \(error)"])
        }
        let sql = try req.sql()
        let current = try await RetentionService.rules(sql)
        let set = RetentionRuleSet(version: current.version + 1, rules: rules)
        let problems = set.problems()
        guard problems.isEmpty else { return try await refuse(problems.map(\.description)) }
        guard set.rules != current.rules else { return try await refuse(["These are the rules already in force; nothing to save."]) }
        let json = String(decoding: try JSONEncoder().encode(set), as: UTF8.self)
        let trail = req.application.auditTrail
        try await req.db.transaction { transaction in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            let now = Date()
            try await RetentionRepository(database: tx).saveRules(version: set.version, json: json, author: caller.userID,
                                                                  authorName: caller.displayName, reason: String(reason.prefix(500)), at: now)
            try await trail.record([AuditRecord(actor: caller.userID.uuidString, partner: caller.partner, purpose: "governance", action: .write,
                                                subject: "retention-rules", resource: "retention-rules version:\(set.version) rules:\(set.rules.count)",
                                                decision: .permit, reason: String(reason.prefix(300)))], on: tx, at: now)
        }
        return Self.back(req, done: "Retention schedule saved as version \(set.version).")
    }

    struct HoldForm: Content {
        var reference: String?
        var issuer: String?
        var reason: String?
        var scopeKind: String?
        var scopeValue: String?
        var startsOn: String?
        var endsOn: String?
    }

    func placeHold(req: Request) async throws -> Response {
        let caller = try await req.requireCapability(.manageRetention, subject: "legal-holds")
        try req.requireCSRF()
        let form = try req.content.decode(HoldForm.self)
        let today = CalendarDate.today(at: Date())
        guard let issuer = form.issuer.flatMap(LegalHold.Issuer.init(rawValue:)) else {
            return Self.back(req, problem: "Choose who issued the hold: an inquiry, litigation, a complaint, an open rights request or an ICO investigation.")
        }
        guard let scope = RetentionRepository.scope(kind: form.scopeKind ?? "", value: (form.scopeValue ?? "").trimmingCharacters(in: .whitespaces)),
              !(form.scopeValue ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
            return Self.back(req, problem: "Say what the hold covers: a person or household id, a partner's slug, a record class, or a date range as YYYY-MM-DD..YYYY-MM-DD.")
        }
        let startsOn = form.startsOn.flatMap { $0.isEmpty ? nil : CalendarDate(parsing: $0) } ?? today
        let endsOn = form.endsOn.flatMap { $0.isEmpty ? nil : CalendarDate(parsing: $0) }
        let hold = LegalHold(reference: (form.reference ?? "").trimmingCharacters(in: .whitespaces), issuer: issuer,
                             reason: String((form.reason ?? "").trimmingCharacters(in: .whitespaces).prefix(1_000)), scope: scope,
                             startsOn: startsOn, endsOn: endsOn)
        if let problem = hold.problems().first { return Self.back(req, problem: problem) }
        let id = try await RetentionRepository(database: try req.sql()).placeHold(hold, by: caller.userID, name: caller.displayName, at: Date())
        let (kind, value) = RetentionRepository.scopeColumns(scope)
        try await req.audit(.write, subject: "legal-hold:\(id.uuidString)", resource: "legal-hold placed scope:\(kind):\(value)",
                            reason: "\(issuer.rawValue) \(hold.reference)", purpose: "governance")
        return Self.back(req, done: "Legal hold \(hold.reference) placed.")
    }

    struct LiftForm: Content { var reason: String? }

    func liftHold(req: Request) async throws -> Response {
        _ = try await req.requireCapability(.manageRetention, subject: "legal-holds")
        try req.requireCSRF()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound, reason: "no such legal hold") }
        let reason = (try req.content.decode(LiftForm.self).reason ?? "").trimmingCharacters(in: .whitespaces)
        guard reason.count >= 5 else { return Self.back(req, problem: "Say why the hold is lifted (at least 5 characters).") }
        let repository = RetentionRepository(database: try req.sql())
        guard let stored = try await repository.holds().first(where: { $0.id == id }) else { throw Abort(.notFound, reason: "no such legal hold") }
        try await repository.liftHold(id, on: CalendarDate.today(at: Date()), reason: String(reason.prefix(500)))
        try await req.audit(.write, subject: "legal-hold:\(id.uuidString)", resource: "legal-hold lifted", reason: String(reason.prefix(300)),
                            purpose: "governance")
        return Self.back(req, done: "Legal hold \(stored.hold.reference) lifted.")
    }

    struct PrepareForm: Content { var partner: String?; var recordClass: String?; var asOf: String? }

    /// Only the owning partner's records officer prepares a batch of its records.
    func prepare(req: Request) async throws -> Response {
        let form = try req.content.decode(PrepareForm.self)
        let own = try req.caller.partner
        let partner = form.partner ?? own
        let caller = try await req.requireCapability(.approveDisposal, partner: partner, subject: "disposal:\(partner)")
        try req.requireCSRF()
        guard let recordClass = form.recordClass, RecordClass.isKnown(recordClass) else { return Self.back(req, problem: "Choose a record class from the due list.") }
        let day = form.asOf.flatMap(CalendarDate.init(parsing:)) ?? CalendarDate.today(at: Date())
        guard let (_, reference, preview) = try await RetentionService.prepare(try req.sql(), partner: partner, recordClass: recordClass, on: day,
                                                                                 preparedBy: caller.userID.uuidString, at: Date()) else {
            return Self.back(req, problem: "Nothing of \(RecordClass.label(recordClass)) is due for \(partner) as of \(day), or all of it is held.")
        }
        try await req.audit(.write, subject: "disposal:\(reference)", resource: "disposal prepared items:\(preview.items) held:\(preview.held)",
                            reason: "disposal batch prepared for approval: \(recordClass)", purpose: "governance")
        return Self.back(req, done: "Disposal batch \(reference) prepared: \(preview.items) records, awaiting approval.")
    }

    private func batch(_ req: Request) async throws -> StoredDisposalBatch {
        guard let key = req.parameters.get("id"), let batch = try await RetentionRepository(database: try req.sql()).batch(key) else {
            throw Abort(.notFound, reason: "no such disposal batch")
        }
        return batch
    }

    func approve(req: Request) async throws -> Response {
        let batch = try await batch(req)
        let caller = try await req.requireCapability(.approveDisposal, partner: batch.partner, subject: "disposal:\(batch.reference)")
        try req.requireCSRF()
        guard batch.status == .awaitingApproval else { return Self.back(req, problem: "\(batch.reference) is \(batch.status.rawValue), not awaiting approval.") }
        // A review rule's records are never destroyed by approval alone: the officer records a review decision.
        guard batch.action != RetentionRule.Action.review.rawValue else {
            return Self.back(req, problem: "\(batch.reference) is due for review, not destruction: record your review (keep, with a reason and the next review date, or dispose).")
        }
        let sql = try req.sql()
        let held = try await RetentionService.heldItems(in: batch.id, partner: batch.partner, sql: sql, on: CalendarDate.today(at: Date()))
        guard held.count == 0 else {
            try await req.audit(.write, subject: "disposal:\(batch.reference)", resource: "disposal approve", decision: .deny,
                                reason: "held: \(held.count) items under \(held.references.joined(separator: ","))", purpose: "governance")
            return Self.back(req, problem: "\(batch.reference) cannot be approved: \(held.count) of its records are now under legal hold \(held.references.joined(separator: ", ")). Prepare a new batch; held records are left out.")
        }
        try await RetentionRepository(database: sql).approve(batch.id, by: caller.userID, name: caller.displayName, at: Date())
        try await req.audit(.write, subject: "disposal:\(batch.reference)", resource: "disposal approved", reason: "approved by the records officer",
                            purpose: "governance")
        return Self.back(req, done: "\(batch.reference) approved: it is carried out by the daily run, or now with Carry out.")
    }

    func dispose(req: Request) async throws -> Response {
        let batch = try await batch(req)
        let caller = try await req.requireCapability(.approveDisposal, partner: batch.partner, subject: "disposal:\(batch.reference)")
        try req.requireCSRF()
        do {
            let outcome = try await DisposalService(app: req.application).carryOut(
                batch: batch.id, approvedBy: DisposalApprover(userID: caller.userID.uuidString, partner: caller.partner, role: Role.records.rawValue))
            return Self.back(req, done: "\(outcome.batch) carried out: \(outcome.certificate.total) rows removed, \(outcome.held.isEmpty ? "none" : "\(outcome.certificate.held)") held; the certificate is in the audit ledger.")
        } catch let refusal as DisposalRefusal {
            return Self.back(req, problem: refusal.description)
        }
    }

    static func back(_ req: Request, problem: String? = nil, done: String? = nil) -> Response {
        let query = problem.map { "?problem=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
            ?? done.map { "?done=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
        return req.redirect(to: "/retention" + query)
    }
}
