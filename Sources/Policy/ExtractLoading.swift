import LanternDomain

/// Who may load a partner's extract into the shared store.
///
/// Ask ``decide(for:partner:index:on:)`` before an import runs; a partner's
/// automated feed (an API token) is checked by the caller against the token's
/// own partner, since a token is not a person with roles. Contract: an
/// extract creates and overwrites a partner's records, which then flow to
/// every partner the agreements name, so only these may load one:
/// - that partner's own administrator;
/// - the partnership hub's analyst, and only for a partner whose approved
///   agreement in force sends its data to the hub as central controller
///   (the ISP's "central-controller" format): there the hub loads.
/// Everyone else, practitioners, chairs and the DPO included, is refused.
public enum ExtractLoading {
    public static func decide(for requester: Requester, partner: String, index: AgreementIndex,
                              on day: CalendarDate) -> Denial? {
        if requester.roles.contains(.partnerAdmin), requester.partner == partner { return nil }
        if requester.roles.contains(.analyst), hubLoads(partner, hub: requester.partner, index: index, on: day) { return nil }
        let reason: String
        if requester.roles.contains(.analyst) {
            reason = "The hub loads a partner's extracts only where an agreement in force sends that partner's data to the hub "
                + "as central controller, and none does for \(index.name(of: partner)). That partner's administrator or its "
                + "automated feed loads them."
        } else if requester.roles.contains(.partnerAdmin) {
            reason = "A partner administrator loads only their own partner's extracts, not \(index.name(of: partner))'s."
        } else {
            reason = "Only a partner administrator (for their own partner), the partner's automated feed, or the hub's analyst "
                + "where the agreement says the hub loads may load extracts. Ask your partner administrator."
        }
        return Denial(code: .capabilityNotForRole, description: reason, nextStep: .askDPO)
    }

    /// Whether an approved agreement in force on `day` has a flow from
    /// `partner` to `hub` in the central-controller format.
    static func hubLoads(_ partner: String, hub: String, index: AgreementIndex, on day: CalendarDate) -> Bool {
        index.agreements.contains { agreement in
            agreement.status == .approved && agreement.inForceFrom <= day
                && agreement.flows.contains { $0.from == partner && $0.to.contains(hub) && $0.format == .centralController }
        }
    }
}
