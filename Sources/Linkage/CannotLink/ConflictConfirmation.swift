/// Whether a conflict in one field is shown to be two people, or may be one person
/// recorded wrongly.
///
/// Why: twins differ from each other only by their given names, and a parent and child of
/// one name only by their dates of birth; but a given name replaced by another (keyed into
/// the wrong person's field, a form filled in for a sibling) or a year of birth mistyped
/// looks exactly the same. On the corrupted public benchmark, deciding every such pair
/// "different people" sent one true match in nine out of sight. So a one-field conflict
/// is decided only where the records themselves keep the two people apart:
/// - one partner holds, under two ids, a record of each of them (the two records
///   themselves, or records that match each of them on their own evidence: the GP's
///   records of the twins); or
/// - each side's value of the field is written the same by a second partner in a record
///   that matches it on its own evidence (the father's date of birth on the council's
///   list and the GP's, the son's at the school and the police). One slip makes one odd
///   record, not the same odd value written twice by two partners, so then both values
///   are facts about two people.
/// Otherwise the pair goes to review, and is still never linked automatically.
/// Contract: the partner test confirms a pair only where the run's model gives "same
/// partner, another record" at least `PersonClusterer.samePartnerEvidenceBits` against a
/// match (in a single partner's dedupe two ids prove nothing); the second test needs both
/// sides' values written by two different partners (records with no partner never
/// confirm). A conflict in two fields, or of sex, needs no confirmation and is never
/// passed here.
struct ConflictConfirmation {
    let comparator: RecordComparator
    let partnersKeepPeopleApart: Bool

    init(comparator: RecordComparator, scorer: PairScorer?) {
        self.comparator = comparator
        let weight = scorer?.model.weight(.source, level: 1) ?? 0
        partnersKeepPeopleApart = weight <= PersonClusterer.samePartnerEvidenceBits
    }

    /// For each pair in `conflicting`, whether the records keep its two people apart.
    /// `strong`: the pairs linked automatically on their own evidence (no conflict, weight
    /// at or above the auto-link weight), which show each record's other records.
    func confirmed(_ pairs: [ScoredPair], conflicting: [Int], strong: [Int]) -> [Bool] {
        let source = comparator.records.source
        // Each conflicting record's own record and the records that match it on their own
        // evidence: what the partners hold of that record's person.
        var held: [Int32: [Int32]] = [:]
        for k in conflicting {
            for r in [pairs[k].first, pairs[k].second] { held[Int32(r)] = [Int32(r)] }
        }
        for k in strong {
            let a = Int32(pairs[k].first), b = Int32(pairs[k].second)
            if held[a] != nil { held[a]?.append(b) }
            if held[b] != nil { held[b]?.append(a) }
        }
        return conflicting.map { k in
            let a = Int32(pairs[k].first), b = Int32(pairs[k].second)
            guard let first = held[a], let second = held[b] else { return false }
            if partnersKeepPeopleApart {
                // One partner holds a record of each person under two ids: it keeps them apart.
                for x in first where source[Int(x)] != 0 {
                    for y in second where source[Int(x)] == source[Int(y)] && x != y { return true }
                }
            }
            let field = comparator.personConflict(Int(a), Int(b))
            return writtenTwice(a, by: first, against: b, field) && writtenTwice(b, by: second, against: a, field)
        }
    }

    /// Whether another partner's record that matches `record` writes the conflicting field
    /// exactly as `record` does, and so conflicts with `other` the same way.
    private func writtenTwice(_ record: Int32, by own: [Int32], against other: Int32, _ field: PersonConflict) -> Bool {
        let r = comparator.records
        let i = Int(record), partner = r.source[i]
        guard partner != 0 else { return false }
        for x in own.dropFirst() {
            let j = Int(x)
            guard r.source[j] != 0, r.source[j] != partner else { continue }
            let same = field == .givenName ? r.given[j] == r.given[i] : field == .dateOfBirth && r.birthDate[j] == r.birthDate[i]
            if same, comparator.personConflict(j, Int(other)) == field { return true }
        }
        return false
    }
}

extension RecordComparator {
    /// Whether the conflict between records `i` and `j` is the kind one recording mistake
    /// makes: one field only, not sex, with the pair's other personal field present and
    /// agreeing (the same birthday under another given name, or the same given name under
    /// another birthday). Without that, the two share only what a household shares
    /// (surname, address, phone), and the conflict is outright.
    func couldBeOneMistake(_ i: Int, _ j: Int, _ conflict: PersonConflict) -> Bool {
        if conflict == .givenName { return (1...3).contains(dateLevel(i, j)) }
        if conflict == .dateOfBirth { return records.given[i] >= 0 && records.given[j] >= 0 }
        return false
    }
}
