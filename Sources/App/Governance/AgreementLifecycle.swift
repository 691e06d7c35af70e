import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage
import Vapor

/// A request to change an agreement's status, from the form or the API.
struct AgreementChangeRequest: Content {
    /// `submit`, `return-to-draft`, `approve`, `suspend`, `reinstate` or `withdraw`.
    var change: String
    var reason: String?
    /// The version the caller read; a change to an older version is refused.
    var version: Int?
    /// For `approve`: the board or officer that approved (defaults to the caller).
    var approvedBy: String?
    /// For `withdraw`: the partner giving notice (defaults to the owner).
    var partner: String?
    /// For `withdraw`: `YYYY-MM-DD`, at least four weeks from today.
    var effectiveOn: String?
    /// For `withdraw`: `return` (the default) or `dispose`: what becomes of what the partner shared.
    var sharedData: String?
    /// For `revise`: the new flows.
    var flows: [Flow]?
    /// For `revise`: the new review date, `YYYY-MM-DD`.
    var reviewDue: String?
    var csrf: String?
}

/// Changes an agreement's status: checks the caller may manage agreements,
/// applies the lifecycle rule, keeps the new version, audits it and makes
/// the access decision use it.
///
/// Contract: the new version and its audit entry commit together; a refused
/// change is audited as a denial and throws ``AgreementChangeProblem`` (or
/// ``AgreementVersionConflict``), leaving the agreement as it was.
struct AgreementLifecycle {
    static let minimumReasonLength = 5

    static func change(_ req: Request, id: UUID, _ request: AgreementChangeRequest, now: Date = Date()) async throws -> StoredAgreement {
        let sql = try req.sql()
        guard let stored = try await AgreementRepository(database: sql).find(id) else {
            throw Abort(.notFound, reason: "no agreement has that id: choose one from the list of agreements")
        }
        let subject = "agreement:\(id.uuidString)"
        let caller = try await req.requireCapability(.manageAgreements, partner: stored.agreement.owner, subject: subject)
        let today = CalendarDate.today(at: now)
        let next: Agreement
        let change: AgreementChange
        do {
            change = try parse(request, caller: caller, owner: stored.agreement.owner)
            var applied = try stored.agreement.applying(change, on: today)
            if case .withdraw = change, let text = request.sharedData, !text.isEmpty {
                guard let choice = SharedDataOnWithdrawal(rawValue: text) else {
                    throw AgreementChangeProblem(code: "shared-data-choice", description: "Say what becomes of what the partner shared: return or dispose.")
                }
                applied.withdrawal?.sharedData = choice
            }
            next = applied
        } catch let problem as AgreementChangeProblem {
            try await req.audit(.write, subject: subject, resource: "agreement-change:\(request.change)", decision: .deny,
                                reason: problem.description, purpose: "governance")
            throw problem
        }
        let reason = String((request.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))
        let edit = AgreementEdit(change: change.name, userID: caller.userID.uuidString, userName: caller.displayName,
                                 reason: reason, at: now)
        let trail = req.application.auditTrail
        let updated = try await req.db.transaction { transaction in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            let updated = try await AgreementRepository(database: tx)
                .replace(id, expecting: request.version ?? stored.version, with: next, edit: edit)
            try await trail.record([AuditRecord(
                actor: caller.userID.uuidString, partner: caller.partner, purpose: "governance", action: .write,
                subject: subject, resource: "agreement-version:\(updated.version) change:\(change.name) status:\(next.status.rawValue)",
                decision: .permit, reason: reason)], on: tx, at: now)
            return updated
        }
        // The next access decision and import see the new agreement.
        await req.application.accessGate.invalidate()
        return updated
    }

    private static func parse(_ request: AgreementChangeRequest, caller: Caller, owner: String) throws -> AgreementChange {
        let reason = request.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard reason.count >= minimumReasonLength else {
            throw AgreementChangeProblem(code: "reason-missing",
                                         description: "Say why the agreement is changing (at least \(minimumReasonLength) characters): the reason is kept with the new version.")
        }
        switch request.change {
        case "submit": return .submit
        case "return-to-draft": return .returnToDraft
        case "approve":
            let named = request.approvedBy?.trimmingCharacters(in: .whitespaces) ?? ""
            return .approve(by: named.isEmpty ? "\(caller.displayName) (\(caller.partner))" : named)
        case "suspend": return .suspend
        case "reinstate": return .reinstate
        case "withdraw":
            guard let text = request.effectiveOn, let effective = CalendarDate(parsing: text) else {
                throw AgreementChangeProblem(code: "effective-date-missing",
                                             description: "Give the date the withdrawal takes effect as YYYY-MM-DD, at least \(Withdrawal.minimumNoticeDays) days from today.")
            }
            let partner = request.partner?.trimmingCharacters(in: .whitespaces) ?? ""
            return .withdraw(partner: partner.isEmpty ? owner : partner, effectiveOn: effective)
        case "revise":
            guard let flows = request.flows, let text = request.reviewDue, let review = CalendarDate(parsing: text) else {
                throw AgreementChangeProblem(code: "terms-missing",
                                             description: "Give the new flows and the review date (YYYY-MM-DD) to revise the terms.")
            }
            return .revise(flows: flows, reviewDue: review)
        default:
            throw AgreementChangeProblem(code: "unknown-change",
                                         description: "Choose a change: submit, return-to-draft, approve, suspend, reinstate, withdraw or revise.")
        }
    }

    /// The changes the lifecycle allows from `status`, for the form.
    static func choices(from status: AgreementStatus) -> [String] {
        switch status {
        case .draft: ["submit", "withdraw"]
        case .forApproval: ["approve", "return-to-draft", "withdraw"]
        case .approved: ["suspend", "withdraw"]
        case .suspended: ["reinstate", "withdraw"]
        case .withdrawn: []
        }
    }
}
