/// A meeting's minutes, versioned: once published, an edit makes a new
/// version and the published one stands as it was.
///
/// Contract: ``editing(to:)`` never changes a published version's text.
public struct MeetingMinutes: Sendable, Codable, Hashable {
    public var version: Int
    public var text: String
    public var publishedOn: CalendarDate?

    public init(version: Int = 1, text: String, publishedOn: CalendarDate? = nil) {
        self.version = version
        self.text = text
        self.publishedOn = publishedOn
    }

    public var isPublished: Bool { publishedOn != nil }

    /// The minutes after an edit: the same draft changed, or, after
    /// publication, a new unpublished version.
    public func editing(to text: String) -> MeetingMinutes {
        isPublished ? MeetingMinutes(version: version + 1, text: text) : MeetingMinutes(version: version, text: text)
    }

    /// The day minutes are due: `workingDays` working days after the meeting,
    /// skipping weekends and bank holidays in England and Wales.
    public static func due(after meeting: CalendarDate, workingDays: Int, holidays: BankHolidays = .englandAndWales) -> CalendarDate {
        var day = meeting
        var left = workingDays
        while left > 0 {
            day = day.adding(days: 1)
            if !day.weekday.isWeekend && !holidays.contains(day) { left -= 1 }
        }
        return day
    }
}

/// How someone is recorded in a meeting's attendance register.
public enum AttendanceRole: String, Sendable, Codable, CaseIterable, Hashable {
    case present, observer, apologies
    case informationOnly = "information-only"

    public var label: String {
        switch self {
        case .informationOnly: "Information only"
        default: rawValue.initialCapital
        }
    }

    /// Those in the room, who see the papers once they accept the statement.
    public var attends: Bool { self == .present || self == .observer }
}

/// Whether a partner may be added to a panel meeting: only parties to the
/// panel's agreement who signed its operating protocol.
public enum AttendeeEligibility {
    /// `nil` when eligible; otherwise the refusal to show, naming the partner.
    public static func refusal(partner: String, partnerName: String, area: PanelAreaConfiguration,
                               agreementParties: Set<String>) -> PanelFieldProblem? {
        if agreementParties.contains(partner) && area.signatories.contains(partner) { return nil }
        return PanelFieldProblem(field: "partner", message: "\(partnerName) is not a party to \(area.agreementTitle) for "
            + "\(area.name), so it cannot attend or see the papers. Its information can come through an attending partner, "
            + "or the partnership can add it to the agreement and the panel's operating protocol.")
    }
}
