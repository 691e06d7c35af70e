/// The kinds of multi-agency risk panel a partnership runs.
///
/// Use it to tag a panel area's configuration; what differs between kinds
/// (instrument, thresholds, who attends) is data in ``PanelAreaConfiguration``,
/// not code. Contract: raw values are stored and never renamed.
public enum PanelKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Multi-agency risk assessment conference: high-risk domestic abuse victims.
    case marac
    /// Multi-agency tasking and coordination: domestic abuse perpetrators.
    case matac
    /// Community MARAC / community risk panel: high-risk anti-social behaviour.
    case communityRiskPanel = "community-risk-panel"
    /// ASB case review (the Community Trigger), ASB, Crime and Policing Act 2014 s104.
    case asbCaseReview = "asb-case-review"
    /// Integrated offender management.
    case iom
    /// Missing and child exploitation panel (MACE / MASE).
    case exploitation

    /// Words for pages.
    public var label: String {
        switch self {
        case .marac: "MARAC"
        case .matac: "MATAC"
        case .communityRiskPanel: "Community risk panel"
        case .asbCaseReview: "ASB case review"
        case .iom: "Integrated offender management"
        case .exploitation: "Exploitation panel"
        }
    }

    /// Whose risk the panel's cases centre on.
    public var subject: String {
        switch self {
        case .marac: "victim"
        case .matac: "perpetrator"
        case .communityRiskPanel, .asbCaseReview: "victim of anti-social behaviour"
        case .iom: "offender"
        case .exploitation: "child"
        }
    }
}
