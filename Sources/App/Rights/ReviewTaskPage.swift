import Foundation
import LanternDomain
import SQLKit
import Storage

/// `/review-tasks`: a holding partner's rights-request review tasks, for its
/// own DPO or records officer. References and clocks only, no one's name.
struct ReviewTaskListPage: Encodable {
    struct Row: Encodable {
        var path: String
        var reference: String
        var kinds: String
        var due: String
        var state: String
        var open: Bool
    }
    var caller: CallerView
    var csrf: String
    var partnerName: String
    var tasks: [Row]
}

/// One review task: the holding partner's own items about the subject, each
/// with its decision (disclose, redact a passage, withhold), and the step
/// that tells the DPO the review is complete.
struct ReviewTaskPage: Encodable {
    struct Item: Encodable {
        var key: String
        var label: String
        var preview: String
        var proposed: Int
        /// "To decide", or the decision in words with its exemption and reason.
        var decision: String
        var decided: Bool
    }
    var caller: CallerView
    var csrf: String
    var taskID: String
    var reference: String
    var kinds: String
    var partnerName: String
    /// The subject as the partner's own records name them.
    var subject: String
    var open: Bool
    var state: String
    var items: [Item]
    var undecided: Int
    var exemptions: [RightsReviewPage.Choice]
    var problem: String?
    var done: String?

    /// The decision in words, as the reviewer and the DPO read it.
    static func words(_ decision: RightsItemDecision?) -> String {
        guard let decision else { return "To decide" }
        let by = " (\(decision.decidedByName))"
        switch decision.choice {
        case .disclose: return "Disclose" + by
        case .redact: return "Redact \"\(decision.passage ?? "")\" under \(decision.exemption?.citation ?? ""): \(decision.reason ?? "")" + by
        case .withhold: return "Withhold under \(decision.exemption?.citation ?? ""): \(decision.reason ?? "")" + by
        }
    }

    /// Each of `partner`'s items by key with its text as held, so a redacted
    /// passage can be checked against what the item actually says.
    static func texts(of page: PersonPage, partner: String) -> [String: String] {
        var texts: [String: String] = [:]
        for record in page.records where record.partner == partner {
            texts["person:\(record.recordID)"] = [record.name, record.dateOfBirth ?? "", record.address ?? ""].joined(separator: ", ")
        }
        for event in page.events where event.partner == partner {
            texts["event:\(event.recordID)"] = [event.summary ?? "", event.opinionBasis ?? ""].joined(separator: " ")
        }
        for involvement in page.involvements where involvement.partner == partner {
            texts["involvement:\(involvement.recordID)"] = [involvement.service, involvement.worker ?? ""].joined(separator: " ")
        }
        return texts
    }
}

/// Gives every holding partner its review task for each open request whose
/// requester's identity is settled, so a partner's reviewers find it in
/// their list without waiting for the DPO to open the workbench.
enum ReviewTaskAssignment {
    static func ensure(_ sql: any SQLDatabase, at now: Date) async throws {
        let reviews = RightsReviewRepository(database: sql)
        let people = PeopleRepository(database: sql)
        for request in try await RightsRequestRepository(database: sql).all() where request.status == .open && request.clock.start != nil {
            try await reviews.ensureTasks(for: request.id, holders: Set(try await people.sourceRecords(of: request.personID).map(\.partner)), at: now)
        }
    }

    /// `partner`'s open tasks on open requests, for a reviewer's home.
    static func openCount(_ sql: any SQLDatabase, partner: String) async throws -> Int {
        try await ensure(sql, at: Date())
        let requests = RightsRequestRepository(database: sql)
        var count = 0
        for task in try await RightsReviewTaskRepository(database: sql).tasks(of: partner) where task.status == .open {
            if try await requests.find(task.requestID)?.status == .open { count += 1 }
        }
        return count
    }
}
