/// Whether a conflict in one field is shown to be two people, or may be one person
/// recorded wrongly.
///
/// Why: twins differ from each other only by their given names, and a parent and child of
/// one name only by their dates of birth; but a given name replaced by another (keyed into
/// the wrong person's field, a form filled in for a sibling) or a year of birth mistyped
/// looks exactly the same. On the corrupted public benchmark, deciding every such pair
/// "different people" sent one true match in nine out of sight. So a one-field conflict
/// is decided only where a partner itself keeps the two people apart: one partner holds,
/// under two ids, a record of each of them (the two records themselves, or records that
/// match each of them on their own evidence: the GP's records of the twins). Otherwise the pair goes to review, and is still never linked automatically.
/// Contract: a pair is confirmed only where the run's model gives "same partner, another
/// record" at least `PersonClusterer.samePartnerEvidenceBits` against a match (in a single
/// partner's dedupe two ids prove nothing); a conflict in two fields, or of sex, needs no
/// confirmation and is never passed here.
struct ConflictConfirmation {
    let source: [UInt64]
    let partnersKeepPeopleApart: Bool

    init(comparator: RecordComparator, scorer: PairScorer?) {
        source = comparator.records.source
        let weight = scorer?.model.weight(.source, level: 1) ?? 0
        partnersKeepPeopleApart = weight <= PersonClusterer.samePartnerEvidenceBits
    }

    /// For each pair in `conflicting`, whether a partner keeps its two records' people
    /// apart. `strong`: the pairs linked automatically on their own evidence (no conflict,
    /// weight at or above the auto-link weight), which show each record's other records.
    func confirmed(_ pairs: [ScoredPair], conflicting: [Int], strong: [Int]) -> [Bool] {
        guard partnersKeepPeopleApart else { return [Bool](repeating: false, count: conflicting.count) }
        // Each conflicting record's own record and the records that match it on their own
        // evidence, by partner: what each partner holds of that record's person.
        var held: [Int32: [Held]] = [:]
        for k in conflicting {
            for r in [pairs[k].first, pairs[k].second] where source[r] != 0 {
                held[Int32(r)] = [Held(partner: source[r], record: Int32(r))]
            }
        }
        for k in strong {
            let a = Int32(pairs[k].first), b = Int32(pairs[k].second)
            if held[a] != nil, source[Int(b)] != 0 { held[a]?.append(Held(partner: source[Int(b)], record: b)) }
            if held[b] != nil, source[Int(a)] != 0 { held[b]?.append(Held(partner: source[Int(a)], record: a)) }
        }
        return conflicting.map { k in
            guard let first = held[Int32(pairs[k].first)], let second = held[Int32(pairs[k].second)] else { return false }
            // One partner holds a record of each person under two ids: it keeps them apart.
            for x in first {
                for y in second where x.partner == y.partner && x.record != y.record { return true }
            }
            return false
        }
    }

    private struct Held {
        let partner: UInt64
        let record: Int32
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
