/// A reminder to the DPO that a clock is about to run out or has run out:
/// a rights request's month, a breach's 48 hours for partners or 72 hours
/// for the ICO.
///
/// Use ``forRequest(reference:clock:today:)`` and
/// ``forBreach(reference:clock:now:)`` on every open request and breach;
/// a caller raises each reminder once per DPO. It reads no clock. Contract:
/// a request reminds from ``requestLeadDays`` days before its due date (not
/// while paused or awaiting identity), then once overdue; a breach reminds
/// ``breachLeadHours`` hours before each clock runs out, then once missed,
/// and stops for a clock once its step is recorded.
public struct ClockReminder: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case requestDueSoon = "rights-due-soon"
        case requestOverdue = "rights-overdue"
        case partnersDueSoon = "breach-partners-due-soon"
        case partnersMissed = "breach-partners-missed"
        case icoDueSoon = "breach-ico-due-soon"
        case icoMissed = "breach-ico-missed"
    }

    public static let requestLeadDays = 5
    public static let breachLeadHours: Int64 = 12

    public var kind: Kind
    public var message: String

    public static func forRequest(reference: String, clock: ResponseClock, today: CalendarDate) -> ClockReminder? {
        guard !clock.isPaused, let left = clock.daysLeft(asOf: today), let due = clock.dueDate(asOf: today) else { return nil }
        if left < 0 {
            return ClockReminder(kind: .requestOverdue, message: "Rights request \(reference) is overdue: it was due on \(due). Answer it now and tell the requester why it is late.")
        }
        guard left <= requestLeadDays else { return nil }
        return ClockReminder(kind: .requestDueSoon, message: "Rights request \(reference) is due on \(due) (\(left) day(s) left).")
    }

    public static func forBreach(reference: String, clock: BreachClock, now: Int64) -> [ClockReminder] {
        var reminders: [ClockReminder] = []
        if let left = clock.partnerHoursLeft(at: now) {
            if now >= clock.partnersDue {
                reminders.append(ClockReminder(kind: .partnersMissed, message: "Breach \(reference): the 48 hours to tell partners have run out. Tell them now and record why it was late."))
            } else if left < breachLeadHours {
                reminders.append(ClockReminder(kind: .partnersDueSoon, message: "Breach \(reference): \(left) hour(s) left to tell the partners involved (48-hour notice)."))
            }
        }
        if let left = clock.icoHoursLeft(at: now) {
            if now >= clock.icoDue {
                reminders.append(ClockReminder(kind: .icoMissed, message: "Breach \(reference): the 72 hours for the ICO decision have run out. Decide now and give the reason for the delay."))
            } else if left < breachLeadHours {
                reminders.append(ClockReminder(kind: .icoDueSoon, message: "Breach \(reference): \(left) hour(s) left to decide whether to report to the ICO (72 hours)."))
            }
        }
        return reminders
    }
}
