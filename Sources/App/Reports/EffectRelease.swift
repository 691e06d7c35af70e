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
        let groups = CohortComparison.groups(cohort: cohort, incidentDays: incidentDays, today: today, days: days,
                                             months: window.first...max(window.first, window.last))
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
                "Matched comparison: \(release.matchedCohort) victims heard at MARAC against \(release.matchedComparison) similar victims not heard (\(release.unmatchedCohort) heard could not be matched).",
                "Incidents per person, after minus before: \(release.cohortChange) for those heard, \(release.comparisonChange) for the matched victims. Effect \(release.effect) incidents per person (95% confidence interval \(release.lower) to \(release.upper)).",
            ]
        }
        return release
    }
}
