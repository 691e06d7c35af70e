/// The statutory clocks of one ASB case review, in working days, using the
/// England and Wales bank holidays (``BankHolidays``).
///
/// Contract: pure, no clock read: pass today in. The acknowledgement and the
/// threshold decision run from the day the application is received; the
/// review meeting runs from the decision, and only when the threshold is met.
/// A working day is Monday to Friday and not a bank holiday; the day of
/// receipt is day 0.
public struct CaseReviewClock: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case running, overdue, metOnTime = "met-on-time", metLate = "met-late", notNeeded = "not-needed"
    }

    public struct Deadline: Sendable, Hashable {
        public var name: String
        public var due: CalendarDate?
        public var doneOn: CalendarDate?
        public var state: State
    }

    public var rules: CaseReviewRules
    public var received: CalendarDate
    public var acknowledgedOn: CalendarDate?
    public var decidedOn: CalendarDate?
    public var thresholdMet: Bool?
    public var meetingOn: CalendarDate?
    public var holidays: BankHolidays

    public init(rules: CaseReviewRules, received: CalendarDate, acknowledgedOn: CalendarDate? = nil, decidedOn: CalendarDate? = nil,
                thresholdMet: Bool? = nil, meetingOn: CalendarDate? = nil, holidays: BankHolidays = .englandAndWales) {
        self.rules = rules
        self.received = received
        self.acknowledgedOn = acknowledgedOn
        self.decidedOn = decidedOn
        self.thresholdMet = thresholdMet
        self.meetingOn = meetingOn
        self.holidays = holidays
    }

    /// The day `count` working days after `start`.
    public func adding(workingDays count: Int, to start: CalendarDate) -> CalendarDate {
        var day = start, left = count
        while left > 0 {
            day = day.adding(days: 1)
            if !day.weekday.isWeekend && !holidays.contains(day) { left -= 1 }
        }
        return day
    }

    public var acknowledgeBy: CalendarDate { adding(workingDays: rules.acknowledgeWorkingDays, to: received) }
    public var decideBy: CalendarDate { adding(workingDays: rules.decideWorkingDays, to: received) }
    /// Nil until the threshold is decided met.
    public var meetBy: CalendarDate? {
        guard thresholdMet == true, let decidedOn else { return nil }
        return adding(workingDays: rules.meetWorkingDays, to: decidedOn)
    }

    public func deadlines(on today: CalendarDate) -> [Deadline] {
        func state(due: CalendarDate?, done: CalendarDate?) -> State {
            guard let due else { return .notNeeded }
            if let done { return done <= due ? .metOnTime : .metLate }
            return today > due ? .overdue : .running
        }
        let meetingDue: CalendarDate? = meetBy
        return [
            Deadline(name: "Acknowledge", due: acknowledgeBy, doneOn: acknowledgedOn, state: state(due: acknowledgeBy, done: acknowledgedOn)),
            Deadline(name: "Decide the threshold", due: decideBy, doneOn: decidedOn, state: state(due: decideBy, done: decidedOn)),
            Deadline(name: "Hold the review meeting", due: meetingDue, doneOn: meetingOn,
                     state: thresholdMet == false ? .notNeeded : (decidedOn == nil ? .running : state(due: meetingDue, done: meetingOn))),
        ]
    }
}
