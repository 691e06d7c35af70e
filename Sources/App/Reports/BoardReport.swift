import LanternDomain

/// The people-based reports and returns the board reads, each drawn from
/// ``BoardFacts`` as a ladder of tables, finest first, for ``ReleaseService``.
enum BoardReport: String, CaseIterable, Sendable {
    case repeatVictimisation = "repeat-victimisation"
    case serviceOverlap = "service-overlap"
    case partnerCombinations = "partner-combinations"
    case caseFinding = "case-finding"
    case maracReturn = "marac-return"
    case asbReview = "asb-review"
    case equality
    case evaluation

    var heading: String {
        switch self {
        case .repeatVictimisation: "Repeat victimisation (domestic abuse)"
        case .serviceOverlap: "Service overlap: households known to several partners"
        case .partnerCombinations: "Service overlap: which partners together"
        case .caseFinding: "Case finding: households listed, their needs and what was decided"
        case .maracReturn: "MARAC quarterly data return"
        case .asbReview: "ASB case reviews: the yearly published counts"
        case .equality: "Equality impact of case finding"
        case .evaluation: "Evaluation: incidents before and after a MARAC hearing"
        }
    }

    /// How the figures are made, in plain words, shown with every table.
    var method: String {
        switch self {
        case .repeatVictimisation:
            "A victim is a person recorded as the victim of a domestic abuse event. A victim counts as a repeat victim in a period if one of their incidents in it came within 12 months after an earlier incident of theirs (SafeLives' definition of a repeat); records of one victim on one day count as one incident. Each victim is counted once per period, at the place of their first incident in it; the total adds the periods."
        case .serviceOverlap:
            "A household is known to a partner when that partner holds a record of any of its members. Each household is counted once, at its address."
        case .partnerCombinations:
            "Households by the exact set of partners that know them. Combinations too small to show are merged into 'other combinations' when showing them apart would reveal a small number."
        case .caseFinding:
            "Households on the case-finding list today under the need rules in force (households with a lead professional are not listed), the needs the rules found in them (a household may show several), and the latest reviewer decision on each."
        case .maracReturn:
            "Cases are counted in the quarter they were first heard at a meeting; referrals in the quarter they were made, by the referring agency. Repeat cases are referrals made by the repeat route (a further incident within 12 months of the last referral). Children are counted, not cases with children. The repeat rate is worked out from the rounded figures."
        case .asbReview:
            "The four counts the Anti-social Behaviour, Crime and Policing Act 2014 asks each area to publish each year, for the applications received in that year."
        case .equality:
            "People living in households, and those whose household is on the case-finding list under the need rules in force, split by sex, age band today or ethnic group (ONS 2021 groups, where a partner records it; choose with split=sex, age or ethnicity). The listing rate is worked out from the rounded figures; a group whose rate is far from the others' is one the rules may treat unequally."
        case .evaluation:
            "The cohort is every domestic abuse victim whose MARAC case was heard, counted in the month of the first hearing. For each, domestic abuse incidents in which they were the victim are counted in the 182 days before the hearing and the 182 days after (one per day; the hearing day itself in neither). Only cases heard more than 182 days ago are counted, so recent hearings do not look like a fall. The table is a before-and-after count. Below it, a matched comparison sets the cohort against similar victims never heard at MARAC: each is timed from one of their own incidents plus the cohort's median wait from incident to hearing, and matched exactly on the quarter and on incidents in the 182 days before (0, 1, 2, 3-4, 5 or more). The effect is the cohort's mean change per person minus the matched victims' mean change, weighted to the cohort's mix (a difference in differences), with a 95% confidence interval by the normal approximation. Only whole quarters whose every after-window has ended are used, and the result is shown only when each quarter holds at least 8 matched people on each side. Victims are not assigned to MARAC at random: those heard are judged at higher risk, so read the effect as an estimate under the matching, not as proof. With intervention=lead-professional the cohort is instead every household whose member was first given a lead professional, counted in the month it began; the outcomes are its members' police call-outs (any event a police partner recorded), missing episodes and school exclusions, one per day; and the comparison is households never given one, timed and matched the same way and also on their need profile, the kinds of record (crime, education, exploitation...) seen in the 182 days before."
        }
    }

    /// Whether the counts touch a sensitive category (domestic abuse, exploitation...).
    var isSensitive: Bool { self != .serviceOverlap && self != .partnerCombinations && self != .asbReview }
}

/// A rate worked out from two released columns (never from true counts).
struct DerivedColumn: Sendable, Hashable, Codable {
    var heading: String
    var numerator: Int
    var denominator: Int
    var per: Double = 100
}

/// One report's candidates and the counts the guard checks them against.
struct BoardDraft {
    var candidates: [ReleaseService.Candidate]
    var atoms: CountAtoms
    var derived: DerivedColumn?
    /// A matched comparison's result, already through the disclosure rule (the evaluation).
    var effect: EffectRelease? = nil
}

