import LanternDomain
import PropertyBased
import Testing

/// When the DPO is reminded of a running clock, at fixed dates and instants.
@Suite struct ClockReminderTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// Received 2026-03-03: due 2026-04-07 (Good Friday, the weekend and Easter Monday push it on).
    @Test(arguments: [
        ("2026-03-20", nil),
        ("2026-04-01", nil),
        ("2026-04-02", ClockReminder.Kind.requestDueSoon),
        ("2026-04-07", ClockReminder.Kind.requestDueSoon),
        ("2026-04-08", ClockReminder.Kind.requestOverdue),
    ] as [(String, ClockReminder.Kind?)])
    func aRequestRemindsFiveDaysBeforeItsDueDateThenWhenOverdue(_ today: String, _ expected: ClockReminder.Kind?) {
        let clock = ResponseClock(received: Self.day("2026-03-03"))
        let reminder = ClockReminder.forRequest(reference: "RR-2026-0001", clock: clock, today: Self.day(today))
        #expect(reminder?.kind == expected)
        if let reminder { #expect(reminder.message.contains("RR-2026-0001") && reminder.message.contains("2026-04-07")) }
    }

    @Test func aPausedRequestOrOneAwaitingIdentityIsNotChased() throws {
        let paused = try ResponseClock(received: Self.day("2026-03-03")).paused(on: Self.day("2026-03-10"))
        #expect(ClockReminder.forRequest(reference: "RR", clock: paused, today: Self.day("2026-04-20")) == nil)
        let awaiting = ResponseClock(received: Self.day("2026-03-03"), identityAskedFor: true)
        #expect(ClockReminder.forRequest(reference: "RR", clock: awaiting, today: Self.day("2026-04-20")) == nil)
    }

    /// Detected 2026-11-30 09:00 UTC (1_796_029_200): partners due 2 December 09:00, the ICO 3 December 09:00.
    static let detected: Int64 = 1_796_029_200
    static let hour: Int64 = 3600

    @Test(arguments: [
        (1, []),
        (36, []),
        (37, [.partnersDueSoon]),
        (47, [.partnersDueSoon]),
        (48, [.partnersMissed]),
        (61, [.partnersMissed, .icoDueSoon]),
        (72, [.partnersMissed, .icoMissed]),
    ] as [(Int64, [ClockReminder.Kind])])
    func aBreachRemindsTwelveHoursBeforeEachClockThenWhenMissed(_ hoursAfter: Int64, _ expected: [ClockReminder.Kind]) throws {
        let clock = try BreachClock(detectedAt: Self.detected, now: Self.detected)
        let reminders = ClockReminder.forBreach(reference: "BR-2026-0001", clock: clock, now: Self.detected + hoursAfter * Self.hour)
        #expect(reminders.map(\.kind) == expected)
    }

    @Test func aClockWhoseStepIsRecordedStopsReminding() throws {
        let clock = try BreachClock(detectedAt: Self.detected, now: Self.detected)
            .partnersTold(at: Self.detected + 40 * Self.hour)
            .deciding(.notReported(reason: "Encrypted device", at: Self.detected + 41 * Self.hour))
        #expect(ClockReminder.forBreach(reference: "BR", clock: clock, now: Self.detected + 80 * Self.hour).isEmpty)
    }

    /// Over random requests and days: a reminder exactly when the clock runs
    /// and is within the lead or past its due date, overdue exactly when past.
    @Test func aReminderComesExactlyWhenTheDueDateIsNearOrPast() async {
        await propertyCheck(count: 300, input: Gen.int(in: 20_000...21_000), Gen.int(in: 0...60)) { start, offset in
            let received = CalendarDate(dayNumber: start)
            let clock = ResponseClock(received: received)
            let today = received.adding(days: offset)
            let left = clock.daysLeft(asOf: today)!
            let reminder = ClockReminder.forRequest(reference: "RR", clock: clock, today: today)
            #expect((reminder != nil) == (left <= ClockReminder.requestLeadDays))
            #expect((reminder?.kind == .requestOverdue) == (left < 0))
        }
    }
}
