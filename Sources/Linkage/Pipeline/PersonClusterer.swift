/// Groups records into people from scored links, with the cannot-link rule made absolute.
///
/// Why it works in stages: plain connected components let a record with an empty given
/// name join two twins into one person. So records whose given name and date of birth are
/// both present ("anchored") are joined first; records missing one of them are then
/// joined among themselves, and each such group joins the anchored people it links to only
/// where those people do not conflict with each other. Before every join the distinct
/// identities of both groups are checked against each other (`PersonIdentities`), all of
/// them, not a sample. Contract: no person ever holds two records whose person evidence
/// conflicts (`PersonConflict`) or two different valid NHS or CRO numbers, except where a
/// reviewer's must-link put them there; a reviewer's cannot-link always holds.
struct PersonClusterer {
    let comparator: RecordComparator
    /// Scores the pairs a join would bring together that were never candidates (two records
    /// of one partner on either side); nil leaves that guard out.
    private let scorer: PairScorer?
    /// Whether the run's model says one partner's two records are more often two people
    /// than one (see `holdsOnePartnersRecordsApart`).
    private let partnersKeepPeopleApart: Bool
    private var autoLinkWeight = Double.infinity

    private var parent: [Int32]
    private var members: [[Int32]]
    /// Each person's distinct identities, by root; nil for a record still on its own,
    /// whose one identity is itself: a million one-element arrays were made, remade on
    /// every join and freed at the end, for records many of which never join anyone.
    private var identities: [PersonIdentities?]
    private var nhs: [UInt64]
    private var cro: [UInt64]
    private var cannotLink: [Int32: [Int32]] = [:]
    private(set) var refusedForIdentifiers = 0
    private(set) var refusedForReviewer = 0
    private(set) var refusedForConsistency = 0
    private(set) var reviewerConflicts = 0

    init(comparator: RecordComparator, scorer: PairScorer? = nil) {
        self.comparator = comparator
        self.scorer = scorer
        partnersKeepPeopleApart = scorer?.comparator.partnersKeepPeopleApart ?? false
        let r = comparator.records
        parent = (0..<Int32(r.count)).map { $0 }
        members = [[Int32]](repeating: [], count: r.count)
        identities = [PersonIdentities?](repeating: nil, count: r.count)
        nhs = r.nhs
        cro = r.cro
    }

    mutating func find(_ x: Int32) -> Int32 {
        var root = x
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var node = x
        while parent[Int(node)] != root {
            let next = parent[Int(node)]
            parent[Int(node)] = root
            node = next
        }
        return root
    }

    private func size(_ root: Int32) -> Int { max(1, members[Int(root)].count) }
    private func membersOf(_ root: Int32) -> [Int32] { members[Int(root)].isEmpty ? [root] : members[Int(root)] }
    /// Member `k` of the person at `root`, without making an array for a record on its own.
    @inline(__always)
    private func member(_ root: Int32, _ k: Int) -> Int32 { members[Int(root)].isEmpty ? root : members[Int(root)][k] }

    /// The first conflict between any identity of one person and any of the other, or empty.
    private func conflictBetween(_ ra: Int32, _ rb: Int32) -> PersonConflict {
        switch (identities[Int(ra)], identities[Int(rb)]) {
        case let (a?, b?): a.conflict(with: b, comparator)
        case let (a?, nil): a.conflict(withRecord: Int(rb), comparator)
        case let (nil, b?): b.conflict(withRecord: Int(ra), comparator)
        case (nil, nil): comparator.personConflict(Int(ra), Int(rb))
        }
    }

    /// Given name and date of birth both present: the record says who it is on its own.
    private func isAnchored(_ i: Int) -> Bool {
        comparator.records.given[i] >= 0 && comparator.records.birthDate[i] != 0
    }

    mutating func addCannotLink(_ a: Int, _ b: Int) {
        cannotLink[Int32(a), default: []].append(Int32(b))
        cannotLink[Int32(b), default: []].append(Int32(a))
    }

