/// The case-finding list as counts: households listed, the needs the rules
/// found in them, and what reviewers decided, by postcode district.
///
/// Use ``atoms(_:decisions:asAt:)`` with the ranked list (households with a
/// lead professional are already off it). Contract: each listed household is
/// one unit in "listed", one in each need it shows, and one under its latest
/// decision (or "not decided yet"); no identity is kept.
public enum CaseFindingCounts {
    public static let listed = "casefinding-listed"
    public static let needs = "casefinding-needs"
    public static let decisions = "casefinding-decisions"
    public static let undecided = "not-decided-yet"
    public static let unplaced = "(no postcode)"

    /// `decisions` maps household ids to the latest decision's outcome code.
    public static func atoms(_ listed: [CaseFindingEntry], decisions: [String: String], asAt month: Int) -> CountAtoms {
        var atoms = CountAtoms()
        for entry in listed {
            let area = entry.postcodeDistrict ?? unplaced
            atoms.add(.init(measure: Self.listed, area: area, month: month, category: "listed"))
            for need in entry.indicatedNeeds {
                atoms.add(.init(measure: needs, area: area, month: month, category: need.rawValue))
            }
            atoms.add(.init(measure: Self.decisions, area: area, month: month, category: decisions[entry.householdID] ?? undecided))
        }
        return atoms
    }
}
