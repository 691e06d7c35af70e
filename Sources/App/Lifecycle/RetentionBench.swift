import ArgumentParser
import Foundation
import LanternDomain
import SQLKit
import Storage

/// `lantern bench retention --records N --dispose D`: builds a SQLite store
/// of N source records (a fifth of them the police's, each with an event;
/// every other police person also known to the council; police people in
/// households of four), then disposes of D police records as one approved
/// batch and prints the time. Afterwards it checks what the issue asks: the
/// audit ledger verifies, linkage is consistent (no record without its
/// person, no person without records, no household member who is gone, no
/// household of fewer than two) and no disposed value is left in the
/// database files.
struct RetentionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retention", abstract: "Disposal speed, and that nothing disposed is left.")

    @ArgumentParser.Option(help: "Source records in the store.") var records = 1_000_000
    @ArgumentParser.Option(help: "Police records to dispose of.") var dispose = 100_000
    @ArgumentParser.Option(help: "Keep the store in this directory instead of a temporary one (for crash tests).") var data: String?

    func run() async throws {
        let police = records / 5
        guard records >= 10, dispose > 0, dispose <= police else { throw ValidationError("--dispose must be positive and at most a fifth of --records") }
        let scratch = data.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("lantern-retention-\(UUID().uuidString)")
        defer { if data == nil { try? FileManager.default.removeItem(at: scratch) } }
        var config = LanternConfiguration()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let (total, dispose) = (records, dispose)
        let clock = ContinuousClock()
        try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            let sql = try AppRunner.sql(app)
            guard sql.dialect.name == "sqlite" else { throw ValidationError("the retention bench builds its store on SQLite") }
            let buildStart = clock.now
            try await Self.build(sql, records: total, police: police)
            print(String(format: "store          %d source records, %d police with an event each, built in %.1f s", total, police,
                         LinkBench.seconds(clock.now - buildStart)))
            let now = Date()
            let (batch, reference) = try await RetentionRepository(database: sql).createBatch(
                partner: "bench-police", recordClass: RecordClass.people, reason: "retention", ruleVersion: 0, action: "destroy",
                status: .approved, dueBy: CalendarDate.today(at: now).description, preview: #"{"items":\#(dispose)}"#, preparedBy: "bench", at: now)
            try await sql.raw("""
                INSERT INTO disposal_items (batch_id, item_table, item_id)
                SELECT \(bind: batch), 'source_records', id FROM source_records
                WHERE partner_slug = 'bench-police' AND CAST(substr(record_id, 3) AS INTEGER) < \(literal: dispose)
                """).run()
            // The scan must find the values before it can be trusted to find none after.
            let before = try Self.disposedValuesLeft(in: config.sqlitePath, below: dispose)
            print("files before   \(before) values of the records to be disposed of found in the database files")
            print("disposing \(reference)")
            fflush(nil)
            let start = clock.now
            let outcome = try await DisposalService(app: app).carryOut(
                batch: batch, approvedBy: DisposalApprover(userID: "bench", partner: "bench-police", role: "records"))
            let seconds = LinkBench.seconds(clock.now - start)
            print("disposed \(reference)")
            print(String(format: "dispose        %d police records of %d (%d rows in all) in %.2f s, secure delete and WAL checkpoint included",
                         dispose, total, outcome.certificate.total, seconds))
            print("certificate    " + outcome.certificate.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
            let report = try await AuditRepository(database: sql).verify(verifier: app.auditTrail.signer.verifier)
            print("audit verify   \(report.fault == nil ? "passes" : "FAILS: \(report.fault!)") (\(report.entriesChecked) entries)")
            let faults = try await Self.linkageFaults(sql)
            print("linkage        \(faults.isEmpty ? "consistent" : "INCONSISTENT: " + faults.joined(separator: "; "))")
            let left = try Self.disposedValuesLeft(in: config.sqlitePath, below: dispose)
            print("files          \(left == 0 ? "no disposed value found" : "\(left) DISPOSED VALUES FOUND") in the database, WAL and shared-memory files")
            if report.fault != nil || !faults.isEmpty || left > 0 { throw ExitCode(1) }
        }
    }

    /// Generated in SQL: Lantern's ids are upper-case UUID text, dates REAL seconds.
    static func build(_ sql: any SQLDatabase, records: Int, police: Int) async throws {
        let batch = UUID()
        let now = Date().timeIntervalSince1970
        func id(_ kind: Int, _ expression: String) -> String { "printf('%08X-0000-4000-8000-%012X', \(kind), \(expression))" }
        // Police record i is person i; council record j is person j when j is even
        // and below the police count (the same person), else a person of its own.
        try await sql.raw("""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(literal: records - 1))
            INSERT INTO source_records (id, partner_slug, record_id, version, batch_id, received_at, person_id, given_names, family_name,
                                        date_of_birth, sex, address_line, postcode, email, search_key)
            SELECT \(unsafeRaw: id(0, "i")), CASE WHEN i < \(literal: police) THEN 'bench-police' ELSE 'bench-council' END, 'R-' || i, 1,
                   \(bind: batch), \(literal: now),
                   CASE WHEN i < \(literal: police) THEN \(unsafeRaw: id(1, "i"))
                        WHEN (i - \(literal: police)) % 2 = 0 AND i - \(literal: police) < \(literal: police) THEN \(unsafeRaw: id(1, "i - \(police)"))
                        ELSE \(unsafeRaw: id(1, "i + \(records)")) END,
                   'Given', CASE WHEN i < \(literal: police) THEN 'Zqp' || i || 'x' ELSE 'Zqc' || i || 'x' END,
                   printf('%04d-%02d-%02d', 1950 + i % 60, 1 + i % 12, 1 + i % 28), 'F', (i % 500) || ' Bench Road', 'HB' || (i % 90 + 1) || ' 1AB',
                   CASE WHEN i < \(literal: police) THEN 'zqp' || i || 'x@example.invalid' ELSE 'zqc' || i || 'x@example.invalid' END,
                   CASE WHEN i < \(literal: police) THEN 'zqp' || i || 'x given' ELSE 'zqc' || i || 'x given' END
            FROM n
            """).run()
        try await sql.raw("""
            INSERT INTO people (id, display_name, date_of_birth, created_at)
            SELECT person_id, MIN(given_names || ' ' || family_name), MIN(date_of_birth), \(literal: now) FROM source_records GROUP BY person_id
            """).run()
        try await sql.raw("""
            INSERT INTO events (id, partner_slug, record_id, version, batch_id, received_at, person_record_id, category, data_category, role,
                                occurred_on, summary, nature)
            SELECT \(unsafeRaw: id(2, "CAST(substr(record_id, 3) AS INTEGER)")), partner_slug, 'E-' || substr(record_id, 3), 1, batch_id, received_at,
                   record_id, 'asb', 'asb', 'subject', '2018-01-01', 'Noise reported about ' || family_name, 'fact'
            FROM source_records WHERE partner_slug = 'bench-police'
            """).run()
        try await sql.raw("""
            INSERT INTO households (id, size, grouped_at)
            WITH RECURSIVE n(h) AS (SELECT 0 UNION ALL SELECT h + 1 FROM n WHERE h < \(literal: police / 4 - 1))
            SELECT \(unsafeRaw: id(3, "h")), 4, \(literal: now) FROM n
            """).run()
        try await sql.raw("""
            INSERT INTO household_members (household_id, person_id)
            SELECT \(unsafeRaw: id(3, "CAST(substr(record_id, 3) AS INTEGER) / 4")), person_id FROM source_records
            WHERE partner_slug = 'bench-police' AND CAST(substr(record_id, 3) AS INTEGER) < \(literal: police / 4 * 4)
            """).run()
        try await sql.raw("""
            INSERT INTO household_evidence (household_id, description)
            SELECT id, 'Shared address ' || id FROM households
            """).run()
        try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
    }

    /// What would make linkage inconsistent after a disposal.
    static func linkageFaults(_ sql: any SQLDatabase) async throws -> [String] {
        let checks = [
            ("records whose person is gone", "SELECT COUNT(*) AS n FROM source_records WHERE person_id IS NOT NULL AND person_id NOT IN (SELECT id FROM people)"),
            ("people with no records", "SELECT COUNT(*) AS n FROM people WHERE id NOT IN (SELECT person_id FROM source_records WHERE person_id IS NOT NULL)"),
            ("household members who are gone", "SELECT COUNT(*) AS n FROM household_members WHERE person_id NOT IN (SELECT id FROM people)"),
            ("households of fewer than two", "SELECT COUNT(*) AS n FROM households WHERE (SELECT COUNT(*) FROM household_members m WHERE m.household_id = households.id) < 2"),
            ("events whose record is gone", "SELECT COUNT(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM source_records s WHERE s.partner_slug = e.partner_slug AND s.record_id = e.person_record_id)"),
        ]
        var faults: [String] = []
        for (what, query) in checks {
            let count = try await sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? 0
            if count > 0 { faults.append("\(count) \(what)") }
        }
        return faults
    }

    /// Counts police values (`zqp<n>x`, any case) with n below `limit` left in the store's files.
    static func disposedValuesLeft(in path: String, below limit: Int) throws -> Int {
        var found = 0
        for file in [path, path + "-wal", path + "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let b = raw.bindMemory(to: UInt8.self)
                var i = 0
                while i + 4 < b.count {
                    if (b[i] | 0x20) == UInt8(ascii: "z"), b[i + 1] == UInt8(ascii: "q"), b[i + 2] == UInt8(ascii: "p") {
                        var j = i + 3
                        var number = 0
                        while j < b.count, b[j] >= 48, b[j] <= 57, j - i < 12 { number = number * 10 + Int(b[j] - 48); j += 1 }
                        if j > i + 3, j < b.count, b[j] == UInt8(ascii: "x"), number < limit { found += 1 }
                        i = j
                    } else {
                        i += 1
                    }
                }
            }
        }
        return found
    }
}
