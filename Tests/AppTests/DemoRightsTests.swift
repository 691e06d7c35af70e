@testable import App
import LanternDomain
import PropertyBased
import Testing

/// The demo's rights request has 12 days left whatever day the demo starts,
/// unless the 12th day is not a working day (a due date never is).
@Suite struct DemoRightsTests {
    @Test func theDemoRequestLeavesTwelveDaysWheneverTheCalendarAllows() async {
        await propertyCheck(count: 300, input: Gen.int(in: 20_000...22_000)) { start in
            let today = CalendarDate(dayNumber: start)
            let (received, pause) = DemoRights.receipt(leaving: 12, asOf: today)
            var clock = ResponseClock(received: received)
            if let pause { clock.pauses = [.init(from: received.adding(days: 1), until: received.adding(days: 1 + pause))] }
            let left = clock.daysLeft(asOf: today)!
            let target = today.adding(days: 12)
            if target.weekday.isWeekend || BankHolidays.englandAndWales.contains(target) {
                #expect((12...16).contains(left))
            } else {
                #expect(left == 12)
            }
            #expect(received < today)
        }
    }
}
