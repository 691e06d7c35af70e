/// A MARAC referral as submitted: the people (from linkage), the DASH it
/// came from, what the victim knows and wants, and the evidence for each
/// referral route.
///
/// Build it prefilled from a DASH and the linked records, let the referrer
/// add what only they know, then ask ``check(in:)``. Contract: a referral
/// with any problem is returned to the referrer with every problem named;
/// one with none has at least one ``ReferralRoute``.
public struct MaracReferral: Sendable, Codable, Hashable {
    public var victim: String
    public var perpetrators: [String]
    public var children: [String]
    public var referrer: String
    public var partner: String
    public var referredOn: CalendarDate
    public var dash: DASHScore?
    /// Why the referrer judges the risk high when the count alone does not.
    public var judgementReason: String
    /// Domestic-abuse events about the victim across partners in the escalation window.
    public var recentEvents: Int
    /// The last MARAC referral about this victim and perpetrator, if any.
    public var lastReferral: CalendarDate?
    /// Has the victim been told of the referral? `nil` until answered.
    public var victimTold: Bool?
    public var whyNotTold: String
    public var victimWishes: String

    public init(victim: String, perpetrators: [String], children: [String], referrer: String, partner: String,
                referredOn: CalendarDate, dash: DASHScore?, judgementReason: String = "", recentEvents: Int = 0,
                lastReferral: CalendarDate? = nil, victimTold: Bool? = nil, whyNotTold: String = "", victimWishes: String = "") {
        self.victim = victim
        self.perpetrators = perpetrators
        self.children = children
        self.referrer = referrer
        self.partner = partner
        self.referredOn = referredOn
        self.dash = dash
        self.judgementReason = judgementReason
        self.recentEvents = recentEvents
        self.lastReferral = lastReferral
        self.victimTold = victimTold
        self.whyNotTold = whyNotTold
        self.victimWishes = victimWishes
    }

    /// The routes this referral meets and what is missing, under `area`'s thresholds.
    public func check(in area: PanelAreaConfiguration) -> ReferralCheck {
        var routes: [ReferralRoute] = []
        if let dash, dash.count >= area.dashHighThreshold { routes.append(.visibleHighRisk(count: dash.count)) }
        if !judgementReason.isBlank { routes.append(.professionalJudgement(reason: judgementReason)) }
        if recentEvents >= area.escalationEvents {
            routes.append(.escalation(events: recentEvents, months: area.escalationWindowMonths))
        }
        if let lastReferral, RepeatRule(windowMonths: area.repeatWindowMonths).isRepeat(eventOn: referredOn, lastReferral: lastReferral) {
            routes.append(.repeat(lastReferral: lastReferral))
        }
        var missing: [PanelFieldProblem] = []
        if victim.isBlank { missing.append(.init(field: "victim", message: "name the victim")) }
        if perpetrators.isEmpty { missing.append(.init(field: "perpetrator", message: "name the person causing harm (or record them as unknown)")) }
        if referrer.isBlank { missing.append(.init(field: "referrer", message: "name the referrer")) }
        switch victimTold {
        case nil: missing.append(.init(field: "victimTold", message: "say whether the victim has been told of the referral"))
        case false? where whyNotTold.isBlank:
            missing.append(.init(field: "whyNotTold", message: "say why the victim has not been told of the referral"))
        default: break
        }
        if victimWishes.isBlank { missing.append(.init(field: "victimWishes", message: "record what the victim wants from the MARAC")) }
        if dash?.raisedByJudgement == true && judgementReason.isBlank {
            missing.append(.init(field: "judgementReason", message: "professional judgement raised the level: give the reason"))
        }
        if routes.isEmpty && missing.allSatisfy({ $0.field != "judgementReason" }) {
            missing.append(.init(field: "route", message: "the referral meets no route: DASH count \(dash?.count ?? 0) is below "
                + "\(area.dashHighThreshold), \(recentEvents) domestic-abuse events in \(area.escalationWindowMonths) months is below "
                + "\(area.escalationEvents), and it is not a repeat; give a reason for professional judgement"))
        }
        return ReferralCheck(routes: routes, missing: missing)
    }
}

/// Why a case meets the MARAC criteria (SafeLives referral routes).
public enum ReferralRoute: Sendable, Codable, Hashable, CustomStringConvertible {
    case visibleHighRisk(count: Int)
    case professionalJudgement(reason: String)
    case escalation(events: Int, months: Int)
    case `repeat`(lastReferral: CalendarDate)

    public var code: String {
        switch self {
        case .visibleHighRisk: "visible-high-risk"
        case .professionalJudgement: "professional-judgement"
        case .escalation: "escalation"
        case .repeat: "repeat"
        }
    }

    public var description: String {
        switch self {
        case .visibleHighRisk(let count): "Visible high risk: DASH count \(count)"
        case .professionalJudgement(let reason): "Professional judgement: \(reason)"
        case .escalation(let events, let months): "Escalation: \(events) domestic-abuse events in \(months) months"
        case .repeat(let last): "Repeat: last referred \(last)"
        }
    }
}

/// The routes a referral meets and what must be added before it can be accepted.
public struct ReferralCheck: Sendable, Codable, Hashable {
    public var routes: [ReferralRoute]
    public var missing: [PanelFieldProblem]

    public var isComplete: Bool { missing.isEmpty && !routes.isEmpty }

    public init(routes: [ReferralRoute], missing: [PanelFieldProblem]) {
        self.routes = routes
        self.missing = missing
    }
}
