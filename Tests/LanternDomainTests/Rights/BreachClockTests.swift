import LanternDomain
import PropertyBased
import Testing

/// The 48-hour partner clock and the 72-hour ICO clock of a breach.
@Suite struct BreachClockTests {
    static let detected: Int64 = 1_790_000_000

    @Test func bothClocksRunFromDetectionAndAwareness() throws {
        let clock = try BreachClock(detectedAt: Self.detected, awareAt: Self.detected + 7200, now: Self.detected + 7200)
        #expect(clock.partnersDue == Self.detected + 48 * 3600)
        #expect(clock.icoDue == Self.detected + 2 * 3600 + 72 * 3600)
        #expect(clock.partnerHoursLeft(at: Self.detected + 10 * 3600) == 38)
        #expect(clock.partnerHoursLeft(at: Self.detected + 49 * 3600) == -1)
        #expect(clock.partnersTold(at: Self.detected + 3600).partnerHoursLeft(at: Self.detected + 99 * 3600) == nil)
    }

    @Test func aBreachWithoutADetectionTimeIsRefused() {
        #expect(throws: BreachClock.Refusal.self) { try BreachClock(detectedAt: nil, now: Self.detected) }
        #expect(throws: BreachClock.Refusal.self) { try BreachClock(detectedAt: Self.detected, awareAt: Self.detected - 1, now: Self.detected) }
        #expect(throws: BreachClock.Refusal.self) { try BreachClock(detectedAt: Self.detected + 60, now: Self.detected) }
    }

    @Test func theICODecisionNeedsItsReasonsAndALateOneItsDelay() throws {
        let clock = try BreachClock(detectedAt: Self.detected, now: Self.detected)
        #expect(throws: BreachClock.Refusal.self) { try clock.deciding(.notReported(reason: " ", at: Self.detected + 3600)) }
        #expect(throws: BreachClock.Refusal.self) { try clock.deciding(.reported(reference: "", at: Self.detected + 3600)) }
        let late = Self.detected + 80 * 3600
        #expect(throws: BreachClock.Refusal.self) { try clock.deciding(.reported(reference: "IC-123456-A1B2", at: late)) }
        let reported = try clock.deciding(.reported(reference: "IC-123456-A1B2", at: late), lateReason: "The extent was only known on day four")
        #expect(reported.icoHoursLeft(at: late) == nil && reported.lateReason != nil)
        #expect(throws: BreachClock.Refusal.self) { try reported.deciding(.notReported(reason: "second thoughts", at: late)) }
    }

    @Test func hoursLeftNeverOverstateTheTime() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...(100 * 3600))) { elapsed in
            let clock = try BreachClock(detectedAt: Self.detected, now: Self.detected)
            let now = Self.detected + Int64(elapsed)
            let left = clock.partnerHoursLeft(at: now)!
            #expect(left * 3600 <= clock.partnersDue - now, "never more hours than remain")
            #expect((left + 1) * 3600 > clock.partnersDue - now, "and at most an hour fewer")
        }
    }
}
