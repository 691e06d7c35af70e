/// A table of raw counts, before disclosure control: rows (months, areas,
/// partners...) by columns (categories or measures), each cell with the scope
/// it counts.
///
/// Build it from the aggregates, then pass it to ``DisclosurePolicy/release(_:notes:)``.
/// Contract: every row has one cell per column, in column order.
public struct CountTable: Sendable, Hashable {
    public struct Cell: Sendable, Hashable {
        public var scope: CellScope
        public var count: Int
        public init(scope: CellScope, count: Int) {
            self.scope = scope
            self.count = count
        }
    }

    public struct Row: Sendable, Hashable {
        public var label: String
        public var cells: [Cell]
        public init(label: String, cells: [Cell]) {
            self.label = label
            self.cells = cells
        }
    }

    public var title: String
    /// What the rows are, e.g. "Month" or "Postcode district".
    public var rowHeading: String
    /// Column names; CSV exports add " count" to each.
    public var columns: [String]
    public var rows: [Row]

    public init(title: String, rowHeading: String, columns: [String], rows: [Row]) {
        self.title = title
        self.rowHeading = rowHeading
        self.columns = columns
        self.rows = rows
    }
}

/// A table as it may leave Lantern: every count through the policy's count
/// rule, totals from the unrounded counts, and the cells' scopes kept for the
/// differencing guard.
public struct ReleasedTable: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var label: String
        public var values: [DisclosedCount]
    }

    public var title: String
    /// The policy it was released under, e.g. "board v1".
    public var policy: String
    public var rowHeading: String
    public var columns: [String]
    public var rows: [Row]
    /// Column totals, from the unrounded cells.
    public var totals: [DisclosedCount]
    /// What was coarsened or held back, and why, in plain words.
    public var notes: [String]
    /// Every released cell, totals included, for the differencing guard.
    public var cells: [ReleasedCell]

    /// A stable text of what was released (not the scopes): what the ledger's hash is taken over.
    public var canonicalText: String {
        var lines = ["title=\(title)", "policy=\(policy)", ([rowHeading] + columns).joined(separator: "\t")]
        for row in rows { lines.append(([row.label] + row.values.map(\.description)).joined(separator: "\t")) }
        lines.append((["Total"] + totals.map(\.description)).joined(separator: "\t"))
        return lines.joined(separator: "\n")
    }
}

/// One released cell as the differencing guard remembers it: its scope and
/// whether its figure was shown (a `*` tells an attacker nothing exact).
public struct ReleasedCell: Sendable, Hashable, Codable {
    public var scope: CellScope
    public var shown: Bool
    public init(scope: CellScope, shown: Bool) {
        self.scope = scope
        self.shown = shown
    }
}

extension DisclosurePolicy {
    /// Puts every cell through the count rule and adds column totals computed
    /// from the unrounded counts.
    public func release(_ table: CountTable, notes: [String] = []) -> ReleasedTable {
        var cells: [ReleasedCell] = []
        var rows: [ReleasedTable.Row] = []
        for row in table.rows {
            let values = row.cells.map { disclose($0.count) }
            for (cell, value) in zip(row.cells, values) { cells.append(ReleasedCell(scope: cell.scope, shown: value.shown != nil)) }
            rows.append(ReleasedTable.Row(label: row.label, values: values))
        }
        var totals: [DisclosedCount] = []
        for column in table.columns.indices {
            let parts = table.rows.map { $0.cells[column] }
            let total = discloseTotal(of: parts.map(\.count))
            totals.append(total)
            if let first = parts.first {
                let scope = parts.dropFirst().reduce(first.scope) { $0.spanning($1.scope) }
                cells.append(ReleasedCell(scope: scope, shown: total.shown != nil))
            }
        }
        return ReleasedTable(title: table.title, policy: name, rowHeading: table.rowHeading, columns: table.columns,
                             rows: rows, totals: totals, notes: notes, cells: cells)
    }
}
