/// The case-finding list for one reference day, kept up to date as imports
/// touch households.
///
/// Use it where the list is served: build it once over every household, then
/// after each import call ``update(_:)`` with just the households the import
/// touched (and ``remove(_:)`` for households that no longer exist). A new
/// reference day moves every look-back window, so build a new list for it.
/// Contract: after any sequence of updates, ``ranked(_:)`` equals
/// ``CaseFinding/rankedList(_:on:filter:)`` over the current facts.
public struct CaseFindingList: Sendable {
    public let caseFinding: CaseFinding
    public let day: CalendarDate
    private var entries: [String: CaseFindingEntry]

    /// Assesses every household in `households` on `day`.
    public init(caseFinding: CaseFinding, households: [HouseholdFacts], on day: CalendarDate) {
        self.caseFinding = caseFinding
        self.day = day
        entries = Dictionary(minimumCapacity: households.count)
        for facts in households { entries[facts.householdID] = caseFinding.entry(for: facts, on: day) }
    }

    /// The number of households held (with or without needs).
    public var count: Int { entries.count }

    /// Recomputes only the households given, replacing what was held for them.
    /// Returns the ids whose score or needs changed.
    @discardableResult
    public mutating func update(_ touched: [HouseholdFacts]) -> [String] {
        var changed: [String] = []
        for facts in touched {
            let entry = caseFinding.entry(for: facts, on: day)
            if entries.updateValue(entry, forKey: facts.householdID) != entry { changed.append(facts.householdID) }
        }
        return changed
    }

    /// Forgets households that were merged away or disposed of.
    public mutating func remove(_ householdIDs: [String]) {
        for id in householdIDs { entries[id] = nil }
    }

    /// The entry held for one household, whether or not it is on the list.
    public func entry(for householdID: String) -> CaseFindingEntry? { entries[householdID] }

    /// Whether a household is on the list (unfiltered), without ranking it.
    public func isListed(_ householdID: String) -> Bool {
        entries[householdID].map(CaseFindingFilter().admits) ?? false
    }

    /// The households on the list (unfiltered), in no order: for counts, which need no ranking.
    public func listedHouseholds() -> [String] {
        let everyone = CaseFindingFilter()
        return entries.compactMap { everyone.admits($0.value) ? $0.key : nil }
    }

    /// The ranked list under `filter`; households with a lead professional never appear.
    public func ranked(_ filter: CaseFindingFilter = .init()) -> [CaseFindingEntry] {
        CaseFindingEntry.ranked(entries.values.filter(filter.admits))
    }
}
