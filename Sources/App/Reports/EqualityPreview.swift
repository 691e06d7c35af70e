import Crypto
import Fluent
import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The equality impact of a draft set of need rules, shown on the rules page
/// before the version is saved: people in households the draft would list,
/// by sex, age band and ethnic group, each table released through the count
/// rule, the differencing guard and the ledger like every report, and the
/// groups whose listing rate stands apart from everyone's flagged.
///
/// Contract: nothing is saved and the list in force does not change; the
/// draft's counts are a measure of their own (named by a hash of the draft),
/// so the guard never sets them against the rules in force.
struct EqualityPreview: Encodable {
    struct Table: Encodable {
        var heading: String
        var rows: [Row]
        var total: Row
        var notes: [String]
    }

    struct Row: Encodable {
        var label: String
        var people: String
        var listed: String
        var rate: String
        var flagged: Bool
    }

    var tables: [Table]
    var flags: [String]
    var ratio: String

    /// The ratio used when the analyst gives none: the four-fifths test.
    static let standardRatio = 1.25

    static func make(_ set: NeedRuleSet, draft: String, ratio: Double, app: Application, sql: any SQLDatabase, database: any Database,
                     actor: String, partner: String) async throws -> EqualityPreview {
        let today = CalendarDate.today(at: Date())
        let households = try await CaseworkService.facts(sql, households: nil, forCaseFinding: true)
        let listed = Set(CaseFindingList(caseFinding: try CaseFinding(set), households: households, on: today).ranked().map(\.householdID))
        let facts = try await app.boardFacts.current(sql)
        let thisMonth = ReportsController.thisMonth
        let listedAtoms = EqualityCounts.listedAtoms(facts.counts.membersOf, listed: listed, asAt: thisMonth)
        let people = facts.counts.equalityPeople.placed(inMonth: thisMonth)
        let tag = SHA256.hash(data: Data(draft.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        let policy = DisclosurePolicy.standard(for: .board)
        var tables: [Table] = []
        var flags: [String] = []
        for split in EqualityCounts.Split.allCases {
            let (peopleMeasure, listedMeasure) = EqualityCounts.measures(split)
            let draftMeasure = "\(listedMeasure)@draft-\(tag)"
            var atoms = people
            for (atom, n) in listedAtoms.atoms(of: listedMeasure) {
                var renamed = atom
                renamed.measure = draftMeasure
                atoms.add(renamed, count: n)
            }
            let areas = atoms.areas(of: peopleMeasure).union(atoms.areas(of: draftMeasure))
            let table = CountTable(
                title: "People in households the draft rules (version \(set.version)) would list, by \(split.heading.lowercased()), as at \(MonthIndex.label(thisMonth, level: .month))",
                rowHeading: split.heading, columns: ["People in households", "People in households the draft would list"],
                rows: split.groups.map { category, label in
                    CountTable.Row(label: label, cells: [peopleMeasure, draftMeasure].map { measure in
                        let scope = CellScope(measure: measure, areas: areas, months: [thisMonth], categories: [category], partners: [CountAtoms.anyPartner])
                        return CountTable.Cell(scope: scope, count: atoms.count(scope))
                    })
                })
            do {
                let (released, _) = try await ReleaseService(trail: app.auditTrail).release(
                    report: "equality-draft-rules", candidates: [.init(table: table, notes: [])], policy: policy, atoms: atoms,
                    actor: actor, partner: partner, on: database)
                let found = EqualityDisparity.flags(rows: released.rows.map { ($0.label, $0.values[0], $0.values[1]) },
                                                    total: (released.totals[0], released.totals[1]), ratio: ratio, policy: policy)
                let flagged = Set(found.map(\.group))
                flags += found.map { "\(split.heading): \($0.description)" }
                func row(_ label: String, _ values: [DisclosedCount]) -> Row {
                    Row(label: label, people: values[0].description, listed: values[1].description,
                        rate: policy.rate(values[1], over: values[0]).description, flagged: flagged.contains(label))
                }
                tables.append(Table(heading: split.heading, rows: released.rows.map { row($0.label, $0.values) },
                                    total: row("Everyone", released.totals), notes: released.notes))
            } catch let problem as ReportProblem {
                tables.append(Table(heading: split.heading, rows: [], total: Row(label: "Everyone", people: "*", listed: "*", rate: "*", flagged: false),
                                    notes: [problem.reason]))
            }
        }
        return EqualityPreview(tables: tables, flags: flags, ratio: String(ratio))
    }
}
