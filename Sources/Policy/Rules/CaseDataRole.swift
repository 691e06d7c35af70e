/// Rule 1: the requester holds a role that reads case data at all.
///
/// System administrators manage accounts and partner administrators manage
/// their partner's accounts and extracts; neither reads about people. A user
/// who is also a practitioner passes on that role. A records officer reads
/// none either, except under the retention purpose, where rule 5r limits them
/// to their own partner's records that are due for disposal or review.
public struct CaseDataRole: AccessRule {
    public init() {}

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        if request.requester.roles.contains(where: \.readsCaseData) { return .meetsPolicy }
        if request.purpose == .retention && request.requester.roles.contains(.records) { return .meetsPolicy }
        return .fails(Denial(
            code: .noCaseDataRole,
            description: "Administrators manage accounts and agreements but read no case data. "
                + "If your work needs it, ask the DPO for a practitioner or analyst role.",
            nextStep: .askDPO))
    }
}
