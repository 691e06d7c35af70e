/// The people of the households on the case-finding list, under each
/// equality split (sex, age band, ethnic group), by area and group: the
/// "listed" side of the equality report, kept as households join or leave
/// the list, so that a report never walks the list itself.
///
/// Use ``init(members:listed:)`` for a full count and ``set(_:listed:members:)``
/// for each household whose place on the list may have changed.
/// Contract: after any sequence of `set` calls, ``atoms(asAt:)`` equals
/// `EqualityCounts.listedAtoms` over the households then listed, provided each
/// household's members are those it was counted with (when members change,
/// count afresh).
public struct EqualityListing: Sendable, Equatable {
    struct Key: Hashable, Sendable {
        var split: EqualityCounts.Split
        var area: String
        var category: String
    }

    /// The households counted as listed.
    public private(set) var listed: Set<String> = []
    private var counts: [Key: Int] = [:]

    public init() {}

    /// `members` maps a household id to its people; `listed` holds the ids on the list.
    public init(members: [String: [EqualityPerson]], listed: some Sequence<String>) {
        for household in listed { set(household, listed: true, members: members[household] ?? []) }
    }

    /// Counts `household` in or out of the list; nothing changes when it is already so.
    public mutating func set(_ household: String, listed isListed: Bool, members: [EqualityPerson]) {
        guard listed.contains(household) != isListed else { return }
        if isListed { listed.insert(household) } else { listed.remove(household) }
        for person in members {
            for split in EqualityCounts.Split.allCases {
                let key = Key(split: split, area: person.area, category: EqualityCounts.category(of: person, by: split))
                let now = counts[key, default: 0] + (isListed ? 1 : -1)
                counts[key] = now == 0 ? nil : now
            }
        }
    }

    /// The listed measures' atoms, placed at `month`.
    public func atoms(asAt month: Int) -> CountAtoms {
        var atoms = CountAtoms()
        for (key, n) in counts {
            atoms.add(.init(measure: EqualityCounts.measures(key.split).listed, area: key.area, month: month, category: key.category), count: n)
        }
        return atoms
    }
}