    /// Joins the people of `a` and `b` because a reviewer said so, even against the
    /// cannot-link rule (the reviewer overturns it); a reviewer's cannot-link still wins.
    mutating func mustLink(_ a: Int, _ b: Int) {
        let ra = find(Int32(a)), rb = find(Int32(b))
        if ra == rb { return }
        if reviewerForbids(ra, rb) { reviewerConflicts += 1; return }
        union(ra, rb)
    }

    /// Decides every pair (strongest first, as `LinkageRun.score` returns them) and joins
    /// people along the automatic links; returns one outcome per pair.
    mutating func cluster(_ pairs: [ScoredPair], autoLinkWeight: Double) -> [PairOutcome] {
        self.autoLinkWeight = autoLinkWeight
        var outcomes = [PairOutcome](repeating: PairOutcome(decision: .review, reason: .uncertain), count: pairs.count)
        var linkable: [Int] = []
        var oneMistake: [Int] = []
        for (k, pair) in pairs.enumerated() {
            if !cannotLink.isEmpty, let ruled = cannotLink[Int32(pair.first)], ruled.contains(Int32(pair.second)) {
                outcomes[k] = PairOutcome(decision: .differentPeople, reason: .reviewerSaidDifferent)
                continue
            }
            if pair.pattern.level(of: .nhsNumber) == 2 || pair.pattern.level(of: .croNumber) == 2 {
                outcomes[k] = PairOutcome(decision: .differentPeople, reason: .identifiersDiffer)
                continue
            }
            let conflict = comparator.personConflict(pair.first, pair.second)
            if !conflict.isEmpty {
                outcomes[k] = PairOutcome(decision: .differentPeople, reason: .personEvidenceConflicts(conflict))
                if comparator.couldBeOneMistake(pair.first, pair.second, conflict) { oneMistake.append(k) }
            } else if pair.weight >= autoLinkWeight {
                linkable.append(k)
            }
        }
        let confirmed = ConflictConfirmation(comparator: comparator, scorer: scorer)
            .confirmed(pairs, conflicting: oneMistake, strong: linkable)
        for (k, shown) in zip(oneMistake, confirmed) where !shown {
            outcomes[k] = PairOutcome(decision: .review, reason: .conflictNotConfirmed(outcomes[k].reason?.conflict ?? []))
        }
        holdRecordsThatFitTwoPeople(pairs, &linkable, &outcomes)

        var mixed: [Int] = []
        var loose: [Int] = []
        for k in linkable {
            let a = isAnchored(pairs[k].first), b = isAnchored(pairs[k].second)
            if a && b { link(k, pairs[k], &outcomes) } else if a || b { mixed.append(k) } else { loose.append(k) }
        }
        for k in loose { link(k, pairs[k], &outcomes) }
        joinLooseGroupsToAnchoredPeople(pairs, mixed, &outcomes)
        decideUncertainPairsBetweenNumberedPeople(pairs, &outcomes)
        return outcomes
    }

    /// An uncertain pair (scored between the thresholds) whose records already belong to two
    /// people with different NHS or CRO numbers is decided different people: weak evidence
    /// for one person stands against firm evidence for two. A strong pair in that position is
    /// held for review instead (`link`), since there the evidence disagrees. A reviewer can
    /// overturn either. Conflicts of person evidence between the two people (dates of birth
    /// far apart somewhere in their records) were tried as well: at 10M they took 3,000 more
    /// pairs out of review, but about one in five was one person, so they stay in review.
    private mutating func decideUncertainPairsBetweenNumberedPeople(_ pairs: [ScoredPair], _ outcomes: inout [PairOutcome]) {
        for (k, pair) in pairs.enumerated() where outcomes[k] == PairOutcome(decision: .review, reason: .uncertain) {
            let ra = find(Int32(pair.first)), rb = find(Int32(pair.second))
            if ra != rb, identifiersDiffer(ra, rb) {
                outcomes[k] = PairOutcome(decision: .differentPeople, reason: .theirPeopleDiffer([]))
            }
        }
    }

