/// What a user does in the partnership, as granted on their account.
///
/// Use it to build a ``Requester``; ``AccessPolicy`` decides what each role may
/// read. Contract: raw values are the role names stored on accounts
/// (`practitioner`, `analyst`, `panel-chair`, `dpo`, `partner-admin`, `admin`,
/// `strategic-lead`);
/// a user may hold several roles and gets the union of what they allow.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// A professional in a partner agency working with people and families.
    case practitioner
    /// The partnership analyst or hub coordinator: the central controller.
    case analyst
    /// The chair or coordinator of a risk panel (MARAC, community risk panel, IOM).
    case panelChair = "panel-chair"
    /// The data protection officer or information governance lead.
    case dpo
    /// Administers one partner's accounts, extracts and access requests.
    case partnerAdmin = "partner-admin"
    /// The system administrator: manages accounts, reads no case data.
    case admin
    /// A partner's records officer: previews and approves the disposal of
    /// that partner's records when their retention period ends; reads no case data.
    case records
    /// The partnership's strategic lead (community safety partnership board):
    /// sees depersonalised reports under the evaluation purpose, never a person.
    case strategicLead = "strategic-lead"

    /// Roles that may ever read data about a person.
    public var readsCaseData: Bool {
        switch self {
        case .practitioner, .analyst, .panelChair, .dpo: true
        case .partnerAdmin, .admin, .records, .strategicLead: false
        }
    }

    /// Roles that may open break-glass access in an emergency: those who act
    /// for an individual. Analysts work on lists and the DPO on requests, so
    /// neither has an emergency that break-glass answers.
    public var mayBreakGlass: Bool {
        switch self {
        case .practitioner, .panelChair: true
        case .analyst, .dpo, .partnerAdmin, .admin, .records, .strategicLead: false
        }
    }

    /// The relationship to the subject this role needs to read for `purpose`,
    /// or `nil` when the role may not use the purpose at all.
    ///
    /// This is the role half of the rule table on ``AccessPolicy``.
    public func need(for purpose: AccessPurpose) -> RelationshipNeed? {
        switch (self, purpose) {
        case (.practitioner, .agreed(.holisticView)), (.practitioner, .agreed(.joiningCaseloads)):
            .anyRelationship
        case (.practitioner, .agreed(.riskPanels)):
            .panelCase
        case (.panelChair, .agreed(.riskPanels)), (.panelChair, .agreed(.holisticView)):
            .panelCase
        case (.analyst, .agreed(.caseFinding)), (.analyst, .agreed(.riskModelling)),
             (.analyst, .agreed(.joiningCaseloads)), (.analyst, .agreed(.evaluation)):
            RelationshipNeed.none
        case (.analyst, .agreed(.riskPanels)):
            .panelCase
        case (.dpo, .rightsRequest):
            .rightsRequestSubject
        case (.records, .retention):
            // Which items is decided per item (rule 5r): the holder's own, due or under review.
            RelationshipNeed.none
        default:
            nil
        }
    }

    /// Words for pages and denial messages.
    public var label: String {
        switch self {
        case .practitioner: "practitioner"
        case .analyst: "partnership analyst"
        case .panelChair: "panel chair"
        case .dpo: "data protection officer"
        case .partnerAdmin: "partner administrator"
        case .admin: "system administrator"
        case .records: "records officer"
        case .strategicLead: "strategic lead"
        }
    }
}
