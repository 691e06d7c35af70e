import Foundation
import LanternDomain
import SQLKit
import Storage

/// The retention schedule at work: the rules in force, what is due and what
/// holds keep, and disposal batches prepared for the owning partner.
enum RetentionService {
    /// The latest saved schedule, or the seeds' defaults before any save.
    static func rules(_ sql: any SQLDatabase) async throws -> RetentionRuleSet {
        guard let saved = try await RetentionRepository(database: sql).latestRules() else { return .standard }
        return try JSONDecoder().decode(RetentionRuleSet.self, from: Data(saved.json.utf8))
    }

    static func activeHolds(_ sql: any SQLDatabase, on day: CalendarDate) async throws -> [LegalHold] {
        try await RetentionRepository(database: sql).holds().map(\.hold).filter { $0.inForce(on: day) }
    }

    /// What is due on `day`, for one partner or all.
    static func due(_ sql: any SQLDatabase, partner: String?, on day: CalendarDate) async throws -> (RetentionRuleSet, [RetentionVerdict]) {
        let rules = try await rules(sql)
        let candidates = try await RetentionCandidates(database: sql).all(partner: partner)
        // A record its officer kept at review is not due again until the review date they set.
        let kept = try await RetentionReviewRepository(database: sql).keptUntil()
        let today = day.description
        let due = rules.due(candidates, on: day, holds: try await activeHolds(sql, on: day)).filter { verdict in
            guard let until = kept[verdict.candidate.id] else { return true }
            return until <= today
        }
        return (rules, due)
    }

    /// One line of the due list: a partner's class, how many are due, how many held.
    struct DueLine: Encodable, Hashable {
        var partner: String
        var recordClass: String
        var label: String
        var action: String
        var due: Int
        /// Of those due, how many a batch not yet carried out already names.
        var batched: Int
        /// Due, not held and in no batch: what a new batch would take.
        var unbatched: Int
        var held: Int
        var earliest: String
        var holds: String
    }

    static func lines(_ verdicts: [RetentionVerdict], batched: Set<String> = []) -> [DueLine] {
        let groups = Dictionary(grouping: verdicts) { $0.candidate.partner + "|" + $0.candidate.recordClass }
        return groups.map { _, group in
            let first = group[0]
            let held = group.filter { !$0.heldBy.isEmpty }
            let inBatch = group.filter { $0.heldBy.isEmpty && batched.contains($0.candidate.id) }.count
            return DueLine(partner: first.candidate.partner, recordClass: first.candidate.recordClass,
                           label: RecordClass.label(first.candidate.recordClass), action: first.action.rawValue,
                           due: group.count - held.count, batched: inBatch, unbatched: group.count - held.count - inBatch, held: held.count,
                           earliest: group.map(\.dueOn).min()?.description ?? "",
                           holds: Set(held.flatMap(\.heldBy)).sorted().joined(separator: ", "))
        }.sorted { ($0.partner, $0.recordClass) < ($1.partner, $1.recordClass) }
    }

    /// The ids (as text) of every item a batch not yet carried out names.
    static func batchedItems(_ sql: any SQLDatabase) async throws -> Set<String> {
        var ids = Set<String>()
        for row in try await sql.select().column("item_id").from("disposal_items").all() {
            ids.insert(try row.decode(column: "item_id", as: UUID.self).uuidString)
        }
        return ids
    }

    /// What the records officer sees before approving.
    struct Preview: Codable, Hashable {
        var items: Int
        var goingWith: Int
        var people: Int
        var held: Int
        var holds: [String]
        /// Records other partners hold about the same people: not in the batch,
        /// each follows its own controller's schedule.
        var otherControllersRecords: Int
        var otherControllers: [String]
    }

    /// Prepares a batch of `partner`'s due `recordClass` items, leaving out
    /// (and listing) those a hold keeps. Nil when nothing is due.
    static func prepare(_ sql: any SQLDatabase, partner: String, recordClass: String, on day: CalendarDate,
                        preparedBy: String, at now: Date) async throws -> (UUID, String, Preview)? {
        let (rules, verdicts) = try await due(sql, partner: partner, on: day)
        let table = verdicts.first { $0.candidate.recordClass == recordClass }?.candidate.table ?? "source_records"
        let batched = try await DisposalRepository(database: sql).itemsInOpenBatches(table: table)
        let chosen = verdicts.filter { $0.candidate.recordClass == recordClass && !batched.contains(UUID(uuidString: $0.candidate.id) ?? UUID()) }
        let free = chosen.filter { $0.heldBy.isEmpty }
        guard !free.isEmpty else { return nil }
        let people = Set(free.compactMap(\.candidate.person))
        var others: [String: Int] = [:]
        let list = people.compactMap(UUID.init(uuidString:))
        for start in stride(from: 0, to: list.count, by: 1_000) {
            for row in try await sql.select().column("partner_slug").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("source_records").where("person_id", .in, Array(list[start..<min(start + 1_000, list.count)]))
                .where("partner_slug", .notEqual, partner).groupBy("partner_slug").all() {
                others[try row.decode(column: "partner_slug", as: String.self), default: 0] += try row.decode(column: "n", as: Int.self)
            }
        }
        let preview = Preview(items: free.count, goingWith: free.reduce(0) { $0 + $1.candidate.dependents.count }, people: people.count,
                              held: chosen.count - free.count, holds: Set(chosen.flatMap(\.heldBy)).sorted(),
                              otherControllersRecords: others.values.reduce(0, +), otherControllers: others.keys.sorted())
        let action = rules.rule(for: recordClass, partner: partner)?.action.rawValue ?? "destroy"
        let json = String(decoding: try JSONEncoder().encode(preview), as: UTF8.self)
        let repository = RetentionRepository(database: sql)
        let (id, reference) = try await repository.createBatch(
            partner: partner, recordClass: recordClass, reason: "retention", ruleVersion: rules.version, action: action,
            status: .awaitingApproval, dueBy: day.description, preview: json, preparedBy: preparedBy, at: now)
        let disposal = DisposalRepository(database: sql)
        for (table, group) in Dictionary(grouping: free, by: \.candidate.table) {
            try await disposal.addItems(group.compactMap { UUID(uuidString: $0.candidate.id) }, table: table, to: id)
        }
        return (id, reference, preview)
    }

    /// The items of a batch a hold in force keeps today.
    struct Held {
        var byTable: [String: [UUID]] = [:]
        var references: [String] = []
        var count: Int { byTable.values.reduce(0) { $0 + $1.count } }
    }

    static func heldItems(in batch: UUID, partner: String, sql: any SQLDatabase, on day: CalendarDate) async throws -> Held {
        let holds = try await activeHolds(sql, on: day)
        // No hold in force: nothing to look up (the common case, and the fast path for a large batch).
        guard !holds.isEmpty else { return Held() }
        let candidates = try await RetentionCandidates(database: sql).all(partner: partner)
        let byID = Dictionary(candidates.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var held = Held()
        var references = Set<String>()
        let repository = DisposalRepository(database: sql)
        for table in ["source_records", "events", "involvements", "notifications", "access_requests"] {
            for id in try await repository.items(of: batch, table: table) {
                guard let candidate = byID[id.uuidString] else { continue }
                let reach = [candidate] + candidate.dependents
                let keeping = holds.filter { hold in reach.contains { hold.covers($0.holdable, on: day) } }
                guard !keeping.isEmpty else { continue }
                held.byTable[table, default: []].append(id)
                references.formUnion(keeping.map(\.reference))
            }
        }
        held.references = references.sorted()
        return held
    }
}