    /// Whether the two people hold different valid NHS or CRO numbers.
    private func identifiersDiffer(_ ra: Int32, _ rb: Int32) -> Bool {
        let na = nhs[Int(ra)], nb = nhs[Int(rb)], ca = cro[Int(ra)], cb = cro[Int(rb)]
        return (na != 0 && nb != 0 && na != nb) || (ca != 0 && cb != 0 && ca != cb)
    }

    /// A record whose automatic links reach two records that conflict with each other
    /// fits two people: all its automatic links go to review and it joins no one.
    private func holdRecordsThatFitTwoPeople(_ pairs: [ScoredPair], _ linkable: inout [Int], _ outcomes: inout [PairOutcome]) {
        let n = comparator.records.count
        var degree = [Int32](repeating: 0, count: n + 1)
        for k in linkable { degree[pairs[k].first + 1] += 1; degree[pairs[k].second + 1] += 1 }
        for i in 0..<n { degree[i + 1] += degree[i] }
        var fill = degree
        var partner = [Int32](repeating: 0, count: linkable.count * 2)
        var pairIndex = [Int32](repeating: 0, count: linkable.count * 2)
        for k in linkable {
            let p = pairs[k]
            let slotA = Int(fill[p.first]), slotB = Int(fill[p.second])
            fill[p.first] += 1; fill[p.second] += 1
            partner[slotA] = Int32(p.second); pairIndex[slotA] = Int32(k)
            partner[slotB] = Int32(p.first); pairIndex[slotB] = Int32(k)
        }
        var held = false
        for r in 0..<n {
            let lo = Int(degree[r]), hi = Int(degree[r + 1])
            guard hi - lo >= 2 else { continue }
            var conflict: PersonConflict = []
            search: for x in lo..<hi {
                for y in (x + 1)..<hi {
                    conflict = comparator.personConflict(Int(partner[x]), Int(partner[y]))
                    if !conflict.isEmpty { break search }
                }
            }
            guard !conflict.isEmpty else { continue }
            held = true
            // Links run strongest first. Where the record fits the strongest partner's side
            // clearly better than any partner conflicting with it (`CompetingPeople`), and
            // that side holds no conflict of its own, only the rival links wait for review.
            let best = partner[lo]
            var rival: ScoredPair?
            var sideIsConsistent = true
            var side: [Int32] = [best]
            for x in (lo + 1)..<hi {
                let other = partner[x]
                if !comparator.personConflict(Int(best), Int(other)).isEmpty {
                    // Links run strongest first, so the first rival is the strongest.
                    if rival == nil { rival = pairs[Int(pairIndex[x])] }
                } else {
                    if side.contains(where: { !comparator.personConflict(Int($0), Int(other)).isEmpty }) { sideIsConsistent = false }
                    side.append(other)
                }
            }
            var settled = false
            if sideIsConsistent, let rival {
                settled = CompetingPeople.clearlyFits(best: pairs[Int(pairIndex[lo])], rival: rival, model: scorer?.model,
                                                      autoLinkWeight: autoLinkWeight)
            }
            // Otherwise the record is ambiguous: it joins no one, not even people who fit it
            // alone, except through an NHS or CRO number it shares, which says who it is.
            for x in lo..<hi where !Self.identifierAgrees(pairs[Int(pairIndex[x])]) {
                if settled, comparator.personConflict(Int(best), Int(partner[x])).isEmpty { continue }
                outcomes[Int(pairIndex[x])] = PairOutcome(decision: .review, reason: .fitsTwoPeople(conflict))
            }
        }
        if held { linkable.removeAll { outcomes[$0].decision != .review || outcomes[$0].reason != .uncertain } }
        for k in linkable { outcomes[k] = .autoLink }
    }

