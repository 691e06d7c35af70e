/// Incremental resolution: matches one new record against everything indexed so far and
/// assigns it to a person, without re-running the batch.
///
/// Seed it from a batch run (`LinkageIndex.build(records:personIDs:model:settings:)`) or
/// start empty with a trained model, then call `resolve(_:)` per arriving record. It keeps
/// the standardised records and an inverted index of blocking keys in memory, so a request
/// costs only the comparisons its blocks propose. Contract: person ids never change once
/// given; a new record joins at most one existing person (the strongest auto-link that
/// passes the same guards as batch clustering: the cannot-link rule checked against every
/// identity the person holds, and no join that would make one person of two records one
/// partner keeps apart unless those two link by themselves), and none when it fits two
/// people who conflict with each other (unless an NHS or CRO number it shares says which);
/// otherwise it creates a new person. Other plausible people are returned for review with the reason, never merged
/// silently. Reviewer decisions added with `apply(_:)` bind every later call. Not
/// thread-safe: own it from one actor (see `SharedLinkageIndex`).
public final class LinkageIndex {
    public let model: LinkageModel
    public let settings: LinkageSettings
    private var scorer: PairScorer
    private let rules: [BlockingRule]
    private var blocking: BlockingIndex
    private var recordIDs: [String] = []
    private var indexOfID: [String: Int32] = [:]
    private var personOf: [Int] = []
    private var members: [Int: [Int32]] = [:]
    private var personNHS: [Int: UInt64] = [:]
    private var personCRO: [Int: UInt64] = [:]
    /// Distinct identities of each person, for the cannot-link rule against all members.
    private var personIdentities: [Int: PersonIdentities] = [:]
    private var cannotLink: [Int32: Set<Int32>] = [:]
    private var nextPersonID = 0

    /// An empty index that will score with `model`.
    public init(model: LinkageModel, settings: LinkageSettings = LinkageSettings()) {
        self.model = model
        self.settings = settings
        rules = LinkageRun.uniqueRules(settings.blockingRules)
        scorer = PairScorer(model: model, records: StandardisedRecords())
        blocking = BlockingIndex(ruleCount: rules.count)
    }

    /// An index holding `records` with the people already assigned to them (from a batch
    /// run or from storage); standardises on `settings.workers` cores.
    public static func build(
        records: [LinkageRecord], personIDs: [Int], model: LinkageModel, settings: LinkageSettings = LinkageSettings()
    ) async throws(LinkageError) -> LinkageIndex {
        _ = try RecordIDIndex(records.map(\.recordID))
        let standard = await StandardisedRecords.build(records, workers: settings.workers)
        return LinkageIndex(standard: standard, recordIDs: records.map(\.recordID), personIDs: personIDs,
                            model: model, settings: settings)
    }

    /// An index over a batch run's records and people, reusing the run's standardised
    /// records and trained model (person ids are the run's person numbers).
    public convenience init(result: LinkageResult) {
        self.init(standard: result.standardised, recordIDs: result.recordIDs, personIDs: result.personOfRecord,
                  model: result.model, settings: result.settings)
    }

    private convenience init(
        standard: StandardisedRecords, recordIDs: [String], personIDs: [Int], model: LinkageModel, settings: LinkageSettings
    ) {
        self.init(model: model, settings: settings)
        var standard = standard
        // Room to grow, so that early requests do not pay for copying the whole index.
        let count = recordIDs.count
        let headroom = count + count / 4 + 1_024
        standard.reserve(headroom)
        scorer = PairScorer(model: model, records: standard, capacity: headroom)
        for (r, rule) in rules.enumerated() {
            blocking.load(rule: r, keys: (0..<standard.count).map { rule.key(standard, $0) })
        }
        self.recordIDs.reserveCapacity(headroom)
        self.recordIDs.append(contentsOf: recordIDs)
        indexOfID.reserveCapacity(headroom)
        members.reserveCapacity(headroom)
        personOf = [Int](repeating: -1, count: count)
        personOf.reserveCapacity(headroom)
        for (i, id) in recordIDs.enumerated() {
            indexOfID[id] = Int32(i)
            attach(Int32(i), to: i < personIDs.count ? personIDs[i] : nextPersonID)
        }
    }

    public var recordCount: Int { recordIDs.count }

    public func personID(ofRecord recordID: String) -> Int? {
        indexOfID[recordID].map { personOf[Int($0)] }
    }

    /// Record ids of one person.
    public func records(ofPerson personID: Int) -> [String] {
        (members[personID] ?? []).map { recordIDs[Int($0)] }
    }

