/// A notice to practitioners that a new event about a household crossed an
/// alert rule.
///
/// Produced by ``AlertRuleSet/alerts(for:in:)``; delivering and storing it is
/// the caller's job (an automated IT notification under the agreement).
/// Contract: `events` starts with the new event, then the earlier events that
/// counted towards the rule, newest first.
public struct Alert: Sendable, Hashable, Codable {
    public var ruleID: String
    public var householdID: String
    /// The person the new event is about.
    public var personID: String
    public var message: String
    public var events: [HouseholdEvent]

    public init(ruleID: String, householdID: String, personID: String, message: String, events: [HouseholdEvent]) {
        self.ruleID = ruleID
        self.householdID = householdID
        self.personID = personID
        self.message = message
        self.events = events
    }
}
