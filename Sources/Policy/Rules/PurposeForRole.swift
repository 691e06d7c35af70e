/// Rule 2: one of the requester's roles may use the purpose.
///
/// The role-purpose pairs are ``Role/need(for:)``: practitioners read for the
/// holistic view, joining caseloads and panels; analysts for case finding,
/// risk modelling, joining caseloads, panels and evaluation; panel chairs for
/// panels; the DPO only for rights requests.
public struct PurposeForRole: AccessRule {
    public init() {}

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        let roles = request.requester.roles
        if roles.contains(where: { $0.need(for: request.purpose) != nil }) { return .meetsPolicy }
        let allowed = roles.flatMap { role in AccessPurpose.all.filter { role.need(for: $0) != nil } }
        let names = Role.allCases.filter(roles.contains).map(\.label).joined(separator: ", ")
        var text = "Your role (\(names)) may not read for \(request.purpose.label)."
        if roles.contains(.dpo) && request.purpose != .rightsRequest {
            text += " DPOs read personal data only to answer a rights request."
        }
        if !allowed.isEmpty {
            let labels = Set(allowed.map(\.label)).sorted().joined(separator: ", ")
            text += " Choose one of: \(labels)."
        }
        return .fails(Denial(code: .purposeNotForRole, description: text, nextStep: .askDPO))
    }
}
