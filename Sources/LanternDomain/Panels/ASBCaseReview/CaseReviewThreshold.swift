/// Whether an application for an ASB case review meets the threshold, with
/// each complaint's part in the answer.
///
/// Contract: pure. A complaint counts when its incident falls in the window
/// (the `windowMonths` before the application, up to the application day)
/// and it was reported within `reportWithinMonths` of the incident. Reports
/// of the same incident (same day) to several agencies are one incident: the
/// threshold asks for separate incidents. Every complaint not counted says why.
public struct CaseReviewThreshold: Sendable, Hashable {
    public struct Excluded: Sendable, Hashable {
        public var complaint: ASBComplaint
        public var reason: String
    }

    public var met: Bool
    public var counted: [ASBComplaint]
    public var excluded: [Excluded]
    public var separateIncidents: Int
    public var hateIncidents: Int
    public var explanation: String

    public init(complaints: [ASBComplaint], rules: CaseReviewRules, appliedOn: CalendarDate) {
        let windowStart = appliedOn.addingMonths(-rules.windowMonths)
        var counted: [ASBComplaint] = [], excluded: [Excluded] = []
        var incidentDays: Set<CalendarDate> = []
        for complaint in complaints.sorted(by: { ($0.incidentOn, $0.agency, $0.reference) < ($1.incidentOn, $1.agency, $1.reference) }) {
            if complaint.incidentOn > appliedOn {
                excluded.append(.init(complaint: complaint, reason: "the incident is after the application"))
            } else if complaint.incidentOn <= windowStart {
                excluded.append(.init(complaint: complaint, reason: "the incident is more than \(rules.windowMonths) months before the application"))
            } else if complaint.reportedOn < complaint.incidentOn {
                excluded.append(.init(complaint: complaint, reason: "reported before the incident date: check the dates"))
            } else if complaint.reportedOn > complaint.incidentOn.addingMonths(rules.reportWithinMonths) {
                excluded.append(.init(complaint: complaint, reason: "reported more than \(rules.reportWithinMonths) month\(rules.reportWithinMonths == 1 ? "" : "s") after the incident"))
            } else if !incidentDays.insert(complaint.incidentOn).inserted {
                excluded.append(.init(complaint: complaint, reason: "the same incident as another report (\(complaint.incidentOn)), counted once"))
            } else {
                counted.append(complaint)
            }
        }
        self.counted = counted
        self.excluded = excluded
        separateIncidents = counted.count
        let hate = counted.filter(\.isHateIncident).count
        hateIncidents = hate
        let byHate = rules.hateIncidents.map { hate >= $0 } ?? false
        let met = counted.count >= rules.complaints || byHate
        self.met = met
        var words = "\(counted.count) separate incident\(counted.count == 1 ? "" : "s") reported in time in the \(rules.windowMonths) months before \(appliedOn); the threshold is \(rules.complaints)"
        if let needed = rules.hateIncidents { words += ", or \(needed) hate incident\(needed == 1 ? "" : "s") (\(hate) found)" }
        explanation = words + (met ? ". The threshold is met." : ". The threshold is not met.")
    }
}
