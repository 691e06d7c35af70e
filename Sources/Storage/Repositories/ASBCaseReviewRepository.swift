import Foundation
import SQLKit

/// One ASB case review as stored.
public struct StoredCaseReview: Sendable, Hashable {
    public var id: UUID
    public var reference: String
    public var victim: UUID?
    public var applicant: String
    public var onBehalf: Bool
    public var consent: Bool
    public var receivedOn: String
    public var rulesJSON: String
    public var acknowledgedOn: String?
    public var decidedOn: String?
    public var thresholdMet: Bool?
    public var decision: String?
    public var meetingOn: String?
    public var recommendations: String?
    public var appealRequestedOn: String?
    public var appealOutcome: String?
}

/// One complaint a review's threshold was checked over.
public struct StoredCaseReviewComplaint: Sendable, Hashable {
    public var agency: String
    public var reference: String
    public var incidentOn: String
    public var reportedOn: String
    public var hate: Bool

    public init(agency: String, reference: String, incidentOn: String, reportedOn: String, hate: Bool) {
        self.agency = agency
        self.reference = reference
        self.incidentOn = incidentOn
        self.reportedOn = reportedOn
        self.hate = hate
    }
}

/// ASB case reviews and their complaints. A step sets its column once; the
/// controller refuses a step already taken, so nothing is overwritten.
public struct ASBCaseReviewRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    static let columns = ["id", "reference", "victim_person_id", "applicant", "on_behalf", "consent", "received_on", "rules",
                          "acknowledged_on", "decided_on", "threshold_met", "decision", "meeting_on", "recommendations",
                          "appeal_requested_on", "appeal_outcome"]

    /// Records an application with its complaints; answers its reference (ASB-YYYY-NNN).
    public func create(victim: UUID?, applicant: String, onBehalf: Bool, consent: Bool, receivedOn: String, rulesJSON: String,
                       complaints: [StoredCaseReviewComplaint], by user: UUID, at now: Date) async throws -> (UUID, String) {
        let year = String(receivedOn.prefix(4))
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM asb_case_reviews WHERE reference LIKE \(bind: "ASB-\(year)-%")")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let reference = "ASB-\(year)-" + String(format: "%03d", count + 1)
        let id = UUID()
        try await sql.insert(into: "asb_case_reviews")
            .columns("id", "reference", "victim_person_id", "applicant", "on_behalf", "consent", "received_on", "rules", "created_by", "created_at")
            .values(id, reference, victim, applicant, onBehalf, consent, receivedOn, rulesJSON, user, now).run()
        for complaint in complaints { try await add(complaint, to: id) }
        return (id, reference)
    }

    public func add(_ complaint: StoredCaseReviewComplaint, to review: UUID) async throws {
        try await sql.insert(into: "asb_case_review_complaints")
            .columns("id", "review_id", "agency", "reference", "incident_on", "reported_on", "hate")
            .values(UUID(), review, complaint.agency, complaint.reference, complaint.incidentOn, complaint.reportedOn, complaint.hate).run()
    }

    public func all() async throws -> [StoredCaseReview] {
        try await sql.select().columns(Self.columns).from("asb_case_reviews").orderBy("received_on", .descending).all().map(Self.review)
    }

    public func find(_ id: UUID) async throws -> StoredCaseReview? {
        try await sql.select().columns(Self.columns).from("asb_case_reviews").where("id", .equal, id).first().map(Self.review)
    }

    public func complaints(of review: UUID) async throws -> [StoredCaseReviewComplaint] {
        try await sql.select().columns("agency", "reference", "incident_on", "reported_on", "hate").from("asb_case_review_complaints")
            .where("review_id", .equal, review).orderBy("incident_on").all().map { row in
                StoredCaseReviewComplaint(agency: try row.decode(column: "agency", as: String.self),
                                          reference: try row.decode(column: "reference", as: String.self),
                                          incidentOn: try row.decode(column: "incident_on", as: String.self),
                                          reportedOn: try row.decode(column: "reported_on", as: String.self),
                                          hate: try row.decode(column: "hate", as: Bool.self))
            }
    }

    /// Sets one step's columns on a review.
    public func update(_ id: UUID, _ values: [String: any Encodable & Sendable]) async throws {
        var query = sql.update("asb_case_reviews").where("id", .equal, id)
        for (column, value) in values { query = query.set(SQLIdentifier(column), to: SQLBind(value)) }
        try await query.run()
    }

    static func review(_ row: any SQLRow) throws -> StoredCaseReview {
        StoredCaseReview(
            id: try row.decode(column: "id", as: UUID.self), reference: try row.decode(column: "reference", as: String.self),
            victim: try row.decode(column: "victim_person_id", as: UUID?.self), applicant: try row.decode(column: "applicant", as: String.self),
            onBehalf: try row.decode(column: "on_behalf", as: Bool.self), consent: try row.decode(column: "consent", as: Bool.self),
            receivedOn: try row.decode(column: "received_on", as: String.self), rulesJSON: try row.decode(column: "rules", as: String.self),
            acknowledgedOn: try row.decode(column: "acknowledged_on", as: String?.self), decidedOn: try row.decode(column: "decided_on", as: String?.self),
            thresholdMet: try row.decode(column: "threshold_met", as: Bool?.self), decision: try row.decode(column: "decision", as: String?.self),
            meetingOn: try row.decode(column: "meeting_on", as: String?.self), recommendations: try row.decode(column: "recommendations", as: String?.self),
            appealRequestedOn: try row.decode(column: "appeal_requested_on", as: String?.self),
            appealOutcome: try row.decode(column: "appeal_outcome", as: String?.self))
    }
}
