import Foundation
import LanternDomain
import Storage

/// The `/retention` page: what is due, batches, holds and the schedule.
struct RetentionPage: Encodable {
    struct Option: Encodable { var value: String; var label: String }
    var caller: CallerView
    var csrf: String
    var asOf: String
    var isDPO: Bool
    var isRecordsOfficer: Bool
    var partner: String
    var lines: [RetentionService.DueLine]
    var batches: [BatchRow]
    var holds: [HoldRow]
    var rules: [RuleRow]
    var version: Int
    var history: [VersionRow]
    var draft: String
    var reason: String
    var issuers: [Option]
    var problems: [String]
    var done: String?
}

/// A disposal batch as the page lists it, with what the viewer may do to it.
struct BatchRow: Encodable {
    var id: UUID
    var reference: String
    var partner: String
    var recordClass: String
    var status: String
    var dueBy: String
    var summary: String
    var held: String
    var others: String
    var approvedBy: String
    var certificate: String
    var mayApprove: Bool
    var mayCarryOut: Bool
    /// A review rule's batch waiting for its records officer's decision (keep to a date, or dispose).
    var mayReview: Bool

    init(_ batch: StoredDisposalBatch, officerPartner: String?) {
        id = batch.id
        reference = batch.reference
        partner = batch.partner
        recordClass = RecordClass.label(batch.recordClass) + " (\(batch.reason), \(batch.action))"
        status = batch.status.rawValue
        dueBy = batch.dueBy
        let preview = try? JSONDecoder().decode(RetentionService.Preview.self, from: Data(batch.preview.utf8))
        summary = preview.map { "\($0.items) records about \($0.people) people" + ($0.goingWith > 0 ? ", with \($0.goingWith) events and services recorded against them" : "") }
            ?? batch.preview
        held = preview.map { $0.held == 0 ? "none" : "\($0.held) kept by \($0.holds.joined(separator: ", "))" } ?? ""
        others = preview.map { $0.otherControllersRecords == 0 ? "none"
            : "\($0.otherControllersRecords) records held by \($0.otherControllers.joined(separator: ", ")) are not in this batch: each partner disposes of its own" } ?? ""
        approvedBy = batch.approvedByName.map { "\($0), \(batch.approvedAt.map(GovernanceTime.text) ?? "")" } ?? ""
        certificate = batch.certificate ?? ""
        let isReview = batch.action == RetentionRule.Action.review.rawValue
        mayApprove = officerPartner == batch.partner && batch.status == .awaitingApproval && !isReview
        mayReview = officerPartner == batch.partner && batch.status == .awaitingApproval && isReview
        mayCarryOut = officerPartner == batch.partner && batch.status == .approved
    }
}

struct HoldRow: Encodable {
    var id: UUID
    var reference: String
    var issuer: String
    var reason: String
    var scope: String
    var period: String
    var status: String
    var placedBy: String
    var active: Bool

    init(_ stored: StoredHold) {
        let hold = stored.hold
        id = stored.id
        reference = hold.reference
        issuer = hold.issuer.label
        reason = hold.reason
        scope = hold.scope.label
        period = "from \(hold.startsOn)" + (hold.endsOn.map { " to \($0)" } ?? ", until lifted")
        active = hold.liftedOn == nil
        status = hold.liftedOn.map { "lifted \($0)" + (stored.liftReason.map { ": \($0)" } ?? "") } ?? "in force"
        placedBy = stored.placedByName
    }
}

struct RuleRow: Encodable {
    var recordClass: String
    var partner: String
    var trigger: String
    var period: String
    var action: String
    var basis: String

    init(_ rule: RetentionRule) {
        recordClass = RecordClass.label(rule.recordClass)
        partner = rule.partner == "*" ? "every partner" : rule.partner
        trigger = rule.trigger?.label ?? "none"
        period = rule.periodText
        action = rule.action.rawValue
        basis = rule.basis
    }
}

struct VersionRow: Encodable {
    var version: Int
    var author: String
    var reason: String
    var savedAt: String

    init(_ saved: SavedRetentionRules) {
        version = saved.version
        author = saved.authorName
        reason = saved.reason
        savedAt = GovernanceTime.text(saved.savedAt)
    }
}
