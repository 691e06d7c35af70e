import Fluent
import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// A rate column as released: worked out from the rounded figures, `*` where one is suppressed.
struct DerivedValues: Content, Sendable, Hashable {
    var heading: String
    var rows: [String]
    var total: String
}

/// Makes one people-based report and releases it through ``ReleaseService``:
/// shared by the pages, the JSON API and `lantern report`.
struct BoardReportMaker {
    let snapshot: ReportAggregates.Snapshot
    let facts: BoardFacts
    let service: ReleaseService
    let actor: String
    let partner: String
    let database: any Database
    let thisMonth: Int
    var partnerNames: [String: String] = [:]
    var caseFindingTally = CaseFindingTally()
    var decisions: [String: String] = [:]
    var interventionFacts = InterventionFactsCache()
    var equalityListing = EqualityListing()

    /// Reads what `report` needs from the store (the case-finding list only for that report).
    static func make(for report: BoardReport, app: Application, sql: any SQLDatabase, database: any Database,
                     actor: String, partner: String, thisMonth: Int) async throws -> BoardReportMaker {
        var maker = BoardReportMaker(snapshot: try await app.reportAggregates.current(sql), facts: try await app.boardFacts.current(sql),
                                     service: ReleaseService(trail: app.auditTrail), actor: actor, partner: partner,
                                     database: database, thisMonth: thisMonth)
        maker.interventionFacts = app.interventionFacts
        maker.partnerNames = Dictionary(try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) },
                                        uniquingKeysWith: { first, _ in first })
        if report == .equality {
            // Counts that follow the list, not the list itself: ~330,000 households at a million people.
            maker.equalityListing = try await app.equalityListing.current(app.casework, sql: sql, facts: maker.facts)
        }
        if report == .caseFinding {
            // Counts that follow the list, and the small decisions table: never a ranking of the whole list.
            maker.caseFindingTally = try await app.caseFindingTally.current(app.casework, sql: sql, facts: maker.facts)
            maker.decisions = Dictionary(uniqueKeysWithValues: try await CaseworkRepository(database: sql).latestDecisions().map { ($0.key.uuidString, $0.value.outcome) })
        }
        return maker
    }

    func release(_ report: BoardReport, _ query: ReportQuery) async throws -> ReportsController.Released {
        let request = try ReportRequest(query, atoms: snapshot.atoms, thisMonth: thisMonth)
        var tables = BoardTables(request: request, facts: facts, places: snapshot.atoms, thisMonth: thisMonth)
        tables.partnerNames = partnerNames
        tables.caseFindingTally = caseFindingTally
        tables.decisions = decisions
        tables.equalityListing = equalityListing
        tables.today = CalendarDate.today(at: Date())
        if let asked = query.intervention {
            guard let known = Intervention(rawValue: asked) else {
                throw ReportProblem(code: "bad-intervention", reason: "No intervention '\(asked)': use marac or lead-professional.")
            }
            tables.intervention = known
            if report == .evaluation, known == .leadProfessional, let sql = database as? any SQLDatabase {
                tables.interventionFacts = try await interventionFacts.current(sql)
            }
        }
        if let split = query.split.flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let known = EqualityCounts.Split(rawValue: split) else {
                throw ReportProblem(code: "bad-split", reason: "No split '\(split)': use sex, age or ethnicity.")
            }
            tables.split = known
        }
        let draft = try tables.draft(report)
        let (table, digest) = try await service.release(report: report.rawValue, candidates: draft.candidates, policy: request.policy,
                                                        atoms: draft.atoms, actor: actor, partner: partner, on: database)
        var released = ReportsController.Released(table: table, digest: digest)
        released.effect = draft.effect
        if let rate = draft.derived {
            let figure = { (values: [DisclosedCount]) in
                request.policy.rate(values[rate.numerator], over: values[rate.denominator], per: rate.per).description
            }
            released.derived = DerivedValues(heading: rate.heading, rows: table.rows.map { figure($0.values) }, total: figure(table.totals))
        }
        return released
    }
}
