import LanternDomain
import Testing
@testable import Policy

/// The rule table on `AccessPolicy`, row by row: role x category x purpose x
/// agreement state x relationship -> outcome.
struct DecisionTableTests {
    enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case permit, mask(CategorySet), deny(Denial.Code)

        var description: String {
            switch self {
            case .permit: "permit"
            case .mask(let masked): "mask \(masked)"
            case .deny(let code): "deny \(code)"
            }
        }
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var role: Role
        var viewer: String?
        var holder: String
        var category: DataCategory
        var fields: CategorySet = []
        var purpose: AccessPurpose
        var state: Harrowmere.State = .inForce
        var relationships: Set<CaseRelationship> = []
        /// The item is due for disposal or review under its retention rule.
        var due = false
        var expected: Outcome

        var testDescription: String {
            "\(role.rawValue) at \(viewer ?? Harrowmere.partner(of: role)) reads \(category.rawValue)"
                + "\(fields.isEmpty ? "" : " + \(fields)") from \(holder) for \(purpose), agreement \(state.rawValue), "
                + "relationships \(relationships.map(\.rawValue).sorted()) -> \(expected)"
        }
    }

    static let police = Harrowmere.police, council = Harrowmere.council
    static let childrens = Harrowmere.childrens, health = Harrowmere.health

    static let rows: [Row] = [
        // Practitioners: need a relationship, then an agreement flow in force.
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .permit),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.recordAuthor], expected: .permit),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            expected: .deny(.noRelationship)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.caseFinding),
            relationships: [.allocatedWorker], expected: .deny(.purposeNotForRole)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            state: .suspended, relationships: [.allocatedWorker], expected: .deny(.agreementSuspended)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            state: .withdrawn, relationships: [.allocatedWorker], expected: .deny(.agreementWithdrawn)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            state: .draft, relationships: [.allocatedWorker], expected: .deny(.agreementNotApproved)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            state: .forApproval, relationships: [.allocatedWorker], expected: .deny(.agreementNotApproved)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            state: .notYetInForce, relationships: [.allocatedWorker], expected: .deny(.agreementNotYetInForce)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.riskPanels),
            relationships: [.allocatedWorker], expected: .deny(.notOnPanelCase)),
        Row(role: .practitioner, holder: police, category: .domesticAbuse, purpose: .agreed(.riskPanels),
            relationships: [.panelMember], expected: .permit),
        Row(role: .practitioner, holder: health, category: .health, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .permit),
        Row(role: .practitioner, holder: health, category: .health, purpose: .agreed(.joiningCaseloads),
            relationships: [.allocatedWorker], expected: .deny(.noAgreement)),
        Row(role: .practitioner, holder: police, category: .fire, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.noAgreement)),
        // Special category without an Art 9 condition in the flow: never shown.
        Row(role: .practitioner, viewer: police, holder: childrens, category: .socialCare,
            purpose: .agreed(.holisticView), relationships: [.allocatedWorker], expected: .deny(.noLawfulCondition)),
        Row(role: .practitioner, viewer: police, holder: childrens, category: .identity, fields: [.socialCare],
            purpose: .agreed(.holisticView), relationships: [.allocatedWorker], expected: .mask([.socialCare])),
        // A crime record mentioning an injury: the police flow carries no health data.
        Row(role: .practitioner, holder: police, category: .crime, fields: [.identity, .health],
            purpose: .agreed(.holisticView), relationships: [.allocatedWorker], expected: .mask([.health])),
        // Own partner's records: no agreement needed, a relationship still is.
        Row(role: .practitioner, viewer: police, holder: police, category: .crime, fields: [.health],
            purpose: .agreed(.holisticView), state: .withdrawn, relationships: [.allocatedWorker], expected: .permit),
        Row(role: .practitioner, viewer: police, holder: police, category: .crime,
            purpose: .agreed(.holisticView), expected: .deny(.noRelationship)),
        // Analysts: population-level work without a relationship, depersonalised evaluation.
        Row(role: .analyst, holder: police, category: .crime, fields: [.identity], purpose: .agreed(.caseFinding),
            expected: .permit),
        Row(role: .analyst, holder: police, category: .crime, purpose: .agreed(.caseFinding), state: .suspended,
            expected: .deny(.agreementSuspended)),
        Row(role: .analyst, holder: police, category: .crime, fields: [.identity], purpose: .agreed(.evaluation),
            expected: .mask([.identity])),
        Row(role: .analyst, holder: police, category: .identity, purpose: .agreed(.evaluation),
            expected: .deny(.depersonalised)),
        Row(role: .analyst, holder: council, category: .identity, purpose: .agreed(.evaluation),
            expected: .deny(.depersonalised)),
        Row(role: .analyst, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.purposeNotForRole)),
        // The strategic lead reads no record about a person under any purpose: only
        // the depersonalised reports, through the read-reports capability.
        Row(role: .strategicLead, holder: police, category: .crime, fields: [.identity], purpose: .agreed(.evaluation),
            expected: .deny(.noCaseDataRole)),
        Row(role: .strategicLead, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.noCaseDataRole)),
        Row(role: .strategicLead, holder: police, category: .crime, purpose: .agreed(.caseFinding),
            expected: .deny(.noCaseDataRole)),
        Row(role: .analyst, holder: police, category: .crime, purpose: .agreed(.riskPanels),
            expected: .deny(.notOnPanelCase)),
        // Panel chairs: panel-case members only.
        Row(role: .panelChair, viewer: council, holder: police, category: .domesticAbuse,
            purpose: .agreed(.riskPanels), relationships: [.panelMember], expected: .permit),
        Row(role: .panelChair, viewer: council, holder: police, category: .domesticAbuse,
            purpose: .agreed(.holisticView), relationships: [.allocatedWorker], expected: .deny(.notOnPanelCase)),
        Row(role: .panelChair, viewer: council, holder: police, category: .crime,
            purpose: .agreed(.caseFinding), relationships: [.panelMember], expected: .deny(.purposeNotForRole)),
        // DPO: rights requests only, whoever holds the data and whatever the agreement's state.
        Row(role: .dpo, holder: health, category: .health, fields: [.identity], purpose: .rightsRequest,
            state: .withdrawn, relationships: [.rightsRequestSubject], expected: .permit),
        // ...and only about the subject of a recorded rights request: no casework
        // relationship or purpose stands in for the person having asked.
        Row(role: .dpo, holder: health, category: .health, fields: [.identity], purpose: .rightsRequest,
            expected: .deny(.noRightsRequest)),
        Row(role: .dpo, holder: police, category: .identity, purpose: .rightsRequest,
            relationships: [.allocatedWorker, .panelMember, .recordAuthor], expected: .deny(.noRightsRequest)),
        // A rights request is not casework: it opens nothing to a practitioner.
        Row(role: .practitioner, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.rightsRequestSubject], expected: .deny(.noRelationship)),
        Row(role: .dpo, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.purposeNotForRole)),
        Row(role: .practitioner, holder: police, category: .crime, purpose: .rightsRequest,
            relationships: [.allocatedWorker], expected: .deny(.purposeNotForRole)),
        // Administrators read no case data.
        Row(role: .admin, holder: council, category: .identity, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.noCaseDataRole)),
        Row(role: .partnerAdmin, holder: police, category: .identity, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.noCaseDataRole)),
        Row(role: .admin, holder: council, category: .identity, purpose: .rightsRequest,
            expected: .deny(.noCaseDataRole)),
        // A records officer reads no case data for any casework purpose...
        Row(role: .records, holder: police, category: .crime, purpose: .agreed(.holisticView),
            relationships: [.allocatedWorker], expected: .deny(.noCaseDataRole)),
        // ...and under retention, only its own partner's records that are due (rule 5r); others' are counts.
        Row(role: .records, holder: police, category: .crime, fields: [.health], purpose: .retention, due: true, expected: .permit),
        Row(role: .records, holder: police, category: .crime, purpose: .retention, expected: .deny(.notDueForDisposal)),
        Row(role: .records, holder: council, category: .identity, purpose: .retention, due: true, expected: .deny(.notOwnRecords)),
        Row(role: .records, holder: police, category: .crime, purpose: .retention, state: .withdrawn, due: true, expected: .permit),
        Row(role: .dpo, holder: council, category: .identity, purpose: .retention, due: true, expected: .deny(.purposeNotForRole)),
        Row(role: .practitioner, holder: childrens, category: .socialCare, purpose: .retention,
            relationships: [.allocatedWorker], due: true, expected: .deny(.purposeNotForRole)),
        Row(role: .admin, holder: council, category: .identity, purpose: .retention, due: true, expected: .deny(.noCaseDataRole)),
    ]

    @Test(arguments: rows)
    func decision(_ row: Row) {
        // setup
        let policy = Harrowmere.policy(row.state)
        let request = Harrowmere.request([row.role], at: row.viewer ?? Harrowmere.partner(of: row.role),
                                         purpose: row.purpose, relationships: row.relationships)
        // act
        let decision = policy.decide(request, item: HeldItem(heldBy: row.holder, category: row.category,
                                                              fields: row.fields, dueForDisposal: row.due))
        // validate
        let outcome: Outcome = switch decision {
        case .permit: .permit
        case .permitWithMasking(let masked, _, let reasons):
            reasons.count == masked.count ? .mask(masked) : .deny(Denial.Code(rawValue: "reasons-missing"))
        case .deny(let denial): .deny(denial.code)
        }
        #expect(outcome == row.expected, "\(decision.reason)")
    }

    @Test func theRowsCoverEveryRoleStateAndPurpose() {
        #expect(Set(Self.rows.map(\.role)) == Set(Role.allCases))
        #expect(Set(Self.rows.map(\.state)) == Set(Harrowmere.State.allCases))
        #expect(Set(Self.rows.map(\.purpose)) == Set(AccessPurpose.all).subtracting([.agreed(.riskModelling)]))
    }

    @Test func aPermitCitesTheAgreementFlow() throws {
        let request = Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding))
        let decision = Harrowmere.policy().decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime))
        let clause = try #require(decision.permission?.clause)
        #expect(clause.authority == .agreementFlow)
        #expect(clause.flowNumber == 1)
        #expect(clause.citation == "Harrowmere ISP, flow 1 (from Harrowmere Police to Harrowmere Borough Council): "
            + "crime for case finding; Art 6 public-task; Art 10 preventing-unlawful-acts; "
            + "Crime and Disorder Act 1998 s115; format automated")
        #expect(decision.auditCode == "permit")
        #expect(decision.permission?.needsDPOReview == false)
    }

    @Test func aDenialSaysWhomToAsk() throws {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView))
        let decision = Harrowmere.policy().decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime))
        let denial = try #require(decision.denial)
        #expect(denial.description.contains("Ask Harrowmere Police for access (request and response)"))
        #expect(denial.nextStep == .requestAccess(holder: Harrowmere.police))
        #expect(decision.auditCode == "deny")
    }

    @Test func severalRolesGetTheUnionWithTheLeastDemandingRelationship() {
        let policy = Harrowmere.policy()
        let item = HeldItem(heldBy: Harrowmere.police, category: .crime)
        let both = Harrowmere.request([.practitioner, .analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding))
        #expect(policy.decide(both, item: item).isPermitted)
        let adminAndPractitioner = Harrowmere.request([.admin, .practitioner], at: Harrowmere.council,
                                                      purpose: .agreed(.holisticView), relationships: [.allocatedWorker])
        #expect(policy.decide(adminAndPractitioner, item: item).isPermitted)
    }

    @Test func fieldsUnderAnotherFlowCiteItToo() throws {
        // Two agreements: the item's crime under one, its identity field under another.
        var second = Harrowmere.isp()
        second.title = "Harrowmere Identity Addendum"
        second.flows = [Flow(from: Harrowmere.police, to: [Harrowmere.council], categories: [.identity],
                             purposes: [.caseFinding], art6: .publicTask, format: .automated)]
        var first = Harrowmere.isp()
        first.flows[0].categories = [.crime]
        let policy = AccessPolicy(agreements: [first, second], partners: Harrowmere.partners)
        let request = Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding))
        let decision = policy.decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime,
                                                              fields: [.identity]))
        let permission = try #require(decision.permission)
        #expect(permission.clause.agreement == "Harrowmere ISP")
        #expect(permission.otherClauses.map(\.agreement) == ["Harrowmere Identity Addendum"])
        #expect(permission.reason.contains("also Harrowmere Identity Addendum, flow 1"))
    }
}
