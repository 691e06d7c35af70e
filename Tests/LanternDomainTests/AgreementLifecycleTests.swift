import Foundation
import LanternDomain
import Testing

@Suite struct AgreementLifecycleTests {
    static let day = CalendarDate(year: 2026, month: 2, day: 1)!

    static func agreement(_ status: AgreementStatus, flows: [Flow]? = nil) -> Agreement {
        Agreement(title: "ISP", owner: "council", status: status, inForceFrom: CalendarDate(year: 2025, month: 1, day: 1)!,
                  reviewDue: CalendarDate(year: 2027, month: 1, day: 1)!,
                  flows: flows ?? [Flow(from: "police", to: ["council"], categories: [.identity, .crime], purposes: [.caseFinding],
                                        art6: .publicTask, art10: .preventingUnlawfulActs, format: .centralController)])
    }

    static let withdrawal = AgreementChange.withdraw(partner: "police", effectiveOn: day.adding(days: 28))

    /// Every status against every change: the rule table of the lifecycle.
    static let table: [(AgreementStatus, AgreementChange, AgreementStatus?)] = [
        (.draft, .submit, .forApproval), (.draft, .approve(by: "Board"), nil), (.draft, .suspend, nil),
        (.draft, withdrawal, .withdrawn), (.forApproval, .approve(by: "Board"), .approved),
        (.forApproval, .returnToDraft, .draft), (.forApproval, .reinstate, nil), (.forApproval, withdrawal, .withdrawn),
        (.approved, .suspend, .suspended), (.approved, .submit, nil), (.approved, .approve(by: "Board"), nil),
        (.approved, withdrawal, .withdrawn), (.suspended, .reinstate, .approved), (.suspended, .suspend, nil),
        (.suspended, withdrawal, .withdrawn), (.withdrawn, .reinstate, nil), (.withdrawn, .submit, nil),
        (.withdrawn, withdrawal, nil),
    ]

    @Test(arguments: table.indices)
    func transitionsFollowTheLifecycle(_ index: Int) {
        let (from, change, expected) = Self.table[index]
        let result = Result { () throws(AgreementChangeProblem) in try Self.agreement(from).applying(change, on: Self.day) }
        switch (result, expected) {
        case (.success(let next), .some(let status)):
            #expect(next.status == status)
        case (.failure(let problem), nil):
            #expect(problem.code == "transition-not-allowed")
            #expect(problem.description.contains(": "), "says what to do instead")
        default:
            Issue.record("\(from) + \(change.name): expected \(String(describing: expected)), got \(result)")
        }
    }

    @Test func approvalRecordsWhoAndWhen() throws {
        let approved = try Self.agreement(.forApproval).applying(.approve(by: "Partnership Board"), on: Self.day)
        #expect(approved.approvedBy == "Partnership Board")
        #expect(approved.approvedOn == Self.day)
        #expect(approved.isInForce(on: Self.day))
    }

    @Test func approvalNeedsTheConditionsForSensitiveData() {
        let flows = [Flow(from: "health", to: ["council"], categories: [.health], purposes: [.holisticView],
                          art6: .publicTask, format: .requestAndResponse)]
        #expect(throws: AgreementChangeProblem.self) {
            try Self.agreement(.forApproval, flows: flows).applying(.approve(by: "Board"), on: Self.day)
        }
        do {
            _ = try Self.agreement(.forApproval, flows: flows).applying(.approve(by: "Board"), on: Self.day)
        } catch {
            #expect(error.code == "flow-lacks-condition")
            #expect(error.description.contains("Art 9"))
        }
    }

    @Test func withdrawalNeedsFourWeeksNoticeFromAParty() {
        let short = AgreementChange.withdraw(partner: "police", effectiveOn: Self.day.adding(days: 27))
        do {
            _ = try Self.agreement(.approved).applying(short, on: Self.day)
            Issue.record("27 days' notice was accepted")
        } catch {
            #expect(error.code == "notice-too-short")
            #expect(error.description.contains(Self.day.adding(days: 28).description))
        }
        do {
            _ = try Self.agreement(.approved).applying(.withdraw(partner: "fire", effectiveOn: Self.day.adding(days: 60)), on: Self.day)
            Issue.record("a partner outside the agreement withdrew it")
        } catch {
            #expect(error.code == "withdrawing-partner-not-party")
        }
    }

    @Test func aWithdrawnAgreementSharesOnlyDuringItsNotice() throws {
        let withdrawn = try Self.agreement(.approved).applying(Self.withdrawal, on: Self.day)
        let effective = Self.day.adding(days: 28)
        #expect(withdrawn.withdrawal?.noticeGivenOn == Self.day)
        #expect(withdrawn.isInForce(on: effective.adding(days: -1)))
        #expect(!withdrawn.isInForce(on: effective))
        #expect(withdrawn.flow(from: "police", carrying: .crime, on: effective) == nil)
        // A suspended agreement does not come back to life during its notice.
        let suspended = try Self.agreement(.suspended).applying(Self.withdrawal, on: Self.day)
        #expect(!suspended.isInForce(on: Self.day.adding(days: 1)))
    }

    @Test func partnershipFilesWithoutTheNewFieldsStillLoad() throws {
        let json = """
            {"title":"ISP","owner":"council","status":"approved","inForceFrom":"2025-01-01","reviewDue":"2027-01-01",
             "approvedBy":"Board","approvedOn":"2024-12-01","flows":[]}
            """
        let agreement = try JSONDecoder().decode(Agreement.self, from: Data(json.utf8))
        #expect(agreement.withdrawal == nil && agreement.oversight.isEmpty)
        var changed = try Self.agreement(.approved).applying(Self.withdrawal, on: Self.day)
        changed.oversight = [OversightContact(partner: "police", name: "A Manager", role: "SIRO", contact: "siro@example.org")]
        let again = try JSONDecoder().decode(Agreement.self, from: try JSONEncoder().encode(changed))
        #expect(again == changed)
    }
}
