import Fluent
import Foundation
import LanternDomain
import Storage

/// Makes one report from the aggregates and releases it: shared by the
/// pages, the JSON API and `lantern report`, so all three release the same
/// table under the same guard.
struct ReportMaker {
    let snapshot: ReportAggregates.Snapshot
    let service: ReleaseService
    let actor: String
    let partner: String
    let database: any Database
    let thisMonth: Int

    func trends(_ query: ReportQuery) async throws -> ReportsController.Released {
        let request = try ReportRequest(query, atoms: snapshot.atoms, thisMonth: thisMonth)
        let report = TrendsReport(request: request, atoms: snapshot.atoms)
        let (levels, notes) = report.ladder()
        let candidates = levels.map { ReleaseService.Candidate(table: report.table(at: $0), notes: notes) }
        let (table, digest) = try await service.release(report: "trends", candidates: candidates, policy: request.policy,
                                                        atoms: snapshot.atoms, actor: actor, partner: partner, on: database)
        return .init(table: table, digest: digest)
    }

    func hotspots(_ query: ReportQuery) async throws -> (release: ReportsController.Released, cells: [HotspotReport.MapCell]) {
        let request = try ReportRequest(query, atoms: snapshot.atoms, thisMonth: thisMonth)
        let report = HotspotReport(request: request, atoms: snapshot.atoms, addresses: snapshot.addresses)
        let cells = report.cells()
        let (table, digest) = try await service.release(
            report: "hotspots", candidates: [ReleaseService.Candidate(table: report.table(cells: cells), notes: report.notes)],
            policy: request.policy, atoms: snapshot.atoms, actor: actor, partner: partner, on: database)
        return (.init(table: table, digest: digest), cells)
    }
}
