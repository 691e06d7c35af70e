/// The time a rights request must be answered in, by the ICO's date rules.
///
/// Use it to show a request's due date and to check an extension. It reads
/// no clock: pass today in. Contract (UK GDPR Art 12(3); ICO guidance):
/// - the month runs from the day the request is received, or from the day
///   the requester's identity is verified when it had to be asked for;
/// - it ends on the corresponding date of the next month, or that month's
///   last day when it has no such date, moved on to the next working day
///   when it falls at a weekend or on a bank holiday;
/// - days spent waiting for clarification do not count;
/// - an extension, decided with a reason on or before the first due date,
///   makes it three months from the start.
public struct ResponseClock: Sendable, Hashable {
    /// A time the clock stood still, waiting for the requester.
    public struct Pause: Sendable, Hashable, Codable {
        public var from: CalendarDate
        /// `nil` while still waiting.
        public var until: CalendarDate?

        public init(from: CalendarDate, until: CalendarDate?) {
            self.from = from
            self.until = until
        }
    }

    /// Why a change to the clock is refused.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Code: String, Sendable, Hashable {
            case extensionAfterDueDate = "extension-after-due-date"
            case extensionWithoutReason = "extension-without-reason"
            case alreadyExtended = "already-extended"
            case alreadyPaused = "already-paused"
            case notPaused = "not-paused"
            case beforeReceipt = "before-receipt"
        }
        public let code: Code
        public let description: String
    }

    public var received: CalendarDate
    /// When identity was confirmed; only used when it had to be asked for.
    public var identityVerified: CalendarDate?
    public var identityAskedFor: Bool
    public var pauses: [Pause]
    public var extendedOn: CalendarDate?
    public var holidays: BankHolidays

    public init(received: CalendarDate, identityAskedFor: Bool = false, identityVerified: CalendarDate? = nil,
                pauses: [Pause] = [], extendedOn: CalendarDate? = nil, holidays: BankHolidays = .englandAndWales) {
        self.received = received
        self.identityAskedFor = identityAskedFor
        self.identityVerified = identityVerified
        self.pauses = pauses
        self.extendedOn = extendedOn
        self.holidays = holidays
    }

    /// The day the month starts from, or `nil` while identity is awaited.
    public var start: CalendarDate? {
        guard identityAskedFor else { return received }
        return identityVerified.map { max($0, received) }
    }

    /// Whether the clock is stopped now: identity or clarification awaited.
    public var isPaused: Bool { start == nil || pauses.contains { $0.until == nil } }

    /// Days of the clock spent waiting for clarification, up to `today`.
    public func pausedDays(through today: CalendarDate) -> Int {
        pauses.reduce(0) { total, pause in
            let end = min(pause.until ?? today, today)
            return total + max(0, end.dayNumber - pause.from.dayNumber)
        }
    }

    /// The first due date, before any extension; `nil` while identity is awaited.
    public func firstDueDate(asOf today: CalendarDate) -> CalendarDate? {
        guard let start else { return nil }
        return workingDay(onOrAfter: start.addingMonths(1).adding(days: pausedDays(through: today)))
    }

    /// The date the answer is due now, after any extension.
    public func dueDate(asOf today: CalendarDate) -> CalendarDate? {
        guard let start else { return nil }
        let months = extendedOn == nil ? 1 : 3
        return workingDay(onOrAfter: start.addingMonths(months).adding(days: pausedDays(through: today)))
    }

    /// Calendar days left until the due date (negative once overdue).
    public func daysLeft(asOf today: CalendarDate) -> Int? {
        dueDate(asOf: today).map { $0.dayNumber - today.dayNumber }
    }

    /// The clock extended by two months, decided on `day` with `reason`.
    public func extended(on day: CalendarDate, reason: String) throws(Refusal) -> ResponseClock {
        guard extendedOn == nil else {
            throw Refusal(code: .alreadyExtended, description: "This request has already been extended; a request can be extended once, by two months.")
        }
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw Refusal(code: .extensionWithoutReason, description: "Say why the request needs longer (it is complex, or the person made several requests): the requester must be told.")
        }
        if let due = firstDueDate(asOf: day), day > due {
            throw Refusal(code: .extensionAfterDueDate,
                          description: "An extension must be decided within the first month; this request was due on \(due). Answer it now.")
        }
        var clock = self
        clock.extendedOn = day
        return clock
    }

    /// The clock stopped on `day` while the requester is asked to clarify.
    public func paused(on day: CalendarDate) throws(Refusal) -> ResponseClock {
        guard day >= received else {
            throw Refusal(code: .beforeReceipt, description: "A pause cannot start before the request was received (\(received)).")
        }
        guard !pauses.contains(where: { $0.until == nil }) else {
            throw Refusal(code: .alreadyPaused, description: "The clock is already paused: record the clarification first.")
        }
        var clock = self
        clock.pauses.append(Pause(from: day, until: nil))
        return clock
    }

    /// The clock running again from `day`, once the clarification arrived.
    public func resumed(on day: CalendarDate) throws(Refusal) -> ResponseClock {
        guard let open = pauses.firstIndex(where: { $0.until == nil }) else {
            throw Refusal(code: .notPaused, description: "The clock is not paused.")
        }
        var clock = self
        clock.pauses[open].until = max(day, pauses[open].from)
        return clock
    }

    private func workingDay(onOrAfter day: CalendarDate) -> CalendarDate {
        var day = day
        while day.weekday.isWeekend || holidays.contains(day) { day = day.adding(days: 1) }
        return day
    }
}
