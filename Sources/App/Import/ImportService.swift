import FluentKit
import Foundation
import LanternDomain
import Logging
import Metrics
import SQLKit
import Storage

/// How far an import has got, for a progress line on a terminal.
public struct ImportProgress: Sendable {
    public var rows: Int
    public var bytesRead: Int
    public var totalBytes: Int?
    public var seconds: Double
}

/// Loads one partner extract: parse, validate, check the agreement, write.
///
/// Contract: the whole file is one transaction. If any row has a problem the
/// transaction is rolled back and every problem is reported (up to
/// `problemLimit`, then counted), unless a quarantine file is given, in which
/// case the bad rows go there and the good rows are loaded.
public struct ImportService: Sendable {
    let database: any Database
    let logger: Logger
    let clock: @Sendable () -> Date
    let audit: AuditTrail
    /// Who is importing, for the audit entry.
    let actor: String
    /// Resolves a people import's new records to people once it has committed.
    let linker: StoreLinker?
    /// Raises alerts after an events import, through the access decision.
    let alerts: AccessGate?
    public var chunkSize = 1_000
    public var problemLimit = 10_000

    public init(database: any Database, logger: Logger, audit: AuditTrail, actor: String,
                linker: StoreLinker? = nil, alerts: AccessGate? = nil, clock: @escaping @Sendable () -> Date = Date.init) {
        self.linker = linker
        self.alerts = alerts
        self.database = database
        self.logger = logger
        self.audit = audit
        self.actor = actor
        self.clock = clock
    }

    public func run(partner: String, kind: ImportKind, source: ExtractSource, quarantine: QuarantineFile? = nil,
                    progress: (@Sendable (ImportProgress) -> Void)? = nil) async throws -> ImportSummary {
        let started = clock()
        let today = CalendarDate.today(at: started)
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let partnership = PartnershipRepository(database: sql)
        let batchID = UUID()
        let summary: ImportSummary
        do {
            guard let known = try await partnership.partners().first(where: { $0.slug == partner }) else {
                throw ImportFailure.unknownPartner(partner)
            }
            let sharable = try await partnership.sharableCategories(for: partner, on: today)
            guard !sharable.isEmpty else { throw ImportFailure.noAgreement(partner: known.name) }
            let validator = ExtractValidator(kind: kind, file: source.name, today: today,
                                             sharable: sharable, partnerName: known.name)
            summary = try await write(batchID: batchID, partner: partner, kind: kind, source: source, validator: validator,
                                      quarantine: quarantine, started: started, progress: progress)
        } catch let failure as ImportFailure {
            // The refusal is audited too, after the rollback left the store untouched.
            try await audit.recordAlone([AuditRecord(
                actor: actor, partner: partner, purpose: "intake", action: .import, subject: "partner:\(partner)",
                resource: "batch:\(batchID.uuidString) kind:\(kind.rawValue)", decision: .deny,
                reason: failure.auditReason)], on: database, at: clock())
            throw failure
        }
        Counter(label: "lantern_import_rows_total", dimensions: [("outcome", "loaded")]).increment(by: summary.loaded)
        Counter(label: "lantern_import_rows_total", dimensions: [("outcome", "updated")]).increment(by: summary.updated)
        Counter(label: "lantern_import_rows_total", dimensions: [("outcome", "rejected")]).increment(by: summary.rejected)
        if kind == .people, let linker {
            // After the commit: if this fails the records keep their own people
            // and the next full linkage run joins them.
            let joined = try await linker.resolve(batch: batchID, database: database, audit: audit, actor: actor)
            logger.info("new records linked", metadata: ["batch": .string(batchID.uuidString), "joined": .stringConvertible(joined)])
        }
        if kind == .events, let alerts {
            let raised = try await AlertService.raise(afterBatch: batchID, database: database, gate: alerts, audit: audit)
            logger.info("alerts raised", metadata: ["batch": .string(batchID.uuidString), "notifications": .stringConvertible(raised)])
            let repeats = try await PanelRepeats.raise(afterBatch: batchID, database: database, gate: alerts, audit: audit)
            logger.info("possible repeats raised", metadata: ["batch": .string(batchID.uuidString), "notifications": .stringConvertible(repeats)])
        }
        // Counts and ids only: never names or other personal data in logs.
        logger.info("import finished", metadata: [
            "partner": .string(partner), "kind": .string(kind.rawValue), "batch": .string(batchID.uuidString),
            "loaded": .stringConvertible(summary.loaded), "updated": .stringConvertible(summary.updated),
            "rejected": .stringConvertible(summary.rejected),
        ])
        return summary
    }

