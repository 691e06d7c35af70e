/// A rule that raises an alert when a new event about a household crosses it:
/// "a second missing episode in 90 days for the same child", "a domestic
/// abuse incident where children live".
///
/// Use the rules in an ``AlertRuleSet``; they are data, like need rules.
/// Contract: the new event must match `categories`, `roles` (empty: any) and
/// `ageBand` (of the person it is about, on its day). Then at least `count`
/// matching events, the new one included, must fall within some window of
/// `withinDays` days (both ends inclusive) that holds the new event, counting
/// events about the same person or, with `.household` scope, anyone in the
/// household. With `requiresChildInHousehold`, someone in the household must
/// also be under 18 on the event day.
public struct AlertRule: Sendable, Hashable, Codable {
    /// Whose events count towards `count`.
    public enum Scope: String, Sendable, Hashable, Codable {
        case samePerson = "same-person"
        case household
    }

    public var id: String
    public var categories: [EventCategory]
    public var roles: [PersonRole]
    public var ageBand: AgeBand?
    public var scope: Scope
    public var count: Int
    public var withinDays: Int
    public var requiresChildInHousehold: Bool

    public init(id: String, categories: [EventCategory], roles: [PersonRole] = [], ageBand: AgeBand? = nil,
                scope: Scope = .samePerson, count: Int = 1, withinDays: Int = 1,
                requiresChildInHousehold: Bool = false) {
        self.id = id
        self.categories = categories
        self.roles = roles
        self.ageBand = ageBand
        self.scope = scope
        self.count = count
        self.withinDays = withinDays
        self.requiresChildInHousehold = requiresChildInHousehold
    }

    /// Whether `event`, about someone in `facts`, is of the kind this rule watches.
    func matches(_ event: HouseholdEvent, in facts: HouseholdFacts) -> Bool {
        guard categories.contains(event.category), roles.isEmpty || roles.contains(event.role) else { return false }
        guard let ageBand else { return true }
        return ageBand.contains(bornOn: facts.dateOfBirth(of: event.personID), on: event.occurredOn)
    }

    /// The alert `newEvent` raises under this rule, given the facts before it, if any.
    func alert(for newEvent: HouseholdEvent, in before: HouseholdFacts) -> Alert? {
        guard matches(newEvent, in: before) else { return nil }
        let day = newEvent.occurredOn.dayNumber
        var children = 0
        if requiresChildInHousehold {
            children = before.members.filter { AgeBand.child.contains(bornOn: $0.dateOfBirth, on: newEvent.occurredOn) }.count
            guard children > 0 else { return nil }
        }
        let earlier = before.events.filter { other in
            other.eventID != newEvent.eventID
                && (scope == .household || other.personID == newEvent.personID)
                && abs(other.occurredOn.dayNumber - day) <= withinDays
                && matches(other, in: before)
        }
        // Slide a window of `withinDays` over the matching days, keeping it over the new event.
        var best: [HouseholdEvent] = []
        for start in [newEvent.occurredOn.dayNumber] + earlier.map(\.occurredOn.dayNumber)
        where start <= day && start >= day - withinDays {
            let inside = earlier.filter { (start...(start + withinDays)).contains($0.occurredOn.dayNumber) }
            if inside.count > best.count { best = inside }
        }
        guard best.count + 1 >= count else { return nil }
        let events = [newEvent] + best.sorted(by: RuleFinding.newestFirst)
        return Alert(ruleID: id, householdID: before.householdID, personID: newEvent.personID,
                     message: message(newEvent, total: events.count, children: children), events: events)
    }

    private func message(_ event: HouseholdEvent, total: Int, children: Int) -> String {
        let name = event.category.evidenceName
        var text = name.prefix(1).uppercased() + name.dropFirst() + " on \(event.occurredOn) (\(event.partner))"
        if count > 1 {
            let who = scope == .household ? "the household" : (ageBand == .child ? "the same child" : "the same person")
            let kinds = categories.count == 1 ? event.category.counted(total) : "\(total) events of this kind"
            text += ": \(kinds) in \(withinDays) days for \(who)"
        }
        if requiresChildInHousehold {
            text += children == 1 ? ", in a household with a child under 18" : ", in a household with \(children) children under 18"
        }
        return text
    }

    /// Everything wrong with this rule on its own.
    public func problems() -> [RuleSetProblem] {
        var found: [RuleSetProblem] = []
        if id.allSatisfy(\.isWhitespace) {
            found.append(.init(code: .blankRuleID, ruleID: id, field: "id", value: id, reason: "give the rule an id"))
        }
        if categories.isEmpty {
            found.append(.init(code: .noCategories, ruleID: id, field: "categories", value: "",
                               reason: "name at least one event category"))
        }
        if withinDays <= 0 {
            found.append(.init(code: .windowNotPositive, ruleID: id, field: "withinDays", value: String(withinDays),
                               reason: "the window must be at least 1 day"))
        }
        if count <= 0 {
            found.append(.init(code: .minimumCountNotPositive, ruleID: id, field: "count", value: String(count),
                               reason: "at least 1 event must be needed"))
        }
        return found
    }
}
