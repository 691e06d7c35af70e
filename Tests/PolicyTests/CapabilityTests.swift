import Testing
@testable import Policy

struct CapabilityTests {
    static func requester(_ role: Role, at partner: String = Harrowmere.council) -> Requester {
        Requester(userID: "u", partner: partner, roles: [role])
    }

    @Test func theDPOReadsTheAuditAndAnswersRightsRequests() {
        let dpo = Self.requester(.dpo)
        for capability in [Capability.readAudit, .reviewBreakGlass, .answerRightsRequests, .manageAgreements] {
            #expect(capability.decide(for: dpo) == nil)
        }
        #expect(Capability.manageAccounts.decide(for: dpo)?.code == .capabilityNotForRole)
    }

    @Test func administratorsManageAccountsButNotTheAudit() {
        #expect(Capability.manageAccounts.decide(for: Self.requester(.admin), partner: Harrowmere.police) == nil)
        #expect(Capability.readAudit.decide(for: Self.requester(.admin))?.code == .capabilityNotForRole)
        let partnerAdmin = Self.requester(.partnerAdmin, at: Harrowmere.police)
        #expect(Capability.manageAccounts.decide(for: partnerAdmin, partner: Harrowmere.police) == nil)
        #expect(Capability.manageAccounts.decide(for: partnerAdmin, partner: Harrowmere.council) != nil)
        #expect(Capability.decideAccessRequests.decide(for: partnerAdmin, partner: Harrowmere.police) == nil)
    }

    @Test(arguments: [Role.practitioner, .analyst, .panelChair])
    func caseWorkersHaveNoGovernanceCapabilities(_ role: Role) {
        for capability in [Capability.readAudit, .manageAccounts, .manageAgreements, .reviewBreakGlass] {
            let denial = capability.decide(for: Self.requester(role), partner: Harrowmere.council)
            #expect(denial?.code == .capabilityNotForRole)
            #expect(denial?.description.isEmpty == false)
        }
    }

    @Test func theStrategicLeadReadsReportsAndNothingElse() {
        let lead = Self.requester(.strategicLead)
        #expect(Capability.readReports.decide(for: lead) == nil)
        #expect(Capability.readReports.decide(for: Self.requester(.analyst)) == nil)
        #expect(Capability.readReports.decide(for: Self.requester(.practitioner))?.code == .capabilityNotForRole)
        for capability in Capability.allCases where capability != .readReports {
            #expect(capability.decide(for: lead, partner: Harrowmere.council)?.code == .capabilityNotForRole)
        }
        #expect(!Role.strategicLead.readsCaseData && !Role.strategicLead.mayBreakGlass)
    }

    @Test func unknownRoleNamesGrantNothing() {
        let requester = Requester(userID: "u", partner: Harrowmere.council, roleNames: ["superuser", "dpo"])
        #expect(requester.roles == [.dpo])
    }
}