    /// Parses, validates and writes the whole file in one transaction.
    private func write(batchID: UUID, partner: String, kind: ImportKind, source: ExtractSource,
                       validator: ExtractValidator, quarantine: QuarantineFile?, started: Date,
                       progress: (@Sendable (ImportProgress) -> Void)?) async throws -> ImportSummary {
        try await database.transaction { transaction -> ImportSummary in
            guard let tx = transaction as? any SQLDatabase else { throw StorageError.notSQL }
            if tx.dialect.name == "sqlite" {
                // A bigger page cache for this connection: with SQLite's 2 MB default,
                // index inserts miss the cache once a store holds a few hundred thousand records.
                try await tx.raw("PRAGMA cache_size = -131072").run()
            }
            let writer = ImportWriter(database: tx, partner: partner, kind: kind, batchID: batchID, receivedAt: started)
            var batch = ImportBatch(writer: writer, validator: validator, quarantine: quarantine, problemLimit: problemLimit,
                                    tombstones: (TombstoneKey(key: audit.signer.derivedKey(purpose: "disposal-tombstone")),
                                                 DisposalTombstoneRepository(database: tx)))
            var stream = RecordStream(format: source.format, file: source.name,
                                      knownColumns: Set(kind.columns)) { validator.checkHeader($0) }
            var pending: [RawRow] = []
            var bytes = 0
            // Validation of one chunk overlaps the writing of the one before.
            var validated: [(RawRow, RowOutcome)] = []
            func next(_ chunk: [RawRow]) async throws {
                let validation = Task { ImportBatch.validate(chunk, with: validator) }
                try await batch.apply(validated)
                validated = await validation.value
                progress?(ImportProgress(rows: batch.rows, bytesRead: bytes, totalBytes: source.size,
                                         seconds: clock().timeIntervalSince(started)))
            }
            do {
                try await source.forEachChunk { chunk in
                    bytes += chunk.count
                    try stream.feed(chunk) { pending.append($0) }
                    while pending.count >= chunkSize {
                        try await next(Array(pending.prefix(chunkSize)))
                        pending.removeFirst(chunkSize)
                    }
                }
                try stream.finish { pending.append($0) }
                try await next(pending)
                try await batch.apply(validated)
            } catch let header as HeaderProblems {
                throw ImportFailure.rejected(problems: header.problems, moreProblems: 0, rows: batch.rows)
            }
            try await batch.finish()
            if batch.problemCount > 0 && quarantine == nil {
                throw ImportFailure.rejected(problems: batch.problems, moreProblems: batch.problemCount - batch.problems.count,
                                             rows: batch.rows)
            }
            var summary = ImportSummary(batchID: batchID, partner: partner, kind: kind, file: source.name,
                                        loaded: batch.loaded, updated: batch.updated, rejected: batch.rejectedRows,
                                        seconds: clock().timeIntervalSince(started))
            summary.notReimported = batch.notReimported
            try await ImportBatchRepository(database: tx).record(summary, startedAt: started, finishedAt: clock())
            // In the same transaction: the ledger holds this import if and only if the store does.
            try await StoreChangeLog(database: tx).noteImport(batch: batchID, at: started)
            try await audit.record([AuditRecord(
                actor: actor, partner: partner, purpose: "intake", action: .import, subject: "partner:\(partner)",
                resource: "batch:\(batchID.uuidString) kind:\(kind.rawValue) loaded:\(summary.loaded) updated:\(summary.updated) rejected:\(summary.rejected)"
                    + (summary.notReimported.isEmpty ? "" : " not-reimported:\(summary.notReimported.count)"),
                decision: .permit, reason: "approved agreement in force covers the rows")], on: tx, at: started)
            return summary
        }
    }
}

extension CalendarDate {
    /// The UTC day containing `instant`; the one place wall-clock time becomes a day.
    static func today(at instant: Date) -> CalendarDate {
        CalendarDate(dayNumber: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