    /// Matches `record` against the index, assigns it to a person and indexes it.
    public func resolve(_ record: LinkageRecord) throws(LinkageError) -> IndexAssignment {
        if indexOfID[record.recordID] != nil { throw LinkageError(code: .duplicateRecordID, recordID: record.recordID) }
        let i = Int32(recordIDs.count)
        scorer.comparator.append(record)
        scorer.refreshNameAdjustments()
        recordIDs.append(record.recordID)
        indexOfID[record.recordID] = i
        personOf.append(-1)

        let records = scorer.comparator.records
        var candidates: [Int32] = []
        var keys: [UInt64] = []
        for (r, rule) in rules.enumerated() {
            let key = rule.key(records, Int(i))
            keys.append(key)
            guard key != 0 else { continue }
            _ = blocking.forEachRecord(rule: r, key: key, limit: settings.maximumBlockSize) { candidates.append($0) }
        }
        candidates.sort()
        var best: [Int: ScoredPair] = [:]
        var previous: Int32 = -1
        for c in candidates where c != previous {
            previous = c
            let pair = scorer.score(Int(c), Int(i))
            guard pair.weight >= settings.reviewWeight else { continue }
            let person = personOf[Int(c)]
            if let current = best[person], current.weight >= pair.weight { continue }
            best[person] = pair
        }
        let ranked = best.sorted { $0.value.weight != $1.value.weight ? $0.value.weight > $1.value.weight : $0.key < $1.key }
        // People the record could join automatically; the cannot-link rule drops the rest.
        var eligible: [(Int, ScoredPair)] = []
        var review: [IndexAssignment.Candidate] = []
        for (person, pair) in ranked {
            // Decided different people (cannot-link rule or a reviewer): not for review.
            if !scorer.comparator.personConflict(pair.first, pair.second).isEmpty { continue }
            if pair.pattern.level(of: .nhsNumber) == 2 || pair.pattern.level(of: .croNumber) == 2 { continue }
            if let reason = refusal(Int(i), person: person) {
                if reason == .reviewerSaidDifferent { continue }
                review.append(.init(personID: person, pair: pair, reason: reason))
            } else if pair.weight >= settings.autoLinkWeight {
                eligible.append((person, pair))
            } else {
                review.append(.init(personID: person, pair: pair, reason: .uncertain))
            }
        }
        // A record that fits two people who conflict with each other joins neither.
        var contested: [Int: PersonConflict] = [:]
        for x in eligible.indices {
            for y in (x + 1)..<eligible.count {
                guard let left = personIdentities[eligible[x].0], let right = personIdentities[eligible[y].0] else { continue }
                let conflict = left.conflict(with: right, scorer.comparator)
                if !conflict.isEmpty { contested[eligible[x].0] = conflict; contested[eligible[y].0] = conflict }
            }
        }
        // Unless it clearly fits the strongest of them better than any rival that conflicts
        // with that one (`CompetingPeople`), as in a batch run.
        var settledOn: Int?
        if !contested.isEmpty, let (best, bestPair) = eligible.first {
            func conflicts(_ x: Int, _ y: Int) -> Bool {
                guard let a = personIdentities[x], let b = personIdentities[y] else { return false }
                return !a.conflict(with: b, scorer.comparator).isEmpty
            }
            // Eligible people run strongest first: the first that conflicts with the best is the rival.
            let rival = eligible.dropFirst().first { conflicts(best, $0.0) }
            let side = eligible.dropFirst().filter { !conflicts(best, $0.0) }.map(\.0)
            let sideIsConsistent = side.indices.allSatisfy { x in side[(x + 1)...].allSatisfy { !conflicts(side[x], $0) } }
            if let rival, sideIsConsistent,
               CompetingPeople.clearlyFits(best: bestPair, rival: rival.1, model: scorer.model, autoLinkWeight: settings.autoLinkWeight) {
                settledOn = best
            }
        }
        var chosen: (Int, ScoredPair)?
        for (person, pair) in eligible {
            if person == settledOn {
                chosen = (person, pair)
            } else if let conflict = contested.values.first, !PersonClusterer.identifierAgrees(pair) {
                // Ambiguous: it joins no one, not even a person it alone would fit, except
                // through an NHS or CRO number they share.
                review.append(.init(personID: person, pair: pair, reason: .fitsTwoPeople(conflict)))
            } else if chosen == nil {
                chosen = (person, pair)
            } else {
                review.append(.init(personID: person, pair: pair, reason: .uncertain))
            }
        }
        review.sort { $0.pair.weight != $1.pair.weight ? $0.pair.weight > $1.pair.weight : $0.personID < $1.personID }
        let person = chosen?.0 ?? nextPersonID
        attach(i, to: person)
        for (r, key) in keys.enumerated() { blocking.add(rule: r, key: key, record: i) }
        return IndexAssignment(
            recordID: record.recordID, recordIndex: Int(i), personID: person, isNewPerson: chosen == nil,
            match: chosen?.1, reviewCandidates: review, comparisons: candidates.count)
    }