/// Draws the people-based reports. Pure over the facts and the request.
struct BoardTables {
    let request: ReportRequest
    let facts: BoardFacts
    /// The partnership's postcode geography, from the event aggregates.
    let places: EventAtoms
    let thisMonth: Int
    /// Partner slug -> name, for column headings.
    var partnerNames: [String: String] = [:]
    /// The households listed today and their needs, counted (``ListFollowingCounts``), and the latest decision per household id.
    var caseFindingTally = CaseFindingTally()
    var decisions: [String: String] = [:]
    /// The people of the listed households by equality split (``ListFollowingCounts``).
    var equalityListing = EqualityListing()
    /// The equality report's split, checked.
    var split: EqualityCounts.Split = .sex
    /// The evaluation's intervention, and its facts when it is the lead professional.
    var intervention: Intervention = .marac
    var interventionFacts: InterventionFacts?
    var today: CalendarDate = CalendarDate(year: 2000, month: 1, day: 1)!

    func draft(_ report: BoardReport) throws -> BoardDraft {
        switch report {
        case .repeatVictimisation: repeatVictimisation()
        case .serviceOverlap: serviceOverlap()
        case .partnerCombinations: partnerCombinations()
        case .caseFinding: caseFinding()
        case .maracReturn: maracReturn()
        case .asbReview: asbReview()
        case .equality: try equality()
        case .evaluation: evaluation()
        }
    }

    // MARK: levels

    /// The requested window widened to whole periods of `level`.
    func window(_ level: PeriodLevel) -> (first: Int, last: Int) {
        (MonthIndex.start(of: request.fromMonth, level: level), MonthIndex.start(of: request.toMonth, level: level) + level.months - 1)
    }

    /// Period levels to try, finest first, and what the policy changed.
    func periods(sensitive: Bool, finest floor: PeriodLevel = .month) -> (levels: [PeriodLevel], notes: [String]) {
        let allowed = sensitive ? request.policy.sensitiveFinestPeriod : request.policy.finestPeriod
        let start = max(request.period, allowed, floor)
        var notes: [String] = []
        if start > request.period {
            notes.append("Shown by \(start.rawValue), not by \(request.period.rawValue): the \(request.policy.name) disclosure policy or the return allows no finer period\(sensitive ? " for sensitive categories" : "").")
        }
        let (first, last) = window(start)
        if first != request.fromMonth || last != request.toMonth {
            notes.append("Whole \(start.rawValue)s are shown: \(MonthIndex.label(first, level: .month)) to \(MonthIndex.label(last, level: .month)).")
        }
        return (PeriodLevel.allCases.filter { $0 >= start }, notes)
    }

    /// Area levels to try, finest first.
    func areaLevels(sensitive: Bool) -> (levels: [AreaLevel], notes: [String]) {
        let allowed = sensitive ? request.policy.sensitiveFinestArea : request.policy.finestArea
        let asked: AreaLevel = request.area == nil ? .district : (request.areaIsSector || request.by == .area ? .sector : .district)
        var notes: [String] = []
        if asked < allowed {
            notes.append("Shown by \(allowed == .district ? "postcode district" : "the whole partnership"), not by sector: the \(request.policy.name) disclosure policy allows no finer area\(sensitive ? " for sensitive categories" : "").")
        }
        return (AreaLevel.allCases.filter { $0 >= max(asked, allowed) }, notes)
    }

    /// The sectors counted at `level`: the requested area widened to it, or everywhere.
    func areaFilter(_ level: AreaLevel, all: Set<String>) -> Set<String> {
        guard let area = request.area, level != .partnership else { return all }
        if request.areaIsSector && level == .sector { return [area] }
        return Set(places.sectors(in: request.areaIsSector ? places.districtOf[area] ?? area : area))
    }

    /// Area rows at `level`: sectors of the requested district, districts, or the partnership.
    func areaRows(_ level: AreaLevel, all: Set<String>) -> [(label: String, areas: Set<String>)] {
        switch level {
        case .partnership:
            return [("Partnership", all)]
        case .district:
            let districts = request.area.map { [request.areaIsSector ? places.districtOf[$0] ?? $0 : $0] } ?? places.districts
            var rows = districts.map { ($0, Set(places.sectors(in: $0))) }
            let placed = rows.reduce(into: Set<String>()) { $0.formUnion($1.1) }
            let rest = all.subtracting(placed)
            if request.area == nil && !rest.isEmpty { rows.append(("No postcode", rest)) }
            return rows
        case .sector:
            return areaFilter(.sector, all: all).sorted().map { ($0, [$0]) }
        }
    }

    /// A table of period rows at `level` over whole periods; each column a measure and its categories and partners.
    func periodTable(title: String, level: PeriodLevel, areas: Set<String>,
                     columns: [(label: String, measure: String, categories: Set<String>, partners: Set<String>)]) -> CountTable {
        let (first, last) = window(level)
        var rows: [CountTable.Row] = []
        var start = first
        let oracle = atomsInUse
        while start <= last {
            let months = Set(start...(start + level.months - 1))
            rows.append(CountTable.Row(label: MonthIndex.label(start, level: level), cells: columns.map { column in
                let scope = CellScope(measure: column.measure, areas: areas, months: months, categories: column.categories, partners: column.partners)
                return CountTable.Cell(scope: scope, count: oracle.count(scope))
            }))
            start += level.months
        }
        let heading = ["month": "Month", "quarter": "Quarter", "year": "Year"][level.rawValue]!
        return CountTable(title: title, rowHeading: heading, columns: columns.map(\.label), rows: rows)
    }

    /// Set by each report before drawing (the counts its tables are cut from).
    var atomsInUse = CountAtoms()

    var span: String { "\(MonthIndex.label(request.fromMonth, level: .month)) to \(MonthIndex.label(request.toMonth, level: .month))" }
}
