import Foundation
import LanternDomain
import Storage
import Vapor

/// The steps of the rights-request workbench, each checked against what is
/// held and the request's rights before anything changes.
struct RightsReviewStep {
    enum Outcome { case done(String), refused(String) }

    let req: Request
    let caller: Caller
    let request: StoredRightsRequest

    /// The subject's items as the access decision lets the DPO read them, by key and holder.
    private func heldItems() async throws -> Set<String> {
        guard let page = try await PersonFinder(database: try req.sql()).personPage(request.personID)?
            .decided(for: req, resource: "rights-request-review") else { return [] }
        return Set(page.records.map { "\($0.partner) person:\($0.recordID)" } + page.events.map { "\($0.partner) event:\($0.recordID)" }
            + page.involvements.map { "\($0.partner) involvement:\($0.recordID)" })
    }

    func redact(partner: String, item: String, exemption: Exemption?, reason: String) async throws -> Outcome {
        guard let exemption else { return .refused("Choose the exemption the partner relies on to withhold the item.") }
        guard try await heldItems().contains("\(partner) \(item)") else {
            return .refused("\(item) is not one of \(partner)'s items about the subject.")
        }
        let redaction = try Redaction(item: item, holder: partner, exemption: exemption, reason: reason)
        let reviews = RightsReviewRepository(database: try req.sql())
        if try await reviews.redactions(of: request.id).contains(where: { $0.redaction.holder == partner && $0.redaction.item == item }) {
            return .refused("\(item) is already withheld: withdraw that redaction first to change its exemption.")
        }
        _ = try await reviews.add(redaction, to: request.id, by: caller.userID, at: Date())
        return .done("\(partner) \(item) withheld under \(exemption.citation)")
    }

    func withdraw(_ id: UUID?) async throws -> Outcome {
        guard let id, try await RightsReviewRepository(database: try req.sql()).withdraw(id, of: request.id, at: Date()) else {
            return .refused("No such redaction in force.")
        }
        return .done("redaction withdrawn: the item is disclosed")
    }

    func complete(partner: String, reviewer: String, note: String) async throws -> Outcome {
        guard !reviewer.isEmpty else {
            return .refused("Give the name and role of the person at \(partner) who reviewed its items: the partner answers for its redactions.")
        }
        guard try await RightsReviewRepository(database: try req.sql()).complete(
            request: request.id, partner: partner, reviewer: caller.userID, reviewerName: String(reviewer.prefix(200)),
            note: note.isEmpty ? nil : String(note.prefix(500)), at: Date()) else {
            return .refused("\(partner) has no review still open for this request.")
        }
        return .done("\(partner) review complete")
    }

    /// Flags a record as disputed and asks its owning partner to correct it.
    func dispute(item: String, whatIsWrong: String) async throws -> Outcome {
        guard request.kinds.contains(.rectification) else {
            return .refused("Records are disputed through a rectification request: this request does not ask for one.")
        }
        guard !whatIsWrong.isEmpty else { return .refused("Say what the person says is wrong and what it should say.") }
        let parts = item.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, try await heldItems().contains(item) else {
            return .refused("Choose one of the subject's records to dispute.")
        }
        let key = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
        guard key.count == 2, let kind = HeldRecordKind(rawValue: key[0]) else { return .refused("Choose one of the subject's records to dispute.") }
        let sql = try req.sql()
        guard let dispute = try await DisputeRepository(database: sql).raise(
            request: request.id, person: request.personID, kind: kind, partner: parts[0], record: key[1],
            whatIsWrong: String(whatIsWrong.prefix(1_000)), by: caller.userID, at: Date()) else {
            return .refused("\(parts[0]) no longer holds \(parts[1]).")
        }
        // The owning partner's administrators load its extracts: they are asked for the corrected version.
        // They read no case data, so the notice names only their own record; the DPO gives the details.
        for user in try await UserRepository(database: sql).users(withRole: "partner-admin", partner: dispute.partner) {
            try await NotificationRepository(database: sql).addOnce(
                user: user, about: dispute.id, rule: "correction-asked",
                message: "Rights request \(request.reference): the person says your \(kind.rawValue) record \(dispute.recordID) is wrong. Ask the data protection officer for what they say, correct it in your system and send the corrected record in your next extract.",
                link: "/notifications", at: Date())
        }
        return .done("\(parts[0]) \(parts[1]) flagged as disputed; \(parts[0]) asked to correct it")
    }

    /// Closes a dispute once the owning partner's corrected version has
    /// arrived, and sends it on to everyone the record was shared with.
    func corrected(_ id: UUID?) async throws -> Outcome {
        let sql = try req.sql()
        let disputes = DisputeRepository(database: sql)
        guard let id, let dispute = try await disputes.find(id), dispute.request == request.id, dispute.isOpen else {
            return .refused("No such open dispute on this request.")
        }
        guard let version = try await disputes.currentVersion(of: dispute.kind, partner: dispute.partner, record: dispute.recordID),
              version > dispute.disputedVersion else {
            return .refused("\(dispute.partner) has not yet sent a corrected version of \(dispute.kind.rawValue) \(dispute.recordID) (still version \(dispute.disputedVersion)): ask them to correct it and send their extract.")
        }
        let partnerName = try await PartnershipRepository(database: sql).partners().first { $0.slug == dispute.partner }?.name ?? dispute.partner
        let told = try await RectificationNotice(sql: sql, audit: req.application.auditTrail, database: req.db)
            .send(dispute, version: version, partnerName: partnerName, actor: caller, at: Date())
        _ = try await disputes.corrected(id, version: version, recipientsTold: told, at: Date())
        return .done("\(dispute.kind.rawValue) \(dispute.recordID) corrected (version \(version)); \(told) recipient partner(s) told")
    }

    /// An objection upheld takes the subject out of case finding at once; compelling grounds keep them in.
    func objection(grounds: String) async throws -> Outcome {
        guard request.kinds.contains(.objection) else { return .refused("This request does not object to processing.") }
        let decision = RightsDecision.objection(compellingGrounds: grounds)
        let sql = try req.sql()
        try await RightsDecisionRepository(database: sql).record(decision, request: request.id, person: request.personID,
                                                                 by: caller.userID, at: Date())
        // The case-finding list re-reads the subject's household without (or with) them.
        try await StoreChangeLog(database: sql).notePeopleMoved([request.personID], at: Date())
        return .done(decision.outcome.label)
    }

    /// Erasure: refused with its reason, or agreed and handed to disposal for every holding partner.
    func erasure(agreed: Bool, reason: String) async throws -> Outcome {
        guard request.kinds.contains(.erasure) else { return .refused("This request does not ask for erasure.") }
        let decision = try RightsDecision.erasure(agreed: agreed, reason: reason)
        let sql = try req.sql()
        let decisions = RightsDecisionRepository(database: sql)
        let id = try await decisions.record(decision, request: request.id, person: request.personID, by: caller.userID, at: Date())
        guard agreed else { return .done(decision.outcome.label) }
        guard let disposer = req.application.erasureDisposer else { return .done(decision.outcome.label + " (awaiting disposal)") }
        var batches: [String] = []
        for (partner, records) in try await decisions.sourceRecordIDs(of: request.personID).sorted(by: { $0.key < $1.key }) {
            batches.append(try await disposer.disposeForErasure(sourceRecords: records, partner: partner, request: request.reference,
                                                                approverUserID: caller.userID.uuidString, approverPartner: caller.partner))
        }
        try await decisions.noteDisposal(id, reference: batches.joined(separator: ", "))
        return .done(decision.outcome.label + " (disposal \(batches.joined(separator: ", ")))")
    }
}
