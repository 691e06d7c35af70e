/// One household on the case-finding list: its needs and its score.
///
/// Produced by ``CaseFinding/entry(for:on:)`` and kept by ``CaseFindingList``.
/// Contract: the ranking is a total order on household ids, so the list reads
/// the same whatever order the households came in.
public struct CaseFindingEntry: Sendable, Hashable, Codable {
    public var householdID: String
    public var postcodeDistrict: String?
    public var hasLeadProfessional: Bool
    public let needs: HouseholdNeeds
    public let score: CaseFindingScore
    /// The needs indicated, in ``FamilyNeed`` order (kept so ranking and
    /// filtering do not recompute them).
    public let indicatedNeeds: [FamilyNeed]

    public init(householdID: String, postcodeDistrict: String?, hasLeadProfessional: Bool,
                needs: HouseholdNeeds, score: CaseFindingScore) {
        self.householdID = householdID
        self.postcodeDistrict = postcodeDistrict
        self.hasLeadProfessional = hasLeadProfessional
        self.needs = needs
        self.score = score
        self.indicatedNeeds = needs.indicated
    }

    /// Higher score first; then the more recent newest evidence; then more
    /// needs indicated; then household id, so no two households tie.
    public static func ranksBefore(_ a: CaseFindingEntry, _ b: CaseFindingEntry) -> Bool {
        if a.score.total != b.score.total { return a.score.total > b.score.total }
        let dayA = a.score.latestEvidenceOn?.dayNumber ?? .min, dayB = b.score.latestEvidenceOn?.dayNumber ?? .min
        if dayA != dayB { return dayA > dayB }
        let needsA = a.indicatedNeeds.count, needsB = b.indicatedNeeds.count
        if needsA != needsB { return needsA > needsB }
        return a.householdID < b.householdID
    }

    /// `entries` in rank order, as ``ranksBefore(_:_:)`` orders them.
    public static func ranked(_ entries: [CaseFindingEntry]) -> [CaseFindingEntry] {
        // Sorting small keys, not whole entries, keeps a 100,000-row list fast.
        struct Key {
            var total: Int, day: Int, needs: Int, index: Int
        }
        let keys = entries.indices.map { index in
            let entry = entries[index]
            return Key(total: entry.score.total, day: entry.score.latestEvidenceOn?.dayNumber ?? .min,
                       needs: entry.indicatedNeeds.count, index: index)
        }
        return keys.sorted { a, b in
            if a.total != b.total { return a.total > b.total }
            if a.day != b.day { return a.day > b.day }
            if a.needs != b.needs { return a.needs > b.needs }
            return entries[a.index].householdID < entries[b.index].householdID
        }.map { entries[$0.index] }
    }
}
