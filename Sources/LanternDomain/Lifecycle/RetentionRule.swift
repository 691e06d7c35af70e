/// One line of the retention schedule: how long one partner keeps one class
/// of record, counted from which date, and what happens when the time is up.
///
/// Use it inside a ``RetentionRuleSet``, which is validated and versioned
/// whole. Contract: a rule is about one record class and one owning partner
/// (or every partner, `*`, for the partnership's defaults); a partner's own
/// rule for a class wins over the default.
public struct RetentionRule: Sendable, Hashable, Codable {
    /// The date the period runs from.
    public enum Trigger: String, Sendable, Hashable, Codable, CaseIterable {
        /// When Lantern first received the record.
        case received
        /// The record's last action (an event's last action or occurrence, a
        /// service's end, a person record's latest such date).
        case lastAction = "last-action"
        /// The case's closure; a record not yet closed is never due.
        case caseClosure = "case-closure"
        /// The subject's date of birth (children's records: 75 years).
        case dateOfBirth = "date-of-birth"
        /// The subject's 18th birthday.
        case eighteenthBirthday = "eighteenth-birthday"
        /// The subject's date of death; a record of someone not known to have died is never due.
        case dateOfDeath = "date-of-death"

        public var label: String {
            switch self {
            case .received: "received"
            case .lastAction: "last action"
            case .caseClosure: "case closure"
            case .dateOfBirth: "date of birth"
            case .eighteenthBirthday: "18th birthday"
            case .dateOfDeath: "date of death"
            }
        }
    }

    /// What is done when the period ends.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// Securely destroyed, with a certificate.
        case destroy
        /// Reviewed by the owning partner's records officer, who may dispose (MoPI-style review).
        case review
        /// Given back to the partner that supplied it (in the import format), then removed.
        case returnToSource = "return-to-source"
    }

    /// `people`, `involvements`, `events:<category>`, `access-requests` or `notifications`.
    public var recordClass: String
    /// The owning partner's slug, or `*` for every partner without a rule of its own.
    public var partner: String
    /// Missing in a submitted rule is a problem the set reports, not a decoding error.
    public var trigger: Trigger?
    public var years: Int
    public var months: Int
    public var action: Action
    /// The basis in words: the statute, guidance or seed the period comes from.
    public var basis: String

    public init(recordClass: String, partner: String = "*", trigger: Trigger?, years: Int, months: Int = 0,
                action: Action, basis: String) {
        self.recordClass = recordClass
        self.partner = partner
        self.trigger = trigger
        self.years = years
        self.months = months
        self.action = action
        self.basis = basis
    }

    enum CodingKeys: String, CodingKey { case recordClass, partner, trigger, years, months, action, basis }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recordClass = try container.decode(String.self, forKey: .recordClass)
        partner = try container.decodeIfPresent(String.self, forKey: .partner) ?? "*"
        trigger = try container.decodeIfPresent(Trigger.self, forKey: .trigger)
        years = try container.decodeIfPresent(Int.self, forKey: .years) ?? 0
        months = try container.decodeIfPresent(Int.self, forKey: .months) ?? 0
        action = try container.decode(Action.self, forKey: .action)
        basis = try container.decodeIfPresent(String.self, forKey: .basis) ?? ""
    }

    /// The period in words: "6 years", "1 year 6 months".
    public var periodText: String {
        var parts: [String] = []
        if years != 0 { parts.append("\(years) year\(years == 1 ? "" : "s")") }
        if months != 0 || years == 0 { parts.append("\(months) month\(months == 1 ? "" : "s")") }
        return parts.joined(separator: " ")
    }

    /// The day the record is due, from its dates; nil when the trigger's date
    /// is not known (an open case, a living subject, an unknown birth date).
    public func dueOn(_ dates: RetentionDates) -> CalendarDate? {
        guard let trigger else { return nil }
        let start: CalendarDate?
        switch trigger {
        case .received: start = dates.received
        case .lastAction: start = dates.lastAction ?? dates.received
        case .caseClosure: start = dates.closed
        case .dateOfBirth: start = dates.dateOfBirth
        case .eighteenthBirthday: start = dates.dateOfBirth?.addingMonths(18 * 12)
        case .dateOfDeath: start = dates.dateOfDeath
        }
        return start?.addingMonths(years * 12 + months)
    }
}

/// The dates a retention trigger can run from, for one record.
public struct RetentionDates: Sendable, Hashable {
    public var received: CalendarDate
    public var lastAction: CalendarDate?
    public var closed: CalendarDate?
    public var dateOfBirth: CalendarDate?
    public var dateOfDeath: CalendarDate?

    public init(received: CalendarDate, lastAction: CalendarDate? = nil, closed: CalendarDate? = nil,
                dateOfBirth: CalendarDate? = nil, dateOfDeath: CalendarDate? = nil) {
        self.received = received
        self.lastAction = lastAction
        self.closed = closed
        self.dateOfBirth = dateOfBirth
        self.dateOfDeath = dateOfDeath
    }
}
