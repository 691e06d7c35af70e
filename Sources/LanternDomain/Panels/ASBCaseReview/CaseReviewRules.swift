/// The local rules of the ASB case review (the Community Trigger, Anti-social
/// Behaviour, Crime and Policing Act 2014 s104): the threshold and the
/// clocks, as data an area sets, kept with each review so it can be read
/// against the rules it was decided under.
///
/// Contract: ``standard`` is the common threshold (3 complaints about
/// separate incidents in the 6 months before the application, each reported
/// within a month of the incident) and the common service levels
/// (acknowledge within 10 working days, decide within 15, meet within 20 of
/// the decision). Usable only when ``problems()`` is empty.
public struct CaseReviewRules: Sendable, Hashable, Codable {
    public var complaints: Int
    public var windowMonths: Int
    /// Each complaint must be reported within this many months of its incident.
    public var reportWithinMonths: Int
    /// When set, this many hate incidents in the window meet the threshold on their own (a local addition).
    public var hateIncidents: Int?
    public var acknowledgeWorkingDays: Int
    public var decideWorkingDays: Int
    /// Counted from the threshold decision.
    public var meetWorkingDays: Int

    public init(complaints: Int, windowMonths: Int, reportWithinMonths: Int, hateIncidents: Int?,
                acknowledgeWorkingDays: Int, decideWorkingDays: Int, meetWorkingDays: Int) {
        self.complaints = complaints
        self.windowMonths = windowMonths
        self.reportWithinMonths = reportWithinMonths
        self.hateIncidents = hateIncidents
        self.acknowledgeWorkingDays = acknowledgeWorkingDays
        self.decideWorkingDays = decideWorkingDays
        self.meetWorkingDays = meetWorkingDays
    }

    public static let standard = CaseReviewRules(complaints: 3, windowMonths: 6, reportWithinMonths: 1, hateIncidents: nil,
                                                 acknowledgeWorkingDays: 10, decideWorkingDays: 15, meetWorkingDays: 20)

    /// Each problem as "field: reason"; empty when usable.
    public func problems() -> [String] {
        var found: [String] = []
        if complaints < 1 { found.append("complaints: at least 1") }
        if windowMonths < 1 { found.append("windowMonths: at least 1") }
        if reportWithinMonths < 1 { found.append("reportWithinMonths: at least 1") }
        if let hate = hateIncidents, hate < 1 { found.append("hateIncidents: at least 1, or leave it out") }
        for (field, days) in [("acknowledgeWorkingDays", acknowledgeWorkingDays), ("decideWorkingDays", decideWorkingDays),
                              ("meetWorkingDays", meetWorkingDays)] where days < 1 {
            found.append("\(field): at least 1 working day")
        }
        if decideWorkingDays < acknowledgeWorkingDays { found.append("decideWorkingDays: cannot come before the acknowledgement") }
        return found
    }
}

/// One report of anti-social behaviour (or a hate incident) made to an
/// agency, matched to the victim across partners.
public struct ASBComplaint: Sendable, Hashable, Codable {
    public var agency: String
    public var reference: String
    public var incidentOn: CalendarDate
    public var reportedOn: CalendarDate
    public var isHateIncident: Bool

    public init(agency: String, reference: String, incidentOn: CalendarDate, reportedOn: CalendarDate, isHateIncident: Bool = false) {
        self.agency = agency
        self.reference = reference
        self.incidentOn = incidentOn
        self.reportedOn = reportedOn
        self.isHateIncident = isHateIncident
    }
}
