/// A written directive that suspends disposal, even after a record's
/// retention period has run out: an inquiry (IICSA, Inquiries Act 2005 s35),
/// litigation, a complaint, an open rights request or an ICO investigation.
///
/// Use ``covers(_:on:)`` before disposing of anything. Contract: a hold
/// covers an item when the day is within its start and (optional) end and
/// the item falls in its scope; a lifted hold covers nothing.
public struct LegalHold: Sendable, Hashable, Codable {
    public enum Issuer: String, Sendable, Hashable, Codable, CaseIterable {
        case inquiry, litigation, complaint
        case rightsRequest = "rights-request"
        case icoInvestigation = "ico-investigation"

        public var label: String {
            switch self {
            case .inquiry: "Inquiry"
            case .litigation: "Litigation"
            case .complaint: "Complaint"
            case .rightsRequest: "Open rights request"
            case .icoInvestigation: "ICO investigation"
            }
        }
    }

    /// What the hold reaches.
    public enum Scope: Sendable, Hashable, Codable {
        case person(String)
        case household(String)
        case partner(String)
        case recordClass(String)
        /// Items whose own date (occurrence, or receipt) falls within the range, inclusive.
        case dateRange(from: CalendarDate, to: CalendarDate)

        public var label: String {
            switch self {
            case .person(let id): "person \(id)"
            case .household(let id): "household \(id)"
            case .partner(let slug): "everything held by \(slug)"
            case .recordClass(let code): RecordClass.label(code)
            case .dateRange(let from, let to): "records dated \(from) to \(to)"
            }
        }
    }

    public var reference: String
    public var issuer: Issuer
    public var reason: String
    public var scope: Scope
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate?
    public var liftedOn: CalendarDate?

    public init(reference: String, issuer: Issuer, reason: String, scope: Scope, startsOn: CalendarDate,
                endsOn: CalendarDate? = nil, liftedOn: CalendarDate? = nil) {
        self.reference = reference
        self.issuer = issuer
        self.reason = reason
        self.scope = scope
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.liftedOn = liftedOn
    }

    /// Whether the hold is in force on `day`.
    public func inForce(on day: CalendarDate) -> Bool {
        if let liftedOn, liftedOn <= day { return false }
        if let endsOn, endsOn < day { return false }
        return startsOn <= day
    }

    /// Whether the hold keeps `item` on `day`.
    public func covers(_ item: HoldableItem, on day: CalendarDate) -> Bool {
        guard inForce(on: day) else { return false }
        switch scope {
        case .person(let id): return item.person == id
        case .household(let id): return item.household == id
        case .partner(let slug): return item.partner == slug
        case .recordClass(let code): return item.recordClass == code
        case .dateRange(let from, let to): return item.dated.map { from <= $0 && $0 <= to } ?? false
        }
    }

    /// Why a hold cannot be placed; empty when it can.
    public func problems() -> [String] {
        var problems: [String] = []
        if reference.allSatisfy(\.isWhitespace) { problems.append("Give the hold's reference (the inquiry's, court's or ICO's).") }
        if reason.filter({ !$0.isWhitespace }).count < 5 { problems.append("Say why the records must be kept (at least 5 characters).") }
        if let endsOn, endsOn < startsOn { problems.append("The hold cannot end (\(endsOn)) before it starts (\(startsOn)).") }
        if case .dateRange(let from, let to) = scope, to < from { problems.append("The date range ends before it starts.") }
        return problems
    }
}

/// What a hold is checked against: one record and whom it is about.
public struct HoldableItem: Sendable, Hashable {
    public var partner: String
    public var recordClass: String
    public var person: String?
    public var household: String?
    public var dated: CalendarDate?

    public init(partner: String, recordClass: String, person: String?, household: String?, dated: CalendarDate?) {
        self.partner = partner
        self.recordClass = recordClass
        self.person = person
        self.household = household
        self.dated = dated
    }
}
