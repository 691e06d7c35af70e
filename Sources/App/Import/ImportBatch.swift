import Foundation
import LanternDomain
import Storage

/// The running state of one import: validates chunks of raw rows, checks
/// references, writes good rows and collects problems.
struct ImportBatch {
    let writer: ImportWriter
    let validator: ExtractValidator
    let quarantine: QuarantineFile?
    let problemLimit: Int
    /// Looks up disposed records' tombstones; nil leaves the check out.
    let tombstones: (key: TombstoneKey, repository: DisposalTombstoneRepository)?
    private(set) var rows = 0
    private(set) var loaded = 0
    private(set) var updated = 0
    private(set) var rejectedRows = 0
    private(set) var problems: [ImportProblem] = []
    private(set) var problemCount = 0
    /// Rows naming a disposed record: skipped, never written, and reported.
    private(set) var notReimported: [ImportProblem] = []

    init(writer: ImportWriter, validator: ExtractValidator, quarantine: QuarantineFile?, problemLimit: Int,
         tombstones: (key: TombstoneKey, repository: DisposalTombstoneRepository)? = nil) {
        self.tombstones = tombstones
        self.writer = writer
        self.validator = validator
        self.quarantine = quarantine
        self.problemLimit = problemLimit
    }

    /// Once a problem is found without a quarantine file, the batch will be
    /// rolled back, so later rows are checked but not written.
    private var writing: Bool { quarantine != nil || problemCount == 0 }

    /// Checks a chunk against the format and the agreement; pure, so it can
    /// run on another core while the previous chunk is being written.
    static func validate(_ raw: [RawRow], with validator: ExtractValidator) -> [(RawRow, RowOutcome)] {
        raw.map { row in
            if let problem = row.problem { return (row, .rejected([problem])) }
            return (row, validator.validate(row.values, line: row.line))
        }
    }

    /// Checks references, writes the good rows and collects the problems of
    /// a validated chunk.
    mutating func apply(_ validated: [(RawRow, RowOutcome)]) async throws {
        guard !validated.isEmpty else { return }
        rows += validated.count
        var outcomes = try await skipDisposed(validated)
        if validator.kind == .events || validator.kind == .involvements {
            outcomes = try await checkPeopleKnown(outcomes)
        }
        var chunk: [ValidatedRow] = []
        var idsInChunk = Set<String>()
        for (row, outcome) in outcomes {
            switch outcome {
            case .valid(let valid):
                // The same id twice in one file: the later row updates the earlier.
                if !idsInChunk.insert(valid.recordID).inserted {
                    try await write(chunk)
                    chunk.removeAll()
                    idsInChunk = [valid.recordID]
                }
                chunk.append(valid)
            case .rejected(let found):
                rejectedRows += 1
                problemCount += found.count
                for problem in found where problems.count < problemLimit { problems.append(problem) }
                try quarantine?.reject(row, problems: found, columns: validator.kind.columns)
            }
        }
        try await write(chunk)
    }

    private mutating func write(_ chunk: [ValidatedRow]) async throws {
        guard writing, !chunk.isEmpty else { return }
        let counts = try await writer.write(chunk)
        loaded += counts.loaded
        updated += counts.updated
    }

    /// Leaves out (and reports) each valid row whose record, or for an event
    /// or service whose person record, the partnership disposed of.
    ///
    /// Why skip rather than reject: a partner's case system keeps its records
    /// on its own schedule, so its routine full extract will carry a disposed
    /// record again and again. Rejecting would roll back every later extract
    /// from that partner (the all-or-nothing rule is for rows that are wrong);
    /// this row is right but must not come back. A DPO expects the rest of the
    /// extract to load and the partner to be told, row by row, what was left
    /// out and why, so its own retention can catch up.
    private mutating func skipDisposed(_ outcomes: [(RawRow, RowOutcome)]) async throws -> [(RawRow, RowOutcome)] {
        guard let tombstones else { return outcomes }
        let partner = writer.partner
        func ownTag(_ row: ValidatedRow) -> String {
            tombstones.key.tag(kind: validator.kind.rawValue, partner: partner, recordID: row.recordID)
        }
        func personTag(_ row: ValidatedRow) -> (tag: String, id: String)? {
            let person: String? = switch row {
            case .event(let event): event.personRecordID
            case .involvement(let involvement): involvement.personRecordID
            case .person, .encodedPerson: nil
            }
            return person.map { (tombstones.key.tag(kind: ImportKind.people.rawValue, partner: partner, recordID: $0), $0) }
        }
        var tags: [String] = []
        for case (_, .valid(let row)) in outcomes {
            tags.append(ownTag(row))
            if let person = personTag(row) { tags.append(person.tag) }
        }
        let found = try await tombstones.repository.find(tags)
        guard !found.isEmpty else { return outcomes }
        return outcomes.filter { raw, outcome in
            guard case .valid(let row) = outcome else { return true }
            let hit: (DisposalTombstone, String, String)? = found[ownTag(row)].map { ($0, "record_id", row.recordID) }
                ?? personTag(row).flatMap { person in found[person.tag].map { ($0, "person_record_id", person.id) } }
            guard let (tombstone, field, value) = hit else { return true }
            notReimported.append(ImportProblem(
                file: validator.file, line: raw.line, field: field, value: value,
                reason: "disposed on \(tombstone.disposedOn) under \(tombstone.rule); not re-imported"
                    + (field == "person_record_id" ? " (its person record was disposed of)" : "")))
            return false
        }
    }

    /// Events and involvements must be about a person this partner has sent.
    private func checkPeopleKnown(_ outcomes: [(RawRow, RowOutcome)]) async throws -> [(RawRow, RowOutcome)] {
        var wanted = Set<String>()
        for case (_, .valid(let row)) in outcomes {
            switch row {
            case .event(let event): wanted.insert(event.personRecordID)
            case .involvement(let involvement): wanted.insert(involvement.personRecordID)
            case .person, .encodedPerson: break
            }
        }
        let known = try await writer.knownPeople(wanted)
        return outcomes.map { raw, outcome in
            guard case .valid(let row) = outcome else { return (raw, outcome) }
            let person: String? = switch row {
            case .event(let event): event.personRecordID
            case .involvement(let involvement): involvement.personRecordID
            case .person, .encodedPerson: nil
            }
            guard let person, !known.contains(person) else { return (raw, outcome) }
            return (raw, .rejected([ImportProblem(
                file: validator.file, line: raw.line, field: "person_record_id", value: person,
                reason: "no person with this record id from \(validator.partnerName): send the people extract first")]))
        }
    }

    func finish() async throws {
        try quarantine?.close()
    }
}
