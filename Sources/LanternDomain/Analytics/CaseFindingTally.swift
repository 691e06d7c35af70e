/// The case-finding report's counts of listed households and their needs by
/// postcode district, kept as households join, change on or leave the list,
/// so that a report never ranks or walks the list itself. Decisions are not
/// kept here: they are few, read fresh per report and laid over the counts.
///
/// Use ``init(_:)`` with the listed entries for a full count and
/// ``set(_:entry:)`` for each household whose entry may have changed.
/// Contract: after any sequence of `set` calls, ``atoms(decisions:asAt:)``
/// equals ``CaseFindingCounts/atoms(_:decisions:asAt:)`` over the entries then listed.
public struct CaseFindingTally: Sendable, Equatable {
    private struct Held: Sendable, Equatable {
        var area: String
        var needs: [FamilyNeed]
    }

    private struct AreaNeed: Hashable, Sendable {
        var area: String
        var need: FamilyNeed
    }

    private var held: [String: Held] = [:]
    private var listedByArea: [String: Int] = [:]
    private var needsByArea: [AreaNeed: Int] = [:]

    public init() {}

    /// Counts every entry given as listed.
    public init(_ listed: some Sequence<CaseFindingEntry>) {
        for entry in listed { set(entry.householdID, entry: entry) }
    }

    /// The households counted as listed.
    public var listed: Set<String> { Set(held.keys) }

    /// Counts `household` as `entry` shows it, or takes it out when `entry` is nil (not listed).
    public mutating func set(_ household: String, entry: CaseFindingEntry?) {
        let now = entry.map { Held(area: $0.postcodeDistrict ?? CaseFindingCounts.unplaced, needs: $0.indicatedNeeds) }
        let before = held[household]
        guard before != now else { return }
        if let before { count(before, by: -1) }
        if let now { count(now, by: 1) }
        held[household] = now
    }

    private mutating func count(_ household: Held, by step: Int) {
        Self.bump(&listedByArea, household.area, by: step)
        for need in household.needs { Self.bump(&needsByArea, AreaNeed(area: household.area, need: need), by: step) }
    }

    /// Adds `step`, dropping keys that reach zero so equal counts compare equal.
    private static func bump<Key: Hashable>(_ counts: inout [Key: Int], _ key: Key, by step: Int) {
        let now = counts[key, default: 0] + step
        counts[key] = now == 0 ? nil : now
    }

    /// The listed, needs and decisions atoms at `month`; `decisions` maps
    /// household ids to the latest decision's outcome code (households not
    /// listed are ignored). "Not decided yet" is listed minus decided, per area.
    public func atoms(decisions: [String: String], asAt month: Int) -> CountAtoms {
        var atoms = CountAtoms()
        var decided: [String: Int] = [:]
        for (household, outcome) in decisions {
            guard let area = held[household]?.area else { continue }
            atoms.add(.init(measure: CaseFindingCounts.decisions, area: area, month: month, category: outcome))
            decided[area, default: 0] += 1
        }
        for (area, n) in listedByArea {
            atoms.add(.init(measure: CaseFindingCounts.listed, area: area, month: month, category: "listed"), count: n)
            let undecided = n - decided[area, default: 0]
            if undecided > 0 {
                atoms.add(.init(measure: CaseFindingCounts.decisions, area: area, month: month, category: CaseFindingCounts.undecided), count: undecided)
            }
        }
        for (key, n) in needsByArea {
            atoms.add(.init(measure: CaseFindingCounts.needs, area: key.area, month: month, category: key.need.rawValue), count: n)
        }
        return atoms
    }
}
