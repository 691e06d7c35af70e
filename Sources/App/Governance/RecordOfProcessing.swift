import LanternDomain

/// The Record of Processing Activities (UK GDPR Art 30), one row per flow of
/// every agreement the system enforces, built from the same agreements the
/// access decision uses.
///
/// Use ``init(agreements:partners:on:)`` with the stored agreements and
/// today. Contract: a flow appears exactly when its agreement is in force on
/// the day or suspended (the data shared under it is still held); drafts,
/// agreements awaiting approval and withdrawals that have taken effect do not.
struct RecordOfProcessing: Encodable {
    /// One processing activity: one flow of one agreement.
    struct Activity: Encodable {
        var agreement: String
        var status: String
        var flow: Int
        var controller: String
        var recipients: String
        var purposes: String
        var categories: String
        var specialCategory: String
        var criminalOffence: String
        var lawfulBasis: String
        var statutes: String
        var format: String
        var retention: String
        var inForceFrom: String
        var reviewDue: String
        var owner: String
        var dpoContact: String
        var icoRegistration: String
        var security: String
        var automatedDecisions: String
    }

    var asOf: String
    var activities: [Activity]

    static let security = "Access limited by role, purpose and relationship to the person; every access recorded in a tamper-evident audit ledger"
    static let automatedDecisions = "Not applicable: scores only order lists for a professional to review"

    /// Whether an agreement's flows belong in the record on `day`.
    static func includes(_ agreement: Agreement, on day: CalendarDate) -> Bool {
        agreement.isInForce(on: day) || agreement.status == .suspended
    }

    init(agreements: [Agreement], partners: [Partner], on day: CalendarDate) {
        let byslug = Dictionary(partners.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        func name(_ slug: String) -> String { byslug[slug]?.name ?? slug }
        asOf = day.description
        activities = agreements.filter { Self.includes($0, on: day) }.flatMap { agreement in
            agreement.flows.enumerated().map { index, flow in
                var status = agreement.status.label
                if let withdrawal = agreement.withdrawal { status += " (sharing ends \(withdrawal.effectiveOn))" }
                return Activity(
                    agreement: agreement.title, status: status, flow: index + 1, controller: name(flow.from),
                    recipients: flow.to.map(name).joined(separator: "; "),
                    purposes: flow.purposes.map(\.plainLabel).joined(separator: "; "),
                    categories: flow.categories.map(\.label).joined(separator: "; "),
                    specialCategory: flow.art9?.plainLabel ?? "None",
                    criminalOffence: flow.art10?.plainLabel ?? "None",
                    lawfulBasis: flow.art6.plainLabel,
                    statutes: flow.statutes.isEmpty ? "None named" : flow.statutes.joined(separator: "; "),
                    format: flow.format.plainLabel,
                    retention: Array(Set(flow.categories.map(\.retention))).sorted().joined(separator: "; "),
                    inForceFrom: agreement.inForceFrom.description, reviewDue: agreement.reviewDue.description,
                    owner: name(agreement.owner), dpoContact: byslug[flow.from]?.dpoContact ?? "Not recorded",
                    icoRegistration: byslug[flow.from]?.icoRegistration ?? "Not recorded",
                    security: Self.security, automatedDecisions: Self.automatedDecisions)
            }
        }
    }

    var csv: CSVTable {
        var table = CSVTable(header: [
            "Agreement", "Status", "Flow", "Controller sharing", "Recipients", "Purposes", "Categories of data",
            "Special category condition", "Criminal offence condition", "Article 6 lawful basis", "Statutes",
            "How it is shared", "Retention", "In force from", "Review due", "Agreement owner", "DPO contact",
            "ICO registration", "Security measures", "Profiling and automated decision making",
        ])
        table.rows = activities.map { row in
            [row.agreement, row.status, String(row.flow), row.controller, row.recipients, row.purposes, row.categories,
             row.specialCategory, row.criminalOffence, row.lawfulBasis, row.statutes, row.format, row.retention,
             row.inForceFrom, row.reviewDue, row.owner, row.dpoContact, row.icoRegistration, row.security,
             row.automatedDecisions]
        }
        return table
    }
}
