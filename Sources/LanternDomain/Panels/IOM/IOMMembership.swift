/// One person's membership of the Integrated Offender Management cohort:
/// why and when they were selected and de-selected, their reviews and what
/// they did (compliance events).
///
/// Use ``select(person:cohort:on:reason:settings:)`` to build one; the
/// cohorts and the review cadence are the area's data (``IOMSettings``),
/// since the national cohort wording (fixed, flex, free) varies by area.
/// Contract: selection and de-selection each need a reason; de-selection
/// comes on or after selection and happens once; a review is due every
/// `reviewEveryDays` from the later of selection and the last review.
public struct IOMMembership: Sendable, Hashable, Codable {
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var field: String
        public var description: String
    }

    public var person: String
    public var cohort: String
    public var selectedOn: CalendarDate
    public var selectionReason: String
    public var deselectedOn: CalendarDate?
    public var deselectionReason: String?
    public var reviewEveryDays: Int
    public var reviews: [CalendarDate]
    public var compliance: [IOMComplianceEvent]

    /// A membership as stored; use ``select(person:cohort:on:reason:settings:)`` for a new one.
    public init(person: String, cohort: String, selectedOn: CalendarDate, selectionReason: String, deselectedOn: CalendarDate?,
                deselectionReason: String?, reviewEveryDays: Int, reviews: [CalendarDate], compliance: [IOMComplianceEvent]) {
        self.person = person
        self.cohort = cohort
        self.selectedOn = selectedOn
        self.selectionReason = selectionReason
        self.deselectedOn = deselectedOn
        self.deselectionReason = deselectionReason
        self.reviewEveryDays = reviewEveryDays
        self.reviews = reviews
        self.compliance = compliance
    }

    public static func select(person: String, cohort: String, on day: CalendarDate, reason: String, settings: IOMSettings) throws -> IOMMembership {
        guard settings.cohorts.contains(cohort) else {
            throw Problem(field: "cohort", description: "cohort: choose one of \(settings.cohorts.joined(separator: ", "))")
        }
        let reason = reason.trimmingSpaces()
        guard !reason.isEmpty else { throw Problem(field: "reason", description: "reason: say why the panel selected this person") }
        return IOMMembership(person: person, cohort: cohort, selectedOn: day, selectionReason: reason, deselectedOn: nil,
                             deselectionReason: nil, reviewEveryDays: settings.reviewEveryDays, reviews: [], compliance: [])
    }

    public func deselected(on day: CalendarDate, reason: String) throws -> IOMMembership {
        guard deselectedOn == nil else { throw Problem(field: "deselectedOn", description: "already de-selected on \(deselectedOn!)") }
        guard day >= selectedOn else { throw Problem(field: "on", description: "on: de-selection cannot come before selection (\(selectedOn))") }
        let reason = reason.trimmingSpaces()
        guard !reason.isEmpty else { throw Problem(field: "reason", description: "reason: say why the panel de-selected this person") }
        var copy = self
        copy.deselectedOn = day
        copy.deselectionReason = reason
        return copy
    }

    public var isActive: Bool { deselectedOn == nil }

    /// Nil once de-selected.
    public var nextReviewDue: CalendarDate? {
        guard isActive else { return nil }
        return (reviews.max() ?? selectedOn).adding(days: reviewEveryDays)
    }

    public func isReviewOverdue(on day: CalendarDate) -> Bool { nextReviewDue.map { day > $0 } ?? false }

    /// Where the person is on `day`, from the latest custody event up to it.
    public func status(on day: CalendarDate) -> IOMStatus {
        let custody = compliance.filter { $0.on <= day && [.recalled, .remanded, .released].contains($0.kind) }
            .max { ($0.on, $0.kind.rawValue) < ($1.on, $1.kind.rawValue) }
        switch custody?.kind {
        case .recalled: return .recalled
        case .remanded: return .inCustody
        default: return .community
        }
    }

    /// Appointments kept out of appointments due, nil when none were due.
    public var appointmentsKept: (kept: Int, due: Int)? {
        let kept = compliance.filter { $0.kind == .appointmentKept }.count
        let missed = compliance.filter { $0.kind == .appointmentMissed }.count
        return kept + missed == 0 ? nil : (kept, kept + missed)
    }
}

/// The area's IOM settings: its cohorts and how often members are reviewed.
public struct IOMSettings: Sendable, Hashable, Codable {
    public var cohorts: [String]
    public var reviewEveryDays: Int

    public init(cohorts: [String], reviewEveryDays: Int) {
        self.cohorts = cohorts
        self.reviewEveryDays = reviewEveryDays
    }

    /// The 2020 neighbourhood-crime strategy's wording, unverified here: areas edit it.
    public static let standard = IOMSettings(cohorts: ["fixed", "flex", "free"], reviewEveryDays: 28)
}

/// Something an IOM member did or that happened to them.
public struct IOMComplianceEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case appointmentKept = "appointment-kept", appointmentMissed = "appointment-missed"
        case drugTestNegative = "drug-test-negative", drugTestPositive = "drug-test-positive"
        case licenceBreach = "licence-breach", arrested, recalled, remanded, released
    }

    public var on: CalendarDate
    public var kind: Kind
    public var note: String

    public init(on: CalendarDate, kind: Kind, note: String = "") {
        self.on = on
        self.kind = kind
        self.note = note
    }
}

public enum IOMStatus: String, Sendable, Hashable, Codable {
    case community, recalled, inCustody = "in-custody"
}
