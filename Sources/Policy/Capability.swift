/// Things users do that are not reading about a person: the audit trail,
/// accounts, agreements, break-glass review, rights requests, extracts.
///
/// Ask ``decide(for:partner:)`` before showing the page or running the
/// command. Contract: the DPO reads the audit; administrators manage accounts
/// (a partner administrator only their own partner's); nobody gains case
/// data through a capability (that is ``AccessPolicy``'s job).
public enum Capability: String, Sendable, Codable, CaseIterable, Hashable {
    case readAudit = "read-audit"
    case manageAccounts = "manage-accounts"
    case manageAgreements = "manage-agreements"
    case reviewBreakGlass = "review-break-glass"
    case answerRightsRequests = "answer-rights-requests"
    case loadExtracts = "load-extracts"
    /// Decide another partner's request for access to this partner's data.
    case decideAccessRequests = "decide-access-requests"
    /// Subscribe and revoke a partner's webhooks for alerts.
    case manageFeeds = "manage-feeds"
    /// Keep the breach register: record breaches, their clocks and decisions.
    case manageBreaches = "manage-breaches"
    /// Keep the retention schedule and legal holds, and see what is due partnership-wide.
    case manageRetention = "manage-retention"
    /// Prepare and approve the disposal of a partner's own records.
    case approveDisposal = "approve-disposal"
    /// Read the partnership's depersonalised reports (trends, hotspots), every
    /// figure through disclosure control.
    case readReports = "read-reports"
    /// Review one's own partner's items about the subject of a rights request
    /// (disclose, redact or withhold each): the holding partner answers for
    /// what of its own is disclosed, so only its own DPO or records officer.
    case reviewOwnItems = "review-own-items"

    /// Roles that have the capability for any partner.
    var partnershipWide: Set<Role> {
        switch self {
        case .readAudit, .manageAgreements, .reviewBreakGlass, .answerRightsRequests, .manageBreaches, .manageRetention: [.dpo]
        case .manageAccounts, .manageFeeds: [.admin]
        case .loadExtracts: [.analyst]
        case .readReports: [.strategicLead, .analyst]
        case .decideAccessRequests, .approveDisposal, .reviewOwnItems: []
        }
    }

    /// Roles that have the capability for their own partner only.
    var ownPartner: Set<Role> {
        switch self {
        case .manageAccounts, .loadExtracts, .manageFeeds: [.partnerAdmin]
        case .decideAccessRequests: [.partnerAdmin, .dpo]
        // Never the DPO: the owning controller decides what of its own is destroyed.
        case .approveDisposal: [.records]
        // The partnership's DPO coordinates the request; each controller reviews its own items.
        case .reviewOwnItems: [.dpo, .records]
        default: []
        }
    }

    /// `nil` when `requester` may do this, else the denial. Pass `partner` when
    /// it concerns one partner (whose accounts, whose extract, whose data was
    /// asked for); without it, own-partner roles are refused.
    public func decide(for requester: Requester, partner: String? = nil) -> Denial? {
        if !requester.roles.isDisjoint(with: partnershipWide) { return nil }
        if !requester.roles.isDisjoint(with: ownPartner), let partner, partner == requester.partner { return nil }
        let holders = Role.allCases.filter { partnershipWide.contains($0) || ownPartner.contains($0) }
        let who = holders.map(\.label).joined(separator: " or ")
        let scope = ownPartner.isEmpty ? "" : " (\(ownPartner.map(\.label).sorted().joined(separator: ", ")) only for their own partner)"
        return Denial(code: .capabilityNotForRole,
                      description: "Only a \(who) may \(rawValue.replacingOccurrencesOfHyphens())\(scope). Ask the DPO if your work needs it.",
                      nextStep: .askDPO)
    }
}