    /// Each group of records missing a given name or date of birth joins the anchored
    /// people it links to only where none of them conflict with another; otherwise all its
    /// links to anchored people go to review.
    private mutating func joinLooseGroupsToAnchoredPeople(_ pairs: [ScoredPair], _ mixed: [Int], _ outcomes: inout [PairOutcome]) {
        var groupOrder: [Int32] = []
        var linksOfGroup: [Int32: [Int]] = [:]
        for k in mixed {
            let p = pairs[k]
            let loose = isAnchored(p.first) ? p.second : p.first
            let root = find(Int32(loose))
            if linksOfGroup[root] == nil { groupOrder.append(root) }
            linksOfGroup[root, default: []].append(k)
        }
        for group in groupOrder {
            let links = linksOfGroup[group] ?? []
            var people: [Int32] = []
            for k in links {
                let p = pairs[k]
                let person = find(Int32(isAnchored(p.first) ? p.first : p.second))
                if !people.contains(person) { people.append(person) }
            }
            // Anchored people still apart after every direct link between them were not
            // shown to be one person, so a group that fits two of them (twins whose names
            // are forms of one another, a father and son of one name) is ambiguous whether
            // or not their evidence conflicts outright: it joins neither.
            var conflict: PersonConflict?
            if people.count >= 2 {
                conflict = []
                search: for x in people.indices {
                    for y in (x + 1)..<people.count {
                        let found = conflictBetween(people[x], people[y])
                        if !found.isEmpty { conflict = found; break search }
                    }
                }
            }
            // Unless the group fits one of them clearly better than every other
            // (`CompetingPeople`): then it joins that one and waits for review on the rest.
            var chosen: Int32?
            if conflict != nil {
                // Links run strongest first: each person's first link is its strongest.
                var strongest: [Int32: ScoredPair] = [:]
                var ranked: [Int32] = []
                for k in links {
                    let p = pairs[k]
                    let person = find(Int32(isAnchored(p.first) ? p.first : p.second))
                    if strongest[person] == nil { strongest[person] = p; ranked.append(person) }
                }
                if let best = strongest[ranked[0]], let rival = strongest[ranked[1]],
                   CompetingPeople.clearlyFits(best: best, rival: rival, model: scorer?.model, autoLinkWeight: autoLinkWeight) {
                    chosen = ranked[0]
                }
            }
            // Read before any join below moves the roots.
            var toChosen: Set<Int> = []
            if let chosen {
                for k in links where find(Int32(isAnchored(pairs[k].first) ? pairs[k].first : pairs[k].second)) == chosen {
                    toChosen.insert(k)
                }
            }
            for k in links {
                if let conflict, !toChosen.contains(k), !Self.identifierAgrees(pairs[k]) {
                    outcomes[k] = PairOutcome(decision: .review, reason: .fitsTwoPeople(conflict))
                } else {
                    link(k, pairs[k], &outcomes)
                }
            }
        }
    }

    static func identifierAgrees(_ pair: ScoredPair) -> Bool {
        pair.pattern.level(of: .nhsNumber) == 1 || pair.pattern.level(of: .croNumber) == 1
    }

    /// Joins the people of one automatic link unless a guard refuses; a refused link goes
    /// to review (or is decided by a reviewer's earlier ruling).
    private mutating func link(_ k: Int, _ pair: ScoredPair, _ outcomes: inout [PairOutcome]) {
        let ra = find(Int32(pair.first)), rb = find(Int32(pair.second))
        if ra == rb { return }
        if identifiersDiffer(ra, rb) {
            refusedForIdentifiers += 1
            outcomes[k] = PairOutcome(decision: .review, reason: .wouldJoinADifferentPerson([]))
            return
        }
        if reviewerForbids(ra, rb) {
            refusedForReviewer += 1
            outcomes[k] = PairOutcome(decision: .differentPeople, reason: .reviewerSaidDifferent)
            return
        }
        let conflict = conflictBetween(ra, rb)
        if !conflict.isEmpty {
            refusedForConsistency += 1
            outcomes[k] = PairOutcome(decision: .review, reason: .wouldJoinADifferentPerson(conflict))
            return
        }
        if holdsOnePartnersRecordsApart(ra, rb) {
            refusedForConsistency += 1
            outcomes[k] = PairOutcome(decision: .review, reason: .samePartnerRecordsDiffer)
            return
        }
        union(ra, rb)
    }

