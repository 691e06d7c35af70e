/// The partnership's retention schedule: every ``RetentionRule`` in force, as
/// one numbered version.
///
/// Use ``rule(for:partner:)`` to find the rule for a record and
/// ``problems()`` before saving an edited set. Contract: the set is valid
/// only whole (every rule has a trigger, a period that is not negative, a
/// known record class and a basis, and no class has two rules for the same
/// partner); version 0 is ``standard``, the seeds' periods.
public struct RetentionRuleSet: Sendable, Hashable, Codable {
    public var version: Int
    public var rules: [RetentionRule]

    public init(version: Int, rules: [RetentionRule]) {
        self.version = version
        self.rules = rules
    }

    /// The partner's own rule for the class, else the partnership default.
    public func rule(for recordClass: String, partner: String) -> RetentionRule? {
        rules.first { $0.recordClass == recordClass && $0.partner == partner }
            ?? rules.first { $0.recordClass == recordClass && $0.partner == "*" }
    }

    /// Every reason the set cannot be saved, in rule order; empty when it can.
    public func problems() -> [RetentionRuleProblem] {
        var problems: [RetentionRuleProblem] = []
        var seen = Set<String>()
        for (index, rule) in rules.enumerated() {
            let line = index + 1
            if !RecordClass.isKnown(rule.recordClass) {
                problems.append(.init(rule: line, code: "unknown-class",
                                      description: "Rule \(line): \"\(rule.recordClass)\" is not a record class; use one of \(RecordClass.all.prefix(4).joined(separator: ", ")) ... (events:<category>)."))
            }
            if rule.trigger == nil {
                problems.append(.init(rule: line, code: "no-trigger",
                                      description: "Rule \(line) (\(rule.recordClass)): say when the period starts: \(RetentionRule.Trigger.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
            if rule.years < 0 || rule.months < 0 {
                problems.append(.init(rule: line, code: "negative-period",
                                      description: "Rule \(line) (\(rule.recordClass)): a period cannot be negative (\(rule.years) years \(rule.months) months)."))
            }
            if rule.years > 150 || rule.months > 1_800 {
                problems.append(.init(rule: line, code: "period-too-long",
                                      description: "Rule \(line) (\(rule.recordClass)): a period over 150 years is a typing slip; adoption records, the longest, are 100 years."))
            }
            if rule.basis.filter({ !$0.isWhitespace }).count < 3 {
                problems.append(.init(rule: line, code: "no-basis",
                                      description: "Rule \(line) (\(rule.recordClass)): give the basis in words (the statute, guidance or agreement clause)."))
            }
            if rule.partner.isEmpty {
                problems.append(.init(rule: line, code: "no-partner",
                                      description: "Rule \(line) (\(rule.recordClass)): name the owning partner's slug, or * for every partner."))
            }
            let key = rule.recordClass + "|" + rule.partner
            if !seen.insert(key).inserted {
                problems.append(.init(rule: line, code: "duplicate",
                                      description: "Rule \(line): \(rule.recordClass) for \(rule.partner) already has a rule; keep one."))
            }
        }
        if rules.isEmpty {
            problems.append(.init(rule: 0, code: "empty", description: "A schedule with no rules would keep everything for ever; keep at least one rule."))
        }
        return problems
    }
}

/// Why a retention schedule cannot be saved: the rule (1-based) and what to change.
public struct RetentionRuleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var rule: Int
    public var code: String
    public var description: String
}

/// The record classes a retention rule can be about.
public enum RecordClass {
    public static let people = "people"
    public static let involvements = "involvements"
    public static let accessRequests = "access-requests"
    public static let notifications = "notifications"

    public static func events(_ category: EventCategory) -> String { "events:" + category.rawValue }

    public static var all: [String] {
        [people, involvements, accessRequests, notifications] + EventCategory.allCases.map(events)
    }

    public static func isKnown(_ code: String) -> Bool {
        if [people, involvements, accessRequests, notifications].contains(code) { return true }
        guard code.hasPrefix("events:") else { return false }
        return EventCategory(rawValue: String(code.dropFirst("events:".count))) != nil
    }

    /// Words for pages: "Events: Domestic abuse".
    public static func label(_ code: String) -> String {
        if code.hasPrefix("events:"), let category = EventCategory(rawValue: String(code.dropFirst(7))) { return "Events: \(category.label)" }
        switch code {
        case people: return "Person records"
        case involvements: return "Services working with people"
        case accessRequests: return "Access requests"
        case notifications: return "Notifications"
        default: return code
        }
    }
}
