/// Composes rules in the order written; the first failure stops the check.
///
/// ```swift
/// @AccessRuleBuilder var rules: some AccessRule {
///     CaseDataRole()
///     PurposeForRole()
///     BreakGlassValidity()
///     RelationshipToSubject()
/// }
/// ```
@resultBuilder
public enum AccessRuleBuilder {
    public static func buildPartialBlock<Rule: AccessRule>(first: Rule) -> Rule { first }

    public static func buildPartialBlock<First: AccessRule, Next: AccessRule>(
        accumulated: First, next: Next
    ) -> RuleSequence<First, Next> {
        RuleSequence(first: accumulated, second: next)
    }

    public static func buildOptional<Rule: AccessRule>(_ rule: Rule?) -> OptionalRule<Rule> {
        OptionalRule(rule: rule)
    }

    public static func buildEither<First: AccessRule, Second: AccessRule>(
        first: First
    ) -> EitherRule<First, Second> {
        .first(first)
    }

    public static func buildEither<First: AccessRule, Second: AccessRule>(
        second: Second
    ) -> EitherRule<First, Second> {
        .second(second)
    }
}

/// Two rules in order: the second runs only if the first is met.
public struct RuleSequence<First: AccessRule, Second: AccessRule>: AccessRule {
    let first: First
    let second: Second

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        let verdict = first.check(request, holder: holder)
        guard case .meetsPolicy = verdict else { return verdict }
        return second.check(request, holder: holder)
    }
}

/// A rule included only when a condition held when the rules were built.
public struct OptionalRule<Rule: AccessRule>: AccessRule {
    let rule: Rule?

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        rule?.check(request, holder: holder) ?? .meetsPolicy
    }
}

/// One of two rules, chosen when the rules were built.
public enum EitherRule<First: AccessRule, Second: AccessRule>: AccessRule {
    case first(First)
    case second(Second)

    public func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
        switch self {
        case .first(let rule): rule.check(request, holder: holder)
        case .second(let rule): rule.check(request, holder: holder)
        }
    }
}
