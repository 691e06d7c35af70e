import LanternDomain

/// Trends: events by month, quarter or year, broken down by category group,
/// partner or area, built at the finest levels the policy allows and
/// coarsened step by step until the differencing guard lets it out.
struct TrendsReport {
    let request: ReportRequest
    let atoms: EventAtoms

    /// One way to draw the table: a period level and an area level.
    struct Level: Equatable {
        var period: PeriodLevel
        var area: AreaLevel
    }

    /// The levels to try, finest first: the request as far as the policy
    /// allows it, then coarser periods, then coarser areas.
    func ladder() -> (levels: [Level], notes: [String]) {
        var notes: [String] = []
        let codes = request.categories.reduce(into: Set<String>()) { $0.formUnion($1.codes) }
        let finest = request.policy.finestLevels(for: codes)
        let sensitive = request.policy.isSensitive(codes)
        var period = request.period
        if period < finest.period {
            period = finest.period
            notes.append("Shown by \(period.rawValue), not by \(request.period.rawValue): the \(request.policy.name) disclosure policy allows no finer period\(sensitive ? " for sensitive categories" : "").")
        }
        var area: AreaLevel = request.areaIsSector || request.by == .area ? .sector : .district
        if request.by == .area, request.area == nil { area = .district }
        if area < finest.area {
            notes.append("Shown by postcode \(finest.area == .district ? "district" : "partnership area"), not by sector: the \(request.policy.name) disclosure policy allows no finer area\(sensitive ? " for sensitive categories" : "").")
            area = finest.area
        }
        var levels = [Level(period: period, area: area)]
        for coarser in PeriodLevel.allCases where coarser > period { levels.append(Level(period: coarser, area: area)) }
        for coarser in AreaLevel.allCases where coarser > area { levels.append(Level(period: .year, area: coarser)) }
        return (levels, notes)
    }

    /// The table at `level`.
    func table(at level: Level) -> CountTable {
        let partners = Set(atoms.partners)
        let allCodes = request.categories.reduce(into: Set<String>()) { $0.formUnion($1.codes) }
        let areas = areaFilter(at: level.area)
        var columns: [(label: String, areas: Set<String>, codes: Set<String>, partners: Set<String>)]
        switch request.by {
        case .category:
            columns = request.categories.map { ($0.label, areas, $0.codes, partners) }
        case .partner:
            columns = atoms.partners.map { ($0, areas, allCodes, [$0]) }
        case .area:
            columns = areaColumns(at: level.area).map { ($0.label, $0.sectors, allCodes, partners) }
        }
        var rows: [CountTable.Row] = []
        var start = MonthIndex.start(of: request.fromMonth, level: level.period)
        while start <= request.toMonth {
            let months = Set(max(start, request.fromMonth)...min(start + level.period.months - 1, request.toMonth))
            let cells = columns.map { column in
                let scope = CellScope(measure: "events", areas: column.areas, months: months, categories: column.codes, partners: column.partners)
                return CountTable.Cell(scope: scope, count: atoms.count(scope))
            }
            rows.append(CountTable.Row(label: MonthIndex.label(start, level: level.period), cells: cells))
            start += level.period.months
        }
        let heading = ["month": "Month", "quarter": "Quarter", "year": "Year"][level.period.rawValue]!
        return CountTable(title: title, rowHeading: heading, columns: columns.map(\.label), rows: rows)
    }

    var title: String {
        let span = "\(MonthIndex.label(request.fromMonth, level: .month)) to \(MonthIndex.label(request.toMonth, level: .month))"
        let place = request.area.map { " in \($0)" } ?? ""
        return "Events by \(request.by.rawValue)\(place), \(span)"
    }

    /// The sectors counted: the requested area widened to `level`, or everywhere.
    func areaFilter(at level: AreaLevel) -> Set<String> {
        guard let area = request.area, level != .partnership else { return Set(atoms.sectors) }
        if request.areaIsSector {
            return level == .sector ? [area] : Set(atoms.sectors(in: atoms.districtOf[area] ?? area))
        }
        return Set(atoms.sectors(in: area))
    }

    /// The columns of an area breakdown at `level`.
    func areaColumns(at level: AreaLevel) -> [(label: String, sectors: Set<String>)] {
        switch level {
        case .partnership:
            return [("Partnership", Set(atoms.sectors))]
        case .district:
            let districts = request.area.map { [request.areaIsSector ? atoms.districtOf[$0] ?? $0 : $0] } ?? atoms.districts
            return districts.map { ($0, Set(atoms.sectors(in: $0))) }
        case .sector:
            return areaFilter(at: .sector).sorted().map { ($0, [$0]) }
        }
    }
}
