/// The distinct person identities (given name, date of birth, sex and the fields the
/// cannot-link test reads) held by one group of records, each kept as one record index.
///
/// Use it to apply the cannot-link rule to every member of two groups before they are
/// joined: a person with forty records usually has two or three identities (a nickname, a
/// swapped date), so the check costs identities x identities, not members x members.
/// Contract: `conflict(with:)` is non-empty exactly when some record of one group
/// conflicts with some record of the other (`RecordComparator.personConflict`), because
/// records with the same identity give the same answer against any third record.
struct PersonIdentities: Sendable {
    private(set) var representatives: [Int32]

    init(record: Int32) { representatives = [record] }

    /// The first conflict between any identity here and any in `other`, or empty.
    func conflict(with other: PersonIdentities, _ comparator: RecordComparator) -> PersonConflict {
        for x in representatives {
            for y in other.representatives {
                let found = comparator.personConflict(Int(x), Int(y))
                if !found.isEmpty { return found }
            }
        }
        return []
    }

    /// The first conflict between one record and any identity here, or empty.
    func conflict(withRecord record: Int, _ comparator: RecordComparator) -> PersonConflict {
        for x in representatives {
            let found = comparator.personConflict(Int(x), record)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// Adds `other`'s identities that are not already here.
    mutating func absorb(_ other: PersonIdentities, _ comparator: RecordComparator) {
        for y in other.representatives { add(record: y, comparator) }
    }

    /// Adds one record's identity unless it is already here.
    mutating func add(record: Int32, _ comparator: RecordComparator) {
        if !representatives.contains(where: { comparator.sameIdentity(Int($0), Int(record)) }) {
            representatives.append(record)
        }
    }
}
