import Foundation
import LanternDomain
import Storage

/// The list of ASB case reviews, with the yearly counts to publish.
struct ASBReviewListPage: Encodable {
    struct Row: Encodable {
        var id: String
        var reference: String
        var victim: String
        var received: String
        var status: String
        var next: String

        init(_ stored: StoredCaseReview, name: String?, today: CalendarDate) throws {
            id = stored.id.uuidString
            reference = stored.reference
            victim = stored.victim == nil ? "No victim linked" : name ?? RiskCaseAccess.withheld
            received = stored.receivedOn
            let clock = try ASBReviewPage.clock(stored)
            status = ASBReviewPage.status(stored)
            let open = clock.deadlines(on: today).first { $0.state == .running || $0.state == .overdue }
            next = open.map { "\($0.name) by \($0.due.map(String.init(describing:)) ?? "after the decision")\($0.state == .overdue ? " (overdue)" : "")" } ?? "None"
        }
    }

    var caller: CallerView
    var csrf: String
    var rows: [Row]
    var year: String
    var counts: CaseReviewCounts
    var canRecord: Bool
    var problem: String?
    var today: String
}

/// One ASB case review: complaints and the threshold, the clocks, the steps.
struct ASBReviewPage: Encodable {
    struct Complaint: Encodable {
        var agency: String
        var reference: String
        var incident: String
        var reported: String
        var hate: Bool
        var counted: Bool
        var note: String
    }

    struct Deadline: Encodable {
        var name: String
        var due: String
        var done: String
        var state: String
    }

    var caller: CallerView
    var csrf: String
    var id: String
    var reference: String
    var victim: String
    var applicant: String
    var onBehalf: Bool
    var received: String
    var status: String
    var complaints: [Complaint]
    var threshold: String
    var thresholdMet: Bool
    var deadlines: [Deadline]
    var decided: Bool
    var decision: String?
    var meetingOn: String?
    var recommendations: String?
    var appealRequestedOn: String?
    var appealOutcome: String?
    var canRecord: Bool
    var problem: String?

    init(caller: CallerView, csrf: String, stored: StoredCaseReview, victimName: String?, complaints stored_: [StoredCaseReviewComplaint],
         today: CalendarDate, canRecord: Bool, problem: String?) throws {
        self.caller = caller
        self.csrf = csrf
        id = stored.id.uuidString
        reference = stored.reference
        victim = stored.victim == nil ? "No victim linked" : victimName ?? RiskCaseAccess.withheld
        applicant = stored.applicant
        onBehalf = stored.onBehalf
        received = stored.receivedOn
        status = Self.status(stored)
        let rules = try Self.rules(stored)
        let complaints = stored_.compactMap { complaint -> ASBComplaint? in
            guard let incident = CalendarDate(parsing: complaint.incidentOn), let reported = CalendarDate(parsing: complaint.reportedOn) else { return nil }
            return ASBComplaint(agency: complaint.agency, reference: complaint.reference, incidentOn: incident, reportedOn: reported, isHateIncident: complaint.hate)
        }
        let check = CaseReviewThreshold(complaints: complaints, rules: rules, appliedOn: try ASBCaseReviewController.day(stored.receivedOn))
        let excluded = Dictionary(check.excluded.map { ($0.complaint, $0.reason) }, uniquingKeysWith: { first, _ in first })
        self.complaints = complaints.map { complaint in
            Complaint(agency: complaint.agency, reference: complaint.reference, incident: complaint.incidentOn.description,
                      reported: complaint.reportedOn.description, hate: complaint.isHateIncident, counted: excluded[complaint] == nil,
                      note: excluded[complaint] ?? "counts")
        }
        threshold = check.explanation
        thresholdMet = check.met
        deadlines = try Self.clock(stored).deadlines(on: today).map { deadline in
            Deadline(name: deadline.name, due: deadline.due?.description ?? "after a decision that the threshold is met",
                     done: deadline.doneOn?.description ?? "", state: deadline.state.rawValue.replacingOccurrences(of: "-", with: " "))
        }
        decided = stored.decidedOn != nil
        decision = stored.decision
        meetingOn = stored.meetingOn
        recommendations = stored.recommendations
        appealRequestedOn = stored.appealRequestedOn
        appealOutcome = stored.appealOutcome
        self.canRecord = canRecord
        self.problem = problem
    }

    static func rules(_ stored: StoredCaseReview) throws -> CaseReviewRules {
        try JSONDecoder().decode(CaseReviewRules.self, from: Data(stored.rulesJSON.utf8))
    }

    static func clock(_ stored: StoredCaseReview) throws -> CaseReviewClock {
        CaseReviewClock(rules: try rules(stored), received: try ASBCaseReviewController.day(stored.receivedOn),
                        acknowledgedOn: stored.acknowledgedOn.flatMap(CalendarDate.init(parsing:)),
                        decidedOn: stored.decidedOn.flatMap(CalendarDate.init(parsing:)), thresholdMet: stored.thresholdMet,
                        meetingOn: stored.meetingOn.flatMap(CalendarDate.init(parsing:)))
    }

    static func status(_ stored: StoredCaseReview) -> String {
        if stored.appealRequestedOn != nil { return stored.appealOutcome == nil ? "Appeal under way" : "Appeal decided" }
        if let meeting = stored.meetingOn { return "Review held \(meeting)" }
        if let met = stored.thresholdMet { return met ? "Threshold met: review to meet" : "Threshold not met" }
        return stored.acknowledgedOn == nil ? "Received" : "Acknowledged: threshold to decide"
    }
}
