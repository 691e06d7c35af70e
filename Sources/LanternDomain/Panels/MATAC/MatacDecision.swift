/// What the panel decided about a person the MATAC list proposed, with its
/// reason: the list proposes, people decide.
///
/// Contract: a decision without a reason cannot be built; a selection names
/// at least one intervention; the score the panel saw is kept with the
/// weights version, so the decision can be read against the evidence later.
public struct MatacDecision: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case selected
        case notSelected = "not-selected"
        /// Taken off the MATAC cohort after working with them.
        case deselected

        public var label: String {
            switch self {
            case .selected: "Selected for MATAC"
            case .notSelected: "Not selected"
            case .deselected: "De-selected"
            }
        }
    }

    /// The MATAC intervention types (College of Policing practice bank).
    public enum Intervention: String, Sendable, Hashable, Codable, CaseIterable {
        case support, prevention, diversion, disruption, enforcement
    }

    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var field: String
        public var description: String
    }

    public var outcome: Outcome
    public var reason: String
    public var interventions: [Intervention]
    public var decidedOn: CalendarDate
    public var weightsVersion: Int
    public var scoreSeen: Int

    public init(outcome: Outcome, reason: String, interventions: [Intervention], decidedOn: CalendarDate,
                weightsVersion: Int, scoreSeen: Int) throws {
        let reason = reason.trimmingSpaces()
        guard !reason.isEmpty else {
            throw Problem(field: "reason", description: "reason: say why the panel decided this; it is kept with the decision")
        }
        if outcome == .selected && interventions.isEmpty {
            throw Problem(field: "interventions", description: "interventions: choose at least one of support, prevention, diversion, disruption or enforcement")
        }
        self.outcome = outcome
        self.reason = String(reason.prefix(2_000))
        self.interventions = outcome == .selected ? interventions : []
        self.decidedOn = decidedOn
        self.weightsVersion = weightsVersion
        self.scoreSeen = scoreSeen
    }
}
