/// Which households a reviewer wants to see on the case-finding list.
///
/// Contract: every field narrows the list; the default shows every household
/// with at least one indicated need. The area is a postcode district (`SS14`),
/// compared without regard to case or spaces. Households with a lead
/// professional are excluded by the list itself, whatever the filter.
public struct CaseFindingFilter: Sendable, Hashable, Codable {
    /// Postcode district, or nil for every area.
    public var district: String?
    /// Only households where this need is indicated.
    public var need: FamilyNeed?
    /// Only households with at least this score.
    public var minimumScore: Int

    public init(district: String? = nil, need: FamilyNeed? = nil, minimumScore: Int = 0) {
        self.district = district
        self.need = need
        self.minimumScore = minimumScore
    }

    /// Whether a household in `district` is in the area asked for.
    public func admitsArea(_ householdDistrict: String?) -> Bool {
        guard let district else { return true }
        guard let householdDistrict else { return false }
        return Self.normalised(district) == Self.normalised(householdDistrict)
    }

    /// Whether an entry passes every part of the filter.
    public func admits(_ entry: CaseFindingEntry) -> Bool {
        guard !entry.hasLeadProfessional, admitsArea(entry.postcodeDistrict),
              !entry.indicatedNeeds.isEmpty, entry.score.total >= minimumScore else { return false }
        if let need, !entry.indicatedNeeds.contains(need) { return false }
        return true
    }

    private static func normalised(_ text: String) -> String {
        String(text.uppercased().filter { $0 != " " })
    }
}
