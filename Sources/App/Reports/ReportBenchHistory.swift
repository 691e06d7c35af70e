import Crypto
import Foundation
import LanternDomain
import SQLKit
import Storage

/// The earlier releases `lantern bench reports --history N` sets the guard
/// against: N different tables, as a partnership publishing for a year or
/// more leaves them in the register. Trends over windows of 1 to 12 months
/// ending anywhere in the last two years, by category, partner or area, for
/// the whole partnership or one district, for every category or one group,
/// for each audience.
///
/// They are written straight into the register (each once, as the release
/// service records them), not released one by one through the guard: that
/// would time N guarded releases before the run starts, and asking the same
/// few tables again records nothing new (a repeat is not remembered), so the
/// register would never hold N tables.
enum ReportBenchHistory {
    /// Writes `count` different earlier releases (fewer only if the data cannot draw that many) and returns how many.
    static func write(count: Int, atoms: EventAtoms, sql: any SQLDatabase, seed: UInt64) async throws -> Int {
        guard count > 0, let last = atoms.months?.upperBound else { return 0 }
        let repository = ReleaseRepository(database: sql)
        var random = SplitMix(seed: seed &+ 1)
        let groups: [String?] = [nil, nil, nil, "sensitive"] + ReportCategory.ordinaryGroups.map(\.id) + ReportCategory.sensitiveGroups.map(\.id)
        var digests = Set<String>()
        var attempts = 0
        let at = Int64(Date().timeIntervalSince1970) - Int64(count)
        while digests.count < count, attempts < count * 4 {
            attempts += 1
            let end = last - random.next(below: 24)
            let length = [12, 12, 3, 6, 1][random.next(below: 5)]
            let district = random.next(below: 3) == 0 ? atoms.districts[random.next(below: max(1, atoms.districts.count))] : nil
            let query = ReportQuery(from: MonthIndex.label(end - length + 1, level: .month), to: MonthIndex.label(end, level: .month),
                                    period: ["month", "quarter", "year"][random.next(below: 3)], by: ["category", "partner", "area"][random.next(below: 3)],
                                    area: district, category: groups[random.next(below: groups.count)],
                                    audience: ["board", "board", "partners", "public"][random.next(below: 4)])
            guard let request = try? ReportRequest(query, atoms: atoms, thisMonth: last) else { continue }
            let report = TrendsReport(request: request, atoms: atoms)
            guard let level = report.ladder().levels.first else { continue }
            let released = request.policy.release(report.table(at: level))
            let digest = SHA256.hash(data: Data(released.canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
            guard digests.insert(digest).inserted else { continue }
            _ = try await repository.record(released, report: "trends", policy: request.policy, digest: digest, by: "bench-history",
                                            at: at + Int64(digests.count))
        }
        return digests.count
    }
}
