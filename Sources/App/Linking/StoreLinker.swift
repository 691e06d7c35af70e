import Fluent
import Foundation
import Ledger
import Linkage
import SQLKit
import Storage
import Vapor

/// Links the store's source records into people: a full run that trains the
/// model and re-clusters everything (`lantern link` with no files, and the
/// demo), and incremental resolution of each import's new records against an
/// in-memory index built from the store.
///
/// Contract: people keep their ids across runs where their records stay
/// together (the largest group of a person's records keeps its id), and an
/// import's new records join existing people without re-running the batch.
public actor StoreLinker {
    /// The index and how its person numbers map to the store's person ids;
    /// nil until a model exists and the index is first needed.
    private var index: LinkageIndex?
    private var personOfNumber: [Int: UUID] = [:]
    private var numberOfPerson: [UUID: Int] = [:]
    let settings = LinkageSettings()
    /// The store change (`StoreChangeLog`) the index reflects. Changes since,
    /// written by this process or another over the same store, are caught up
    /// before each resolution (see `catchUp`).
    private var indexSeq = 0

    public struct RunSummary: Sendable {
        public var records: Int
        public var people: Int
        public var candidatePairs: Int
        public var forReview: Int
        public var moved: Int
    }

    /// Trains the model on every source record, clusters them and stores the
    /// people; the index is rebuilt from the result.
    public func relinkAll(database: any Database, audit: AuditTrail, actor: String) async throws -> RunSummary {
        let settings = settings
        let (result, uuidOfCluster, moved) = try await database.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            let repository = LinkageRepository(database: sql)
            let records = try await repository.records()
            let input = records.map(Self.linkageRecord)
            let review = ReviewRepository(database: sql)
            let decisions = try await review.decisions().map {
                ReviewerDecision($0.firstRecord.uuidString, $0.secondRecord.uuidString, $0.samePerson ? .samePerson : .differentPeople)
            }
            var random = Linkage.SeededGenerator(seed: 1)
            let result = try await LinkageRun.run(records: input, settings: settings, decisions: decisions, random: &random)
            try await review.replaceOpenPairs(result.reviewQueue.map { pair in
                (records[pair.first].id, records[pair.second].id, pair.probability, pair.weight,
                 Self.reviewLines(result.reviewEvidence(for: pair)) + result.explanation(for: pair).lines)
            }, at: Date())
            // Kept with the rule that decided them, so a reviewer can still overturn one.
            try await review.replaceRuledPairs(result.ruledDifferent.map { ruled in
                (records[ruled.pair.first].id, records[ruled.pair.second].id, ruled.pair.probability, ruled.pair.weight,
                 ["Decided by rule: \(ruled.reason.description)"] + Self.reviewLines(result.reviewEvidence(for: ruled.pair))
                    + result.explanation(for: ruled.pair).lines)
            }, at: Date())
            let (uuidOfCluster, newPeople) = Self.stablePeople(records: records, clusters: result.personOfRecord)
            var moves: [UUID: UUID] = [:]
            for (index, record) in records.enumerated() where record.personID != uuidOfCluster[result.personOfRecord[index]] {
                moves[record.id] = uuidOfCluster[result.personOfRecord[index]]
            }
            try await repository.assign(moves, newPeople: newPeople, at: Date())
            let model = String(decoding: try JSONEncoder().encode(result.model), as: UTF8.self)
            try await repository.saveModel(model, records: records.count, at: Date())
            let households = try await HouseholdService.regroup(sql, at: Date())
            try await audit.record([AuditRecord(
                actor: actor, partner: "", purpose: "case-finding", action: .write, subject: "linkage",
                resource: "records:\(records.count) people:\(result.personCount) moved:\(moves.count) households:\(households)",
                decision: .permit, reason: "full linkage run")], on: sql)
            return (result, uuidOfCluster, moves.count)
        }
        index = LinkageIndex(result: result)
        if let sql = database as? any SQLDatabase { indexSeq = try await StoreChangeLog(database: sql).latest() }
        personOfNumber = uuidOfCluster
        numberOfPerson = Dictionary(uniqueKeysWithValues: uuidOfCluster.map { ($0.value, $0.key) })
        return RunSummary(records: result.recordIDs.count, people: result.personCount,
                          candidatePairs: result.summary.candidatePairs,
                          forReview: result.summary.pairsForReview, moved: moved)
    }

    /// What stopped an automatic link and which fields agree or differ, shown to the
    /// reviewer before the field-by-field weights.
    static func reviewLines(_ evidence: ReviewEvidence) -> [String] {
        var lines: [String] = []
        if let stoppedBy = evidence.stoppedBy { lines.append("Not linked automatically: \(stoppedBy)") }
        let agree = evidence.fields.filter { $0.agreement == .agrees }.map(\.description)
        let differ = evidence.fields.filter { $0.agreement == .differs }.map(\.description)
        if !agree.isEmpty { lines.append("Agree: " + agree.joined(separator: ", ")) }
        if !differ.isEmpty { lines.append("Differ: " + differ.joined(separator: ", ")) }
        return lines
    }

    /// Resolves the records first received in `batch` against the index.
    /// Returns how many joined an existing person; 0 when no model exists yet.
    @discardableResult
    public func resolve(batch: UUID, database: any Database, audit: AuditTrail, actor: String) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let repository = LinkageRepository(database: sql)
        // Nothing to resolve against until a full run has trained a model; checked
        // first so a large first import does not load its records for nothing.
        if index == nil, try await repository.model() == nil { return 0 }
        let fresh = try await repository.records(firstReceivedIn: batch)
        let freshIDs = Set(fresh.map(\.id))
        try await catchUp(sql, repository, excluding: freshIDs)
        guard !fresh.isEmpty, let index = try await loadIndex(sql, repository, excluding: freshIDs) else { return 0 }
        var moves: [UUID: UUID] = [:]
        for record in fresh {
            let assignment = try index.resolve(Self.linkageRecord(record))
            if let existing = personOfNumber[assignment.personID] {
                moves[record.id] = existing
            } else if let own = record.personID {
                personOfNumber[assignment.personID] = own
                numberOfPerson[own] = assignment.personID
            }
        }
        guard !moves.isEmpty else { return 0 }
        let joined = moves
        try await database.transaction { transaction in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            try await LinkageRepository(database: tx).assign(joined, newPeople: [:], at: Date())
            try await audit.record([AuditRecord(
                actor: actor, partner: "", purpose: "case-finding", action: .write, subject: "linkage",
                resource: "batch:\(batch.uuidString) joined:\(joined.count)", decision: .permit,
                reason: "incremental resolution of new records")], on: tx)
        }
        return moves.count
    }

    /// Records a reviewer's decision on a queued pair and applies it: the two
    /// records' people are merged, or the second record is split off into a
    /// person of its own. Later runs respect the decision.
    public func decide(pair id: UUID, samePerson: Bool, reason: String, reviewer: UUID, partner: String,
                       database: any Database, audit: AuditTrail) async throws -> Bool {
        let applied = try await database.transaction { transaction -> Bool in
            guard let sql = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            let review = ReviewRepository(database: sql)
            guard let pair = try await review.pair(id), pair.open else { return false }
            try await review.decide(pair: id, first: pair.first, second: pair.second, samePerson: samePerson,
                                    reason: reason, reviewer: reviewer, at: Date())
            let linkage = LinkageRepository(database: sql)
            let both = try await linkage.records(ids: [pair.first, pair.second])
            guard let first = both.first(where: { $0.id == pair.first }), let second = both.first(where: { $0.id == pair.second })
            else { return true }
            if samePerson, let target = first.personID, second.personID != target {
                var moving = [second]
                if let other = second.personID { moving = try await linkage.records(person: other) }
                let moves = Dictionary(uniqueKeysWithValues: moving.map { ($0.id, target) })
                try await linkage.assign(moves, newPeople: [:], at: Date())
            } else if !samePerson, first.personID != nil, first.personID == second.personID {
                let person = UUID()
                try await linkage.assign([second.id: person], newPeople: [person: second], at: Date())
            }
            try await audit.record([AuditRecord(
                actor: reviewer.uuidString, partner: partner, purpose: "case-finding", action: .write,
                subject: "records:\(pair.first.uuidString),\(pair.second.uuidString)", resource: "review-pair:\(id.uuidString)",
                decision: .permit, reason: (samePerson ? "confirmed same person: " : "rejected as different people: ") + reason)],
                on: sql)
            return true
        }
        // The store changed under the index: rebuild it from the store when next needed.
        if applied { index = nil; personOfNumber = [:]; numberOfPerson = [:] }
        return applied
    }

    /// Forgets the in-memory index (after a disposal); the next resolution rebuilds it from the store.
    public func forgetIndex() {
        index = nil
        personOfNumber = [:]
        numberOfPerson = [:]
    }

    /// Brings the index up to the latest store change, whichever process wrote
    /// it: records another process imported are added with the people it
    /// stored for them; records that moved between people are checked against
    /// the index, and a disagreement, a disposal (a disposed record must never
    /// come back by matching a new one), a new model or a change too wide to
    /// list means the index is rebuilt from the store when next needed.
    /// Changes that leave records where they are (households regrouped, rules
    /// saved) cost only the read of the log.
    private func catchUp(_ sql: any SQLDatabase, _ repository: LinkageRepository, excluding fresh: Set<UUID>) async throws {
        guard let index else { return }
        let log = StoreChangeLog(database: sql)
        guard try await log.latest() != indexSeq else { return }
        var nextNumber = (personOfNumber.keys.max() ?? -1) + 1
        func add(_ record: LinkableRecord) throws {
            let person = record.personID ?? record.id
            let number = numberOfPerson[person] ?? nextNumber
            if number == nextNumber {
                nextNumber += 1
                numberOfPerson[person] = number
                personOfNumber[number] = person
            }
            try index.add(Self.linkageRecord(record), toPerson: number)
        }
        for change in try await log.changes(after: indexSeq) {
            switch (change.kind, change.reach) {
            case ("disposal", _), ("linkage-model", _), ("linkage", .everything):
                return forgetIndex()
            case (_, .batch(let batch)):
                for record in try await repository.records(firstReceivedIn: batch)
                where !fresh.contains(record.id) && index.personID(ofRecord: record.id.uuidString) == nil {
                    try add(record)
                }
            case (_, .people(let people)):
                for record in try await repository.records(ofPeople: Array(people)) where !fresh.contains(record.id) {
                    guard let number = index.personID(ofRecord: record.id.uuidString) else { try add(record); continue }
                    if personOfNumber[number] != record.personID { return forgetIndex() }
                }
            default:
                break
            }
            indexSeq = change.seq
        }
    }

    private func loadIndex(_ sql: any SQLDatabase, _ repository: LinkageRepository, excluding fresh: Set<UUID>) async throws -> LinkageIndex? {
        if let index { return index }
        // Read first: a change landing while the records load is then caught up again, not missed.
        let seq = try await StoreChangeLog(database: sql).latest()
        // A model saved by an older Lantern may not decode: then there is no
        // usable model, and the next full run trains a new one.
        guard let json = try await repository.model(),
              let model = try? JSONDecoder().decode(LinkageModel.self, from: Data(json.utf8)) else { return nil }
        let records = try await repository.records().filter { !fresh.contains($0.id) }
        var numbers: [Int] = []
        numbers.reserveCapacity(records.count)
        for record in records {
            let person = record.personID ?? record.id
            if let number = numberOfPerson[person] {
                numbers.append(number)
            } else {
                let number = numberOfPerson.count
                numberOfPerson[person] = number
                personOfNumber[number] = person
                numbers.append(number)
            }
        }
        let built = try await LinkageIndex.build(records: records.map(Self.linkageRecord), personIDs: numbers,
                                                 model: model, settings: settings)
        index = built
        indexSeq = seq
        return built
    }

    /// Gives each new cluster the existing person id most of its records
    /// already carry, unless a bigger cluster claimed it first.
    static func stablePeople(records: [LinkableRecord], clusters: [Int]) -> ([Int: UUID], [UUID: LinkableRecord]) {
        var members: [Int: [Int]] = [:]
        for (index, cluster) in clusters.enumerated() { members[cluster, default: []].append(index) }
        var claimed = Set<UUID>()
        var uuidOfCluster: [Int: UUID] = [:]
        var newPeople: [UUID: LinkableRecord] = [:]
        for (cluster, indices) in members.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
            var counts: [UUID: Int] = [:]
            for index in indices { if let person = records[index].personID { counts[person, default: 0] += 1 } }
            let keep = counts.sorted { ($0.value, $1.key.uuidString) > ($1.value, $0.key.uuidString) }
                .first { !claimed.contains($0.key) }?.key
            let person = keep ?? UUID()
            if keep == nil { newPeople[person] = records[indices[0]] }
            claimed.insert(person)
            uuidOfCluster[cluster] = person
        }
        return (uuidOfCluster, newPeople)
    }

    static func linkageRecord(_ record: LinkableRecord) -> LinkageRecord {
        LinkageRecord(
            recordID: record.id.uuidString, source: record.partner, givenNames: record.givenNames,
            familyName: record.familyName,
            otherNames: record.otherNames.map { $0.split(separator: ";").map(String.init) } ?? [],
            dateOfBirth: record.dateOfBirth, sex: record.sex, addressLine: record.addressLine,
            postcode: record.postcode, uprn: record.uprn, phone: record.phone, email: record.email,
            nhsNumber: record.nhsNumber, croNumber: record.croNumber)
    }
}

extension Application {
    private struct StoreLinkerKey: StorageKey { typealias Value = StoreLinker }

    public var storeLinker: StoreLinker {
        if let linker = storage[StoreLinkerKey.self] { return linker }
        let linker = StoreLinker()
        storage[StoreLinkerKey.self] = linker
        return linker
    }
}
