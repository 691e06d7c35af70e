import LanternDomain
import Vapor

/// The evaluation's matched comparison as it leaves Lantern: the disclosed
/// figures and the group sizes through the count rule.
///
/// The same words go into the release's notes, so the ledger's hash of the
/// release covers the effect as shown.
struct EffectRelease: Content, Sendable, Hashable {
    var effect: String
    var lower: String
    var upper: String
    var cohortChange: String
    var comparisonChange: String
    /// Group sizes through the count rule (`*` for 1-7).
    var matchedCohort: String
    var matchedComparison: String
    var unmatchedCohort: String
    var withheldBecause: String?
    var notes: [String]

    static func matched(cohort: [CohortMember], incidentDays: [String: Set<Int>], today: CalendarDate, days: Int,
                        window: (first: Int, last: Int), policy: DisclosurePolicy) -> EffectRelease {
        matched(CohortComparison.groups(cohort: cohort, incidentDays: incidentDays, today: today, days: days,
                                        months: window.first...max(window.first, window.last)), policy: policy, intervention: .marac)
    }

    static func matched(_ groups: (cohort: [EvaluationUnit], comparison: [EvaluationUnit]), policy: DisclosurePolicy,
                        intervention: Intervention) -> EffectRelease {
        let estimate = MatchedEvaluation.estimate(cohort: groups.cohort, comparison: groups.comparison)
        let shown = policy.disclose(estimate, smallestPeriodGroup: MatchedEvaluation.smallestPeriodGroup(cohort: groups.cohort,
                                                                                                        comparison: groups.comparison))
        let count = { (value: Int?) in policy.disclose(value ?? 0).description }
        var release = EffectRelease(
            effect: shown.effect.description, lower: shown.lower.description, upper: shown.upper.description,
            cohortChange: shown.cohortChange.description, comparisonChange: shown.comparisonChange.description,
            matchedCohort: count(estimate?.matchedCohort), matchedComparison: count(estimate?.matchedComparison),
            unmatchedCohort: count(estimate?.unmatchedCohort ?? groups.cohort.count), withheldBecause: shown.withheldBecause, notes: [])
        if let reason = shown.withheldBecause {
            release.notes = ["Matched comparison: not shown, because \(reason)."]
        } else {
            release.notes = [
                "Matched comparison: \(release.matchedCohort) \(intervention.cohortName) against \(release.matchedComparison) \(intervention.comparisonName) (\(release.unmatchedCohort) in the cohort could not be matched).",
                "\(intervention.outcome.capitalizedFirst) per \(intervention.unit), after minus before: \(release.cohortChange) in the cohort, \(release.comparisonChange) in the comparison group. Effect \(release.effect) \(intervention.outcome) per \(intervention.unit) (95% confidence interval \(release.lower) to \(release.upper)).",
            ]
        }
        return release
    }
}

/// Which intervention the evaluation report evaluates (`intervention=` in its query).
enum Intervention: String, Sendable, CaseIterable {
    case marac
    case leadProfessional = "lead-professional"

    var cohortName: String { self == .marac ? "victims heard at MARAC" : "households given a lead professional" }
    var comparisonName: String { self == .marac ? "similar victims not heard" : "similar households never given one" }
    var outcome: String { self == .marac ? "incidents" : "call-outs, missing episodes and exclusions" }
    var unit: String { self == .marac ? "person" : "household" }
}

extension String {
    /// "Incidents" from "incidents": the first letter only, unlike `capitalized`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