    /// Indexes `record` as a member of `person` without matching it: for catching up with
    /// records another process already resolved and stored, so later matches see them.
    public func add(_ record: LinkageRecord, toPerson person: Int) throws(LinkageError) {
        if indexOfID[record.recordID] != nil { throw LinkageError(code: .duplicateRecordID, recordID: record.recordID) }
        let i = Int32(recordIDs.count)
        scorer.comparator.append(record)
        scorer.refreshNameAdjustments()
        recordIDs.append(record.recordID)
        indexOfID[record.recordID] = i
        personOf.append(-1)
        let records = scorer.comparator.records
        attach(i, to: person)
        for (r, rule) in rules.enumerated() { blocking.add(rule: r, key: rule.key(records, Int(i)), record: i) }
    }

    /// Records a reviewer's decision. A must-link moves the second record's whole person
    /// into the first record's person (the second person id is retired), unless a
    /// cannot-link joins the two people; a cannot-link binds later merges but does not
    /// split a person that already holds both records (re-run the batch, or move the
    /// records, for that). Returns false when a record id is unknown or the must-link is
    /// refused.
    @discardableResult
    public func apply(_ decision: ReviewerDecision) -> Bool {
        guard let a = indexOfID[decision.firstRecordID], let b = indexOfID[decision.secondRecordID], a != b else { return false }
        switch decision.kind {
        case .differentPeople:
            cannotLink[a, default: []].insert(b)
            cannotLink[b, default: []].insert(a)
            return true
        case .samePerson:
            let pa = personOf[Int(a)], pb = personOf[Int(b)]
            if pa == pb { return true }
            let moving = members[pb] ?? []
            let staying = Set(members[pa] ?? [])
            for m in moving where cannotLink[m].map({ !$0.isDisjoint(with: staying) }) ?? false { return false }
            members[pb] = nil
            for m in moving { attach(m, to: pa) }
            if personNHS[pa] == nil { personNHS[pa] = personNHS[pb] }
            if personCRO[pa] == nil { personCRO[pa] = personCRO[pb] }
            personNHS[pb] = nil
            personCRO[pb] = nil
            personIdentities[pb] = nil
            return true
        }
    }

    private func attach(_ record: Int32, to person: Int) {
        personOf[Int(record)] = person
        members[person, default: []].append(record)
        if person < Int.max { nextPersonID = max(nextPersonID, person + 1) }
        let r = scorer.comparator.records
        if r.nhs[Int(record)] != 0, personNHS[person] == nil { personNHS[person] = r.nhs[Int(record)] }
        if r.cro[Int(record)] != 0, personCRO[person] == nil { personCRO[person] = r.cro[Int(record)] }
        if personIdentities[person] == nil {
            personIdentities[person] = PersonIdentities(record: record)
        } else {
            personIdentities[person]?.add(record: record, scorer.comparator)
        }
    }

    /// The batch clustering guards, for one record joining one person: nil when it may
    /// join, else why not. The cannot-link rule is checked against every identity the
    /// person holds, not a sample.
    private func refusal(_ i: Int, person: Int) -> PairOutcome.Reason? {
        let r = scorer.comparator.records
        if r.nhs[i] != 0, let nhs = personNHS[person], nhs != r.nhs[i] { return .wouldJoinADifferentPerson([]) }
        if r.cro[i] != 0, let cro = personCRO[person], cro != r.cro[i] { return .wouldJoinADifferentPerson([]) }
        let group = members[person] ?? []
        if let forbidden = cannotLink[Int32(i)], group.contains(where: forbidden.contains) { return .reviewerSaidDifferent }
        if let identities = personIdentities[person] {
            let conflict = identities.conflict(withRecord: i, scorer.comparator)
            if !conflict.isEmpty { return .wouldJoinADifferentPerson(conflict) }
        }
        return holdsOnePartnersRecordsApart(i, group) ? .samePartnerRecordsDiffer : nil
    }

    /// The batch clustering's same-partner guard (`PersonClusterer.samePartnerEvidenceBits`):
    /// whether joining would put the new record and a record the same partner keeps under
    /// another id into one person although those two do not match each other well enough
    /// to link. Applies only where this model learned that one partner's two records are
    /// usually two people. Scores only the person's records from the new record's partner.
    private func holdsOnePartnersRecordsApart(_ i: Int, _ group: [Int32]) -> Bool {
        guard samePartnerGuardApplies else { return false }
        let source = scorer.comparator.records.source
        let own = source[i]
        guard own != 0 else { return false }
        for member in group where source[Int(member)] == own {
            let m = Int(member)
            if Double(scorer.weight(pattern: scorer.comparator.pattern(m, i), m, i).weight) < settings.autoLinkWeight {
                return true
            }
        }
        return false
    }

    private var samePartnerGuardApplies: Bool {
        model.weight(.source, level: 1) <= PersonClusterer.samePartnerEvidenceBits
    }
}
