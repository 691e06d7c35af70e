import LanternDomain

/// Hotspots: events per map cell, where a cell is a postcode sector holding
/// at least the policy's minimum of addresses, or sectors merged until it
/// does (as police.uk snaps crimes to points with 8 or more addresses). No
/// cell is ever a household, and each count goes through the count rule.
struct HotspotReport {
    let request: ReportRequest
    let atoms: EventAtoms
    /// Distinct addresses per postcode sector.
    let addresses: [String: Int]

    struct MapCell {
        var label: String
        var district: String
        var sectors: Set<String>
        var addresses: Int
    }

    /// The cells: every sector with enough addresses; the rest of each district merged.
    func cells() -> [MapCell] {
        let minimum = request.policy.minimumGroup
        var cells: [MapCell] = []
        var leftover: Set<String> = []
        let districts = request.area.map { [request.areaIsSector ? atoms.districtOf[$0] ?? $0 : $0] } ?? atoms.districts
        let sensitive = request.policy.isSensitive(request.categories.flatMap(\.codes))
        let bySector = !sensitive && request.policy.finestArea == .sector
        for district in districts {
            let sectors = atoms.sectors(in: district)
            var own = bySector ? sectors.filter { (addresses[$0] ?? 0) >= minimum }.map {
                MapCell(label: $0, district: district, sectors: [$0], addresses: addresses[$0] ?? 0)
            } : []
            let rest = Set(sectors).subtracting(own.flatMap(\.sectors))
            let restAddresses = rest.reduce(0) { $0 + (addresses[$1] ?? 0) }
            if rest.isEmpty {
            } else if restAddresses >= minimum {
                own.append(MapCell(label: own.isEmpty ? district : "Rest of \(district)", district: district, sectors: rest, addresses: restAddresses))
            } else if let smallest = own.indices.min(by: { own[$0].addresses < own[$1].addresses }) {
                own[smallest].sectors.formUnion(rest)
                own[smallest].addresses += restAddresses
                own[smallest].label += " and neighbours"
            } else {
                leftover.formUnion(rest)
            }
            cells += own
        }
        if !leftover.isEmpty {
            let total = leftover.reduce(0) { $0 + (addresses[$1] ?? 0) }
            if total >= minimum || cells.isEmpty {
                cells.append(MapCell(label: "Small districts together", district: "", sectors: leftover, addresses: total))
            } else if let smallest = cells.indices.min(by: { cells[$0].addresses < cells[$1].addresses }) {
                cells[smallest].sectors.formUnion(leftover)
                cells[smallest].addresses += total
                cells[smallest].label += " and small districts"
            }
        }
        return cells
    }

    func table(cells: [MapCell]) -> CountTable {
        let months = Set(request.fromMonth...request.toMonth)
        let codes = request.categories.reduce(into: Set<String>()) { $0.formUnion($1.codes) }
        let rows = cells.map { cell in
            let scope = CellScope(measure: "events", areas: cell.sectors, months: months, categories: codes, partners: Set(atoms.partners))
            return CountTable.Row(label: cell.label, cells: [CountTable.Cell(scope: scope, count: atoms.count(scope))])
        }
        let span = "\(MonthIndex.label(request.fromMonth, level: .month)) to \(MonthIndex.label(request.toMonth, level: .month))"
        return CountTable(title: "Hotspots: events by map cell, \(span)", rowHeading: "Map cell", columns: ["Events"], rows: rows)
    }

    var notes: [String] {
        let sensitive = request.policy.isSensitive(request.categories.flatMap(\.codes))
        return ["Each map cell holds at least \(request.policy.minimumGroup) addresses: sectors with fewer are merged with their neighbours, and no household is ever shown."]
            + (sensitive ? ["Sensitive categories are mapped by postcode district only."] : [])
    }
}

/// The hotspot map as server-rendered SVG: one tile per cell, a row per
/// district, shaded by the released count (never the true one).
enum HotspotMap {
    static func svg(_ table: ReleasedTable, cells: [HotspotReport.MapCell]) -> String {
        let width = 130, height = 54, gap = 6
        var rows: [String: [(Int, HotspotReport.MapCell)]] = [:]
        for (index, cell) in cells.enumerated() { rows[cell.district, default: []].append((index, cell)) }
        let districts = rows.keys.sorted()
        let most = max(1, table.rows.compactMap { $0.values.first?.shown }.max() ?? 1)
        let columns = max(1, rows.values.map(\.count).max() ?? 1)
        let totalWidth = 90 + columns * (width + gap), totalHeight = max(1, districts.count) * (height + gap) + gap
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"hotspot-map\" role=\"img\" aria-labelledby=\"hotspot-title\" viewBox=\"0 0 \(totalWidth) \(totalHeight)\" width=\"100%\">"
        svg += "<title id=\"hotspot-title\">\(HTMLText.escape(table.title)); the same figures are in the table below</title>"
        for (y, district) in districts.enumerated() {
            let top = gap + y * (height + gap)
            svg += "<text x=\"4\" y=\"\(top + height / 2 + 5)\" font-size=\"14\">\(HTMLText.escape(district.isEmpty ? "Other" : district))</text>"
            for (x, (index, cell)) in rows[district]!.enumerated() {
                let value = table.rows[index].values[0]
                let shade = value.shown.map { 0.12 + 0.8 * Double($0) / Double(most) } ?? 0.06
                let left = 90 + x * (width + gap)
                svg += "<g class=\"hotspot-cell\"><rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" rx=\"4\" fill=\"#b3261e\" fill-opacity=\"\(String(format: "%.2f", shade))\" stroke=\"#444\"/>"
                svg += "<text x=\"\(left + 6)\" y=\"\(top + 20)\" font-size=\"12\">\(HTMLText.escape(String(cell.label.prefix(20))))</text>"
                svg += "<text x=\"\(left + 6)\" y=\"\(top + 42)\" font-size=\"16\" font-weight=\"bold\">\(value.description)</text></g>"
            }
        }
        return svg + "</svg>"
    }
}
