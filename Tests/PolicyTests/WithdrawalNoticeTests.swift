import LanternDomain
import Testing
@testable import Policy

/// A withdrawn agreement covers shares until its withdrawal takes effect,
/// and only if it was in force when notice was given.
struct WithdrawalNoticeTests {
    static let notice = CalendarDate(year: 2026, month: 3, day: 2)!
    static let effective = notice.adding(days: 28)

    static func index(sharesDuringNotice: Bool) -> AgreementIndex {
        let agreement = Agreement(
            title: "ISP", owner: "council", status: .withdrawn, inForceFrom: CalendarDate(year: 2025, month: 1, day: 1)!,
            reviewDue: CalendarDate(year: 2027, month: 1, day: 1)!,
            flows: [Flow(from: "police", to: ["council"], categories: [.crime], purposes: [.holisticView],
                         art6: .publicTask, art10: .preventingUnlawfulActs, format: .centralController)],
            withdrawal: Withdrawal(partner: "police", noticeGivenOn: notice, effectiveOn: effective,
                                   sharesDuringNotice: sharesDuringNotice))
        return AgreementIndex(agreements: [agreement])
    }

    static func coverage(_ index: AgreementIndex, on day: CalendarDate) -> AgreementIndex.Coverage {
        index.coverage(from: "police", to: "council", category: .crime, purpose: .holisticView, on: day)
    }

    @Test func sharingContinuesUntilTheEffectiveDate() {
        let index = Self.index(sharesDuringNotice: true)
        guard case .covered = Self.coverage(index, on: Self.effective.adding(days: -1)) else {
            Issue.record("the notice period should still share")
            return
        }
        guard case .uncovered(let denial) = Self.coverage(index, on: Self.effective) else {
            Issue.record("nothing new is shared from the effective date")
            return
        }
        #expect(denial.code == .agreementWithdrawn)
    }

    @Test func anAgreementNotInForceAtNoticeNeverShares() {
        guard case .uncovered(let denial) = Self.coverage(Self.index(sharesDuringNotice: false), on: Self.notice) else {
            Issue.record("a suspended or draft agreement shared during its notice")
            return
        }
        #expect(denial.code == .agreementWithdrawn)
    }
}
