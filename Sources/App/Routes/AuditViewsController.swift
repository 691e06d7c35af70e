import Foundation
import LanternDomain
import Storage
import Vapor

/// The DPO's views of the audit ledger: who accessed a person, what a user
/// accessed, and unusual access (break-glass, and users opening many people
/// outside their caseload). Pages at `/audit/...`, JSON at `/api/v1/audit/...`.
///
/// Only roles whose ``Capability/readAudit`` allows it see them, and every
/// view is itself written to the ledger. The pages show pseudonymous ids and
/// account names, never the person's details.
struct AuditViewsController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        let audit = routes.grouped("audit")
        if api {
            audit.get("people", ":id", use: personView)
            audit.get("users", ":id", use: userView)
            audit.get("unusual", use: unusualView)
        } else {
            audit.get("people", ":id") { req in try await page(req, personView(req: req)) }
            audit.get("users", ":id") { req in try await page(req, userView(req: req)) }
            audit.get("unusual") { req in try await page(req, unusualView(req: req)) }
            audit.post("break-glass", ":sequence", "review", use: reviewBreakGlass)
        }
    }

    /// One entry with the acting account's name, for the views.
    struct Line: Content {
        var sequence: Int
        var at: String
        var actor: String
        var actorName: String?
        var partner: String
        var purpose: String
        var action: String
        var subject: String
        var resource: String
        var decision: String
        var reason: String
        /// The person or user id the subject names, for links to their audit.
        var subjectPerson: String?
        var subjectUser: String?
        /// A break-glass grant the DPO has yet to review.
        var awaitingReview = false
        /// The DPO's conclusion, once reviewed.
        var review: String?
    }

    /// An audit view: a title, what it is about, and its entries or flagged users.
    struct Report: Content {
        var kind: String
        var title: String
        var about: String
        var lines: [Line]
        var outsideCaseload: [FlaggedUser] = []
        var from: String?
        var to: String?
        var threshold: Int?
        var awaitingReview = 0
    }

    struct FlaggedUser: Content {
        var actor: String
        var actorName: String?
        var partner: String
        var people: Int
        var refused: Int
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var report: Report
    }

    private func page(_ req: Request, _ report: Report) async throws -> View {
        try await req.renderPage("audit-view", Page(caller: .init(try req.caller), csrf: req.csrfToken, report: report))
    }

    private static func id(_ req: Request) throws -> UUID {
        try req.parameters.id(of: "person or user: audit views take the person's or user's id")
    }

    private static func lines(_ req: Request, _ entries: [AuditLine]) async throws -> [Line] {
        let names = try await AuditQueryRepository(database: try req.sql()).accountNames(entries.map(\.actor))
        return entries.map { entry in
            let parts = entry.subject.split(separator: ":", maxSplits: 1).map(String.init)
            return Line(sequence: entry.sequence, at: GovernanceTime.text(millis: entry.atMillis), actor: entry.actor,
                        actorName: names[entry.actor].map { "\($0.displayName) (\($0.username))" }, partner: entry.partner,
                        purpose: entry.purpose, action: entry.action, subject: entry.subject, resource: entry.resource,
                        decision: entry.decision, reason: entry.reason,
                        subjectPerson: parts.first == "person" ? parts.last : nil,
                        subjectUser: parts.first == "user" ? parts.last : nil)
        }
    }

    /// Checks the capability, then records that the audit was read.
    private static func reading(_ req: Request, subject: String, view: String, count: Int) async throws {
        try await req.audit(.read, subject: subject, resource: "audit-view:\(view) entries:\(count)",
                            reason: "DPO audit review", purpose: "audit-review")
    }

    func personView(req: Request) async throws -> Report {
        let id = try Self.id(req)
        let subject = "person:\(id.uuidString)"
        _ = try await req.requireCapability(.readAudit, subject: subject)
        let entries = try await AuditQueryRepository(database: try req.sql()).about(subject: subject)
        try await Self.reading(req, subject: subject, view: "who-accessed", count: entries.count)
        return Report(kind: "person", title: "Who accessed this person", about: subject, lines: try await Self.lines(req, entries))
    }

    func userView(req: Request) async throws -> Report {
        let id = try Self.id(req)
        let subject = "user:\(id.uuidString)"
        _ = try await req.requireCapability(.readAudit, subject: subject)
        let entries = try await AuditQueryRepository(database: try req.sql()).by(actor: id.uuidString)
        try await Self.reading(req, subject: subject, view: "what-user-accessed", count: entries.count)
        let name = try await AuditQueryRepository(database: try req.sql()).accountNames([id.uuidString])[id.uuidString]
        return Report(kind: "user", title: "What this user accessed",
                      about: name.map { "\($0.displayName) (\($0.username), \($0.partner))" } ?? subject,
                      lines: try await Self.lines(req, entries))
    }

    func unusualView(req: Request) async throws -> Report {
        _ = try await req.requireCapability(.readAudit, subject: "audit:unusual")
        let today = CalendarDate.today(at: Date())
        let to = req.query[String.self, at: "to"].flatMap(CalendarDate.init(parsing:)) ?? today
        let from = req.query[String.self, at: "from"].flatMap(CalendarDate.init(parsing:)) ?? to.adding(days: -29)
        guard from <= to else {
            throw Abort(.badRequest, reason: "the period starts after it ends: give from and to as YYYY-MM-DD, from first")
        }
        let threshold = max(1, req.query[Int.self, at: "threshold"] ?? 20)
        // Whole days, UTC: from the start of `from` to the end of `to`.
        let start = Int64(from.dayNumber) * 86_400_000
        let end = Int64(to.dayNumber + 1) * 86_400_000
        let repository = AuditQueryRepository(database: try req.sql())
        let glass = try await repository.breakGlass(fromMillis: start, toMillis: end)
        let flagged = try await repository.outsideCaseload(fromMillis: start, toMillis: end, atLeast: threshold)
        try await Self.reading(req, subject: "audit:unusual", view: "unusual from:\(from) to:\(to) threshold:\(threshold)",
                               count: glass.count + flagged.count)
        let names = try await repository.accountNames(flagged.map(\.actor))
        var lines = try await Self.lines(req, glass)
        let reviews = try await BreakGlassReviewRepository(database: try req.sql()).reviews(of: lines.map(\.sequence))
        for index in lines.indices where lines[index].action == "break_glass" && lines[index].decision == "permit" {
            if let review = reviews[lines[index].sequence] {
                lines[index].review = "\(review.outcome == .justified ? "Justified" : "Not justified"), reviewed by \(review.reviewerName) "
                    + "on \(GovernanceTime.text(millis: Int64(review.reviewedAt.timeIntervalSince1970 * 1000))): \(review.note)"
            } else {
                lines[index].awaitingReview = true
            }
        }
        return Report(kind: "unusual", title: "Unusual access", about: "\(from) to \(to)", lines: lines,
                      outsideCaseload: flagged.map { user in
                          FlaggedUser(actor: user.actor, actorName: names[user.actor].map { "\($0.displayName) (\($0.username))" },
                                      partner: user.partner, people: user.people, refused: user.refused)
                      },
                      from: from.description, to: to.description, threshold: threshold,
                      awaitingReview: lines.filter(\.awaitingReview).count)
    }

    struct ReviewForm: Content {
        var outcome: String
        var note: String
    }

    /// The DPO's conclusion on one break-glass grant, recorded once and audited.
    func reviewBreakGlass(req: Request) async throws -> Response {
        let sequence = try req.parameters.number("sequence", of: "audit entry")
        let caller = try await req.requireCapability(.reviewBreakGlass, subject: "audit-entry:\(sequence)")
        try req.requireCSRF()
        let form = try req.content.decode(ReviewForm.self)
        let note = form.note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let outcome = BreakGlassReview.Outcome(rawValue: form.outcome), note.count >= 5 else {
            throw Abort(.unprocessableEntity, reason: "choose justified or not justified, and say why (at least 5 characters)")
        }
        let reviews = BreakGlassReviewRepository(database: try req.sql())
        guard try await reviews.isReviewableGrant(sequence) else {
            throw Abort(.notFound, reason: "that entry is not a break-glass grant")
        }
        guard try await reviews.record(sequence: sequence, outcome: outcome, note: String(note.prefix(1_000)), reviewer: caller.userID,
                                       reviewerName: caller.displayName, at: Date()) else {
            throw Abort(.conflict, reason: "this use of break-glass has already been reviewed")
        }
        try await req.audit(.write, subject: "audit-entry:\(sequence)", resource: "break-glass-review outcome:\(outcome.rawValue)",
                            reason: String(note.prefix(300)), purpose: "audit-review")
        return req.redirect(to: "/audit/unusual")
    }
}
