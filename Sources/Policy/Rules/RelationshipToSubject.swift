/// Rule 4: need to know. The requester has the relationship with the person
/// that their purpose needs, or a break-glass grant in force stands in for it.
///
/// The need is the least demanding one among the requester's roles that
/// allow the purpose (``RelationshipNeed``). A practitioner without one sees
/// only that the person is known to partners and may ask for access.
public struct RelationshipToSubject: AccessRule {
    public init() {}

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        guard let need = Self.need(of: request), !need.isMet(by: request.relationships) else {
            return .meetsPolicy
        }
        // A rights request is the only authority for the DPO's reads: no
        // emergency or partner's yes stands in for the subject having asked.
        if need == .rightsRequestSubject {
            return .fails(Denial(
                code: .noRightsRequest,
                description: "The data protection officer reads personal data only to answer a recorded rights "
                    + "request, and only about the person who made it. Record the request first.",
                nextStep: .none))
        }
        // BreakGlassValidity ran first, so a grant here is in force.
        if request.breakGlass != nil { return .meetsPolicy }
        // The holder answered this requester's access request with a yes.
        if let holder, request.grantedBy.contains(holder.slug) { return .meetsPolicy }
        let whom = holder?.name ?? "the partners who hold information about this person"
        switch need {
        case .panelCase:
            return .fails(Denial(
                code: .notOnPanelCase,
                description: "Reading for \(request.purpose.label) needs this person to be on a panel case you sit on. "
                    + "Ask \(whom) for access (request and response), or the panel coordinator to add the case.",
                nextStep: .requestAccess(holder: holder?.slug)))
        case .anyRelationship, .none, .rightsRequestSubject:
            return .fails(Denial(
                code: .noRelationship,
                description: "You have no recorded relationship with this person (allocated worker, panel case "
                    + "or author). Ask \(whom) for access (request and response): they decide. "
                    + "In an emergency, use break-glass with a reason.",
                nextStep: .requestAccess(holder: holder?.slug)))
        }
    }

    /// The least demanding relationship any of the requester's roles needs for
    /// the purpose; `nil` when no role allows it (PurposeForRole refuses that).
    static func need(of request: AccessRequest) -> RelationshipNeed? {
        var least: RelationshipNeed?
        for role in request.requester.roles {
            if let need = role.need(for: request.purpose), least.map({ need < $0 }) ?? true { least = need }
        }
        return least
    }

    /// Whether the request relies on break-glass: its relationships fall short.
    static func reliesOnBreakGlass(_ request: AccessRequest) -> Bool {
        guard request.breakGlass != nil, let need = need(of: request) else { return false }
        return !need.isMet(by: request.relationships)
    }
}
