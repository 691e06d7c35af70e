/// One panel area's settings as versioned data: the thresholds, service
/// levels, attending partners, governing agreement and retention class.
///
/// Use ``standard(kind:slug:name:)`` for a new area and store every change as
/// a new version (``revised(by:)``); cases and meetings record the version
/// they were decided under. Contract: ``problems`` is empty for a usable
/// configuration; thresholds are never constants in code.
public struct PanelAreaConfiguration: Sendable, Codable, Hashable {
    public var slug: String
    public var name: String
    public var kind: PanelKind
    public var version: Int
    /// DASH "yes" count at or above which the risk is high (visible high risk).
    public var dashHighThreshold: Int
    /// DASH "yes" count at or above which the risk is medium.
    public var dashMediumThreshold: Int
    /// Domestic-abuse events across partners that make a potential escalation.
    public var escalationEvents: Int
    public var escalationWindowMonths: Int
    /// A new event within this many months of the last referral is a repeat.
    public var repeatWindowMonths: Int
    /// Service levels in days.
    public var referralToListingDays: Int
    public var minutesWorkingDays: Int
    public var actionDefaultDueDays: Int
    /// Partners that attend and research every case (slugs).
    public var attendingPartners: [String]
    /// Partners that signed the panel's operating protocol; with the
    /// agreement, they decide who may attend.
    public var signatories: [String]
    /// The agreement that governs the panel's sharing, by title; only its
    /// parties may attend.
    public var agreementTitle: String
    public var retentionClass: String
    public var confidentialityStatement: ConfidentialityStatement

    public init(slug: String, name: String, kind: PanelKind, version: Int = 1, dashHighThreshold: Int = 14,
                dashMediumThreshold: Int = 10, escalationEvents: Int = 3, escalationWindowMonths: Int = 12,
                repeatWindowMonths: Int = 12, referralToListingDays: Int = 14, minutesWorkingDays: Int = 3,
                actionDefaultDueDays: Int = 14, attendingPartners: [String], signatories: [String]? = nil, agreementTitle: String,
                retentionClass: String, confidentialityStatement: ConfidentialityStatement) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.version = version
        self.dashHighThreshold = dashHighThreshold
        self.dashMediumThreshold = dashMediumThreshold
        self.escalationEvents = escalationEvents
        self.escalationWindowMonths = escalationWindowMonths
        self.repeatWindowMonths = repeatWindowMonths
        self.referralToListingDays = referralToListingDays
        self.minutesWorkingDays = minutesWorkingDays
        self.actionDefaultDueDays = actionDefaultDueDays
        self.attendingPartners = attendingPartners
        self.signatories = signatories ?? attendingPartners
        self.agreementTitle = agreementTitle
        self.retentionClass = retentionClass
        self.confidentialityStatement = confidentialityStatement
    }

    /// What is wrong with the settings, each naming its field; empty when usable.
    public var problems: [PanelFieldProblem] {
        var found: [PanelFieldProblem] = []
        if slug.isEmpty || !slug.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
            found.append(.init(field: "slug", message: "use lowercase letters, digits and hyphens"))
        }
        if name.isBlank { found.append(.init(field: "name", message: "give the area a name")) }
        if !(1...DASHInstrument.maximumQuestions).contains(dashHighThreshold) {
            found.append(.init(field: "dashHighThreshold", message: "must be between 1 and \(DASHInstrument.maximumQuestions)"))
        }
        if !(1...dashHighThreshold).contains(dashMediumThreshold) || dashMediumThreshold == dashHighThreshold {
            found.append(.init(field: "dashMediumThreshold", message: "must be at least 1 and below the high threshold"))
        }
        for (field, value) in [("escalationEvents", escalationEvents), ("escalationWindowMonths", escalationWindowMonths),
                               ("repeatWindowMonths", repeatWindowMonths), ("referralToListingDays", referralToListingDays),
                               ("minutesWorkingDays", minutesWorkingDays), ("actionDefaultDueDays", actionDefaultDueDays)]
        where value < 1 {
            found.append(.init(field: field, message: "must be 1 or more"))
        }
        if attendingPartners.isEmpty { found.append(.init(field: "attendingPartners", message: "name at least one attending partner")) }
        if let outside = attendingPartners.first(where: { !signatories.contains($0) }) {
            found.append(.init(field: "attendingPartners", message: "\(outside) attends but has not signed the operating protocol"))
        }
        if agreementTitle.isEmpty { found.append(.init(field: "agreementTitle", message: "name the agreement that governs the panel")) }
        if confidentialityStatement.text.isBlank {
            found.append(.init(field: "confidentialityStatement", message: "write the statement attendees accept"))
        }
        return found
    }

    /// The next version after applying `change`; the version number always advances.
    public func revised(by change: (inout PanelAreaConfiguration) -> Void) -> PanelAreaConfiguration {
        var next = self
        change(&next)
        next.version = version + 1
        return next
    }

    /// A new area with the researched defaults for its kind: DASH high at 14,
    /// escalation at 3 events in 12 months, repeats within 12 months, minutes
    /// within 3 working days (SafeLives; Derbyshire MARAC protocol).
    public static func standard(kind: PanelKind, slug: String, name: String, attendingPartners: [String],
                                signatories: [String]? = nil, agreementTitle: String) -> PanelAreaConfiguration {
        PanelAreaConfiguration(
            slug: slug, name: name, kind: kind, attendingPartners: attendingPartners, signatories: signatories,
            agreementTitle: agreementTitle,
            retentionClass: kind == .iom ? "iom-close-plus-6y-review" : "panel-last-action-plus-6y",
            confidentialityStatement: .standard)
    }
}

/// The statement each attendee accepts before a meeting's case papers open.
public struct ConfidentialityStatement: Sendable, Codable, Hashable {
    public var version: Int
    public var text: String

    public init(version: Int, text: String) {
        self.version = version
        self.text = text
    }

    public static let standard = ConfidentialityStatement(version: 1, text: """
        Information shared at this meeting is confidential. It is shared only to protect people at risk, \
        under the partnership's information sharing agreement. I will use it only for the actions agreed, \
        keep it secure, not pass it on without the owning agency's agreement, and mark my opinions as opinions.
        """)
}

/// One problem with a submitted form, naming the field to fix.
public struct PanelFieldProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
