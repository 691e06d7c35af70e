/// Rule 3: a declared break-glass grant is usable: by a role that may break
/// glass, and in force at the request's time.
///
/// Runs even when the requester has a relationship, so an expired grant is
/// never silently ignored; a request without a grant passes.
public struct BreakGlassValidity: AccessRule {
    public init() {}

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        guard let grant = request.breakGlass else { return .meetsPolicy }
        guard request.requester.roles.contains(where: \.mayBreakGlass) else {
            return .fails(Denial(
                code: .breakGlassNotForRole,
                description: "Only practitioners and panel chairs may use break-glass, "
                    + "which is for an emergency about one person.",
                nextStep: .askDPO))
        }
        if request.now < grant.grantedAt {
            return .fails(Denial(
                code: .breakGlassNotYetValid,
                description: "This break-glass grant has not started yet. Declare it again now, with its reason.",
                nextStep: .declareBreakGlass))
        }
        if !(request.now < grant.expiresAt) {
            return .fails(Denial(
                code: .breakGlassExpired,
                description: "This break-glass grant has ended. If the emergency continues, "
                    + "declare a new one with its reason; it will be reviewed by the DPO.",
                nextStep: .declareBreakGlass))
        }
        return .meetsPolicy
    }
}
