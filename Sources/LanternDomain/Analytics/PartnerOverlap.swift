/// A household and the partners that hold a record of any of its members.
public struct HouseholdPartners: Sendable, Hashable {
    public var household: String
    /// The household's postcode sector, or an "unplaced" marker.
    public var area: String
    public var partners: Set<String>

    public init(household: String, area: String, partners: Set<String>) {
        self.household = household
        self.area = area
        self.partners = partners
    }
}

/// Service overlap: how many households are known to one, two, three or
/// more partners, and which partners together.
///
/// Use ``atoms(_:asAt:)`` for the counts. Contract: each household is one
/// unit, placed at its address and under the combination of partners that
/// know it (the category is the partners' slugs, sorted, joined by "+"), so
/// "known to 2 partners" is the sum of the two-partner combinations.
public enum PartnerOverlap {
    public static let measure = "households-known"

    /// The category of a combination of partners.
    public static func combination(_ partners: Set<String>) -> String { partners.sorted().joined(separator: "+") }

    /// How many partners a combination holds.
    public static func size(of combination: String) -> Int { combination.split(separator: "+").count }

    /// Households by area and combination, all in the month `asAt` (the list is as at today, not over time).
    public static func atoms(_ households: [HouseholdPartners], asAt month: Int) -> CountAtoms {
        var atoms = CountAtoms()
        for household in households where !household.partners.isEmpty {
            atoms.add(.init(measure: measure, area: household.area, month: month, category: combination(household.partners)))
        }
        return atoms
    }
}