    /// Whether the join would put two records one partner keeps under different ids into
    /// one person although those two do not match each other well enough to link: one
    /// partner's two records are usually two people (twins on one school roll, a father and
    /// son on the council's list), so a chain through other partners' records is not enough.
    /// Bits against a match that "same partner, another record" must carry for the guard
    /// to apply: such pairs at least twice as common among different people as among one.
    static let samePartnerEvidenceBits = -1.0

    private func holdsOnePartnersRecordsApart(_ ra: Int32, _ rb: Int32) -> Bool {
        // Only where the run's own model says one partner's two records are more often two
        // people than one (a single partner's dedupe learns no such thing, and then every
        // join would need every pair direct).
        // The flag, not `guard let scorer`: this runs on every join, and binding the
        // scorer copied it each time.
        guard partnersKeepPeopleApart else { return false }
        let source = comparator.records.source
        let sizeB = size(rb)
        for p in 0..<size(ra) {
            let x = member(ra, p)
            guard source[Int(x)] != 0 else { continue }
            for q in 0..<sizeB where source[Int(member(rb, q))] == source[Int(x)] {
                let i = Int(x), j = Int(member(rb, q))
                guard let weight = scorer?.weight(pattern: comparator.pattern(i, j), i, j).weight else { return false }
                if Double(weight) < autoLinkWeight { return true }
            }
        }
        return false
    }

    private mutating func reviewerForbids(_ ra: Int32, _ rb: Int32) -> Bool {
        guard !cannotLink.isEmpty else { return false }
        let (small, other) = size(ra) <= size(rb) ? (ra, rb) : (rb, ra)
        for member in membersOf(small) {
            guard let partners = cannotLink[member] else { continue }
            for partner in partners where find(partner) == other { return true }
        }
        return false
    }

    private mutating func union(_ ra: Int32, _ rb: Int32) {
        let (big, small) = size(ra) >= size(rb) ? (ra, rb) : (rb, ra)
        if members[Int(big)].isEmpty { members[Int(big)] = [big] }
        if members[Int(small)].isEmpty {
            members[Int(big)].append(small)
        } else {
            let moved = members[Int(small)]
            members[Int(small)] = []
            members[Int(big)].append(contentsOf: moved)
        }
        // Taken out while it grows, so that its array is not copied.
        var joined = identities[Int(big)] ?? PersonIdentities(record: big)
        identities[Int(big)] = nil
        if let other = identities[Int(small)] { joined.absorb(other, comparator) } else { joined.add(record: small, comparator) }
        identities[Int(big)] = joined
        identities[Int(small)] = nil
        parent[Int(small)] = big
        if nhs[Int(big)] == 0 { nhs[Int(big)] = nhs[Int(small)] }
        if cro[Int(big)] == 0 { cro[Int(big)] = cro[Int(small)] }
    }

    /// Person number of every record, numbered in order of each person's first record.
    mutating func personNumbers() -> [Int] {
        let n = parent.count
        var numberOfRoot = [Int](repeating: -1, count: n)
        var out = [Int](repeating: 0, count: n)
        var next = 0
        for i in 0..<n {
            let root = Int(find(Int32(i)))
            if numberOfRoot[root] < 0 { numberOfRoot[root] = next; next += 1 }
            out[i] = numberOfRoot[root]
        }
        return out
    }
}
