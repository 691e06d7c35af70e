import LanternDomain
import PropertyBased
import Testing

/// The one-month clock by the ICO's date rules, on known answers and over
/// random requests.
@Suite struct ResponseClockTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    struct Case: Sendable, CustomTestStringConvertible {
        var received: String
        var due: String
        var why: String
        var testDescription: String { "\(received) -> \(due): \(why)" }
    }

    @Test(arguments: [
        Case(received: "2025-09-03", due: "2025-10-03", why: "the ICO's example: the corresponding date next month"),
        Case(received: "2026-01-31", due: "2026-03-02", why: "no 31 February: the last day, a Saturday, so the Monday"),
        Case(received: "2026-03-03", due: "2026-04-07", why: "3 April is Good Friday, then a weekend and Easter Monday"),
        Case(received: "2026-11-25", due: "2026-12-29", why: "Christmas Day, the weekend, then Boxing Day's substitute"),
        Case(received: "2024-01-30", due: "2024-02-29", why: "a leap year's last day of February"),
        Case(received: "2026-06-06", due: "2026-07-06", why: "received on a Saturday: the clock starts that day"),
    ])
    func theMonthEndsOnTheCorrespondingWorkingDay(_ example: Case) {
        let clock = ResponseClock(received: Self.day(example.received))
        #expect(clock.dueDate(asOf: Self.day(example.received)) == Self.day(example.due))
    }

    @Test func identityAskedForStartsTheMonthWhenItArrives() {
        var clock = ResponseClock(received: Self.day("2026-01-10"), identityAskedFor: true)
        #expect(clock.dueDate(asOf: Self.day("2026-01-20")) == nil)
        #expect(clock.isPaused)
        clock.identityVerified = Self.day("2026-02-05")
        #expect(clock.dueDate(asOf: Self.day("2026-02-05")) == Self.day("2026-03-05"))
    }

    @Test func waitingForClarificationDoesNotCount() throws {
        let clock = try ResponseClock(received: Self.day("2026-01-05"))
            .paused(on: Self.day("2026-01-10")).resumed(on: Self.day("2026-01-20"))
        // 5 February plus the 10 days paused is Sunday 15 February: Monday.
        #expect(clock.dueDate(asOf: Self.day("2026-01-25")) == Self.day("2026-02-16"))
        let open = try ResponseClock(received: Self.day("2026-01-05")).paused(on: Self.day("2026-01-10"))
        #expect(open.isPaused)
        #expect(open.dueDate(asOf: Self.day("2026-01-12")) == Self.day("2026-02-09"))
    }

    @Test func anExtensionMakesItThreeMonthsButOnlyWithinTheFirst() throws {
        let clock = ResponseClock(received: Self.day("2026-01-10"))
        let extended = try clock.extended(on: Self.day("2026-02-09"), reason: "Records held by six partners, two of them archived")
        #expect(extended.dueDate(asOf: Self.day("2026-02-09")) == Self.day("2026-04-10"))
        #expect(throws: ResponseClock.Refusal.self) { try clock.extended(on: Self.day("2026-02-11"), reason: "Too late") }
        #expect(throws: ResponseClock.Refusal.self) { try clock.extended(on: Self.day("2026-01-20"), reason: "  ") }
        #expect(throws: ResponseClock.Refusal.self) { try extended.extended(on: Self.day("2026-02-09"), reason: "Again") }
    }

    @Test func aPauseCannotOverlapOrPrecedeTheRequest() throws {
        let clock = ResponseClock(received: Self.day("2026-01-10"))
        #expect(throws: ResponseClock.Refusal.self) { try clock.paused(on: Self.day("2026-01-09")) }
        #expect(throws: ResponseClock.Refusal.self) { try clock.resumed(on: Self.day("2026-01-12")) }
        let paused = try clock.paused(on: Self.day("2026-01-11"))
        #expect(throws: ResponseClock.Refusal.self) { try paused.paused(on: Self.day("2026-01-12")) }
    }

    @Test func theDueDateIsAWorkingDayAtLeastTwentyEightDaysOnAndExtensionsOnlyLengthenIt() async {
        let days = Gen.int(in: 18_000...22_000)
        await propertyCheck(count: 300, input: days, Gen.int(in: 0...40)) { start, pause in
            let received = CalendarDate(dayNumber: start)
            var clock = ResponseClock(received: received)
            if pause > 0 {
                clock.pauses = [.init(from: received.adding(days: 1), until: received.adding(days: 1 + pause))]
            }
            let today = received.adding(days: 60)
            let due = clock.dueDate(asOf: today)!
            #expect(!due.weekday.isWeekend && !BankHolidays.englandAndWales.contains(due))
            #expect(due.dayNumber - received.dayNumber >= 28 + pause)
            #expect(due.dayNumber - received.dayNumber <= 31 + pause + 5, "a month, the pause and at most a long holiday weekend")
            if let extended = try? clock.extended(on: received, reason: "complex") {
                #expect(extended.dueDate(asOf: today)! > due)
            }
        }
    }
}

/// England and Wales bank holidays from the rules, against published years.
@Suite struct BankHolidayTests {
    static func days(_ texts: [String]) -> Set<CalendarDate> { Set(texts.map { CalendarDate(parsing: $0)! }) }

    @Test func publishedYearsMatch() {
        #expect(BankHolidays.holidays(in: 2026) == Self.days(["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                                               "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]))
        #expect(BankHolidays.holidays(in: 2027) == Self.days(["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                                               "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]))
        // 2022 without its two one-off days (the jubilee and the state funeral).
        #expect(BankHolidays.holidays(in: 2022) == Self.days(["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                                               "2022-05-30", "2022-08-29", "2022-12-26", "2022-12-27"]))
    }

    @Test(arguments: [(2000, "2000-04-23"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2038, "2038-04-25")])
    func easterSundays(_ year: Int, _ expected: String) {
        #expect(BankHolidays.easterSunday(year) == CalendarDate(parsing: expected))
    }

    @Test func oneOffDaysAreAddedAsData() {
        let funeral = CalendarDate(parsing: "2022-09-19")!
        #expect(!BankHolidays.englandAndWales.contains(funeral))
        #expect(BankHolidays(extra: [funeral]).contains(funeral))
    }

    @Test func regimesFollowTheHoldingPartners() {
        #expect(RightsRegime.applying(toHoldersOfKinds: [PartnerKind.council, .health]) == [.ukGDPR])
        #expect(RightsRegime.applying(toHoldersOfKinds: [PartnerKind.police]) == [.dpa2018Part3])
        #expect(RightsRegime.applying(toHoldersOfKinds: [PartnerKind.police, .childrensSocialCare]) == [.ukGDPR, .dpa2018Part3])
    }
}
