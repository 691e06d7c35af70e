import Policy
import Testing

/// The rule table for managing accounts: who manages whose, giving which roles.
@Suite struct AccountManagementTests {
    static func manager(_ roles: Set<Role>, partner: String = "police") -> Requester {
        Requester(userID: "m", partner: partner, roles: roles)
    }

    /// (manager's roles, account's partner, account's roles, allowed?)
    @Test(arguments: [
        (Set<Role>([.admin]), "council", Set<Role>([.partnerAdmin]), true),
        (Set<Role>([.admin]), "police", Set<Role>([.admin, .dpo]), true),
        (Set<Role>([.partnerAdmin]), "police", Set<Role>([.practitioner]), true),
        (Set<Role>([.partnerAdmin]), "police", Set<Role>([.practitioner, .panelChair]), true),
        (Set<Role>([.partnerAdmin]), "police", Set<Role>([.partnerAdmin]), false),
        (Set<Role>([.partnerAdmin]), "police", Set<Role>([.analyst]), false),
        (Set<Role>([.partnerAdmin]), "police", Set<Role>([.dpo]), false),
        (Set<Role>([.partnerAdmin]), "police", Set<Role>([.admin]), false),
        (Set<Role>([.partnerAdmin]), "council", Set<Role>([.practitioner]), false),
        (Set<Role>([.dpo]), "police", Set<Role>([.practitioner]), false),
        (Set<Role>([.practitioner]), "police", Set<Role>([.practitioner]), false),
        (Set<Role>([.analyst]), "police", Set<Role>([.practitioner]), false),
    ])
    func whoManagesWhichAccounts(_ roles: Set<Role>, _ partner: String, _ accountRoles: Set<Role>, _ allowed: Bool) {
        let refusal = AccountManagement.refusal(manager: Self.manager(roles), accountPartner: partner, roles: accountRoles)
        #expect((refusal == nil) == allowed)
        if let refusal { #expect(refusal.code == .capabilityNotForRole && !refusal.description.isEmpty) }
    }

    @Test func aPartnerAdministratorIsOfferedOnlyTheRolesTheyMayGive() {
        let offered = AccountManagement.grantable(by: Self.manager([.partnerAdmin]))
        #expect(offered == [.practitioner, .panelChair])
        for role in offered {
            #expect(AccountManagement.refusal(manager: Self.manager([.partnerAdmin]), accountPartner: "police", roles: [role]) == nil)
        }
        #expect(AccountManagement.grantable(by: Self.manager([.admin])) == Role.allCases)
        #expect(AccountManagement.grantable(by: Self.manager([.dpo])).isEmpty)
    }
}
