/// Who may manage whose account, and give which roles.
///
/// Ask ``refusal(manager:accountPartner:roles:)`` before creating an account,
/// changing its roles, disabling it or resetting its second factor, with
/// `roles` every role the account holds or is to hold. Contract: a system
/// administrator manages any account; a partner administrator manages only
/// their own partner's practitioners and panel chairs; nobody else manages
/// accounts. Partnership-wide roles (analyst, DPO) and administrators are the
/// system administrator's to give, since they reach beyond one partner.
public enum AccountManagement {
    /// Roles a partner administrator may give within their own partner.
    public static let partnerGrantable: Set<Role> = [.practitioner, .panelChair]

    /// The roles a manager may give, in ``Role`` order.
    public static func grantable(by manager: Requester) -> [Role] {
        if manager.roles.contains(.admin) { return Role.allCases }
        if manager.roles.contains(.partnerAdmin) { return Role.allCases.filter(partnerGrantable.contains) }
        return []
    }

    /// `nil` when `manager` may manage an account of `accountPartner` holding `roles`.
    public static func refusal(manager: Requester, accountPartner: String, roles: Set<Role>) -> Denial? {
        if manager.roles.contains(.admin) { return nil }
        guard manager.roles.contains(.partnerAdmin) else {
            return Capability.manageAccounts.decide(for: manager, partner: accountPartner)
        }
        guard accountPartner == manager.partner else {
            return Denial(code: .capabilityNotForRole,
                          description: "A partner administrator manages only their own partner's accounts (\(manager.partner)), not \(accountPartner)'s.",
                          nextStep: .none)
        }
        let beyond = roles.subtracting(partnerGrantable)
        guard beyond.isEmpty else {
            let names = Role.allCases.filter(beyond.contains).map(\.label).joined(separator: ", ")
            return Denial(code: .capabilityNotForRole,
                          description: "Only a system administrator gives or manages the roles that reach beyond one partner (\(names)): ask yours.",
                          nextStep: .none)
        }
        return nil
    }
}
