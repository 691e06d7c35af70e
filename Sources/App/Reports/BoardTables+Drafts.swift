import LanternDomain

extension BoardTables {
    /// Victims and repeat victims by period (or by area over the window), coarsened period by period, then area by area.
    func repeatVictimisation() -> BoardDraft {
        let (periodLevels, periodNotes) = periods(sensitive: true)
        let (areaLevelsAllowed, areaNotes) = areaLevels(sensitive: true)
        var atoms = CountAtoms()
        // Each placing rule (by month, quarter, year, or the whole window) is its own pair of measures,
        // counted from the victims' window keys (never from the incidents).
        let keys = facts.counts.windowKeys
        for level in periodLevels {
            let (first, last) = window(level)
            atoms = atoms.merged(with: RepeatVictimisation.atoms(windowKeys: keys, level: level, first: first, last: last, rule: level.rawValue))
        }
        let (first, last) = window(periodLevels[0])
        let spanRule = "window:\(first)-\(last)"
        if request.by == .area {
            atoms = atoms.merged(with: RepeatVictimisation.atoms(windowKeys: keys, first: first, last: last, rule: spanRule))
        }
        var drawer = self
        drawer.atomsInUse = atoms
        let all = Set(places.sectors).union([EventAtoms.unplaced])
        let category: Set<String> = [RepeatVictimisation.category], partners: Set<String> = [CountAtoms.anyPartner]
        var candidates: [ReleaseService.Candidate] = []
        let notes = periodNotes + areaNotes
        if request.by == .area {
            let (victims, repeats) = RepeatVictimisation.measures(rule: spanRule)
            for level in areaLevelsAllowed {
                let rows = drawer.areaRows(level, all: all).map { row in
                    CountTable.Row(label: row.label, cells: [victims, repeats].map { measure in
                        let scope = CellScope(measure: measure, areas: row.areas, months: Set(first...last), categories: category, partners: partners)
                        return CountTable.Cell(scope: scope, count: atoms.count(scope))
                    })
                }
                let table = CountTable(title: "Domestic abuse victims and repeat victims by area, \(MonthIndex.label(first, level: .month)) to \(MonthIndex.label(last, level: .month))",
                                       rowHeading: level == .sector ? "Postcode sector" : "Postcode district", columns: ["Victims", "Repeat victims"], rows: rows)
                candidates.append(.init(table: table, notes: notes))
            }
        } else {
            for area in areaLevelsAllowed {
                for level in periodLevels where area == areaLevelsAllowed[0] || level == .year {
                    let (victims, repeats) = RepeatVictimisation.measures(rule: level.rawValue)
                    let place = request.area.map { " in \(area == .partnership ? "the partnership" : $0)" } ?? ""
                    let table = drawer.periodTable(title: "Domestic abuse victims and repeat victims\(place), \(span)", level: level,
                                                   areas: drawer.areaFilter(area, all: all),
                                                   columns: [("Victims", victims, category, partners), ("Repeat victims", repeats, category, partners)])
                    candidates.append(.init(table: table, notes: notes))
                }
            }
        }
        return BoardDraft(candidates: candidates, atoms: atoms,
                          derived: DerivedColumn(heading: "Repeat victims percent", numerator: 1, denominator: 0))
    }

    /// Households by how many partners know them, by area.
    func serviceOverlap() -> BoardDraft {
        let atoms = facts.counts.overlap.placed(inMonth: thisMonth)
        let combinations = atoms.categories(of: PartnerOverlap.measure)
        let sizes: [(String, Set<String>)] = [
            ("Known to 1 partner", combinations.filter { PartnerOverlap.size(of: $0) == 1 }),
            ("Known to 2 partners", combinations.filter { PartnerOverlap.size(of: $0) == 2 }),
            ("Known to 3 or more partners", combinations.filter { PartnerOverlap.size(of: $0) >= 3 }),
        ]
        let (levels, notes) = areaLevels(sensitive: false)
        let all = atoms.areas(of: PartnerOverlap.measure).union(places.sectors)
        let candidates = levels.map { level in
            let rows = areaRows(level, all: all).map { row in
                CountTable.Row(label: row.label, cells: sizes.map { _, categories in
                    let scope = CellScope(measure: PartnerOverlap.measure, areas: row.areas, months: [thisMonth], categories: categories,
                                          partners: [CountAtoms.anyPartner])
                    return CountTable.Cell(scope: scope, count: atoms.count(scope))
                })
            }
            let table = CountTable(title: "Households by the number of partners that know them, as at \(MonthIndex.label(thisMonth, level: .month))",
                                   rowHeading: level == .sector ? "Postcode sector" : (level == .district ? "Postcode district" : "Area"),
                                   columns: sizes.map(\.0), rows: rows)
            return ReleaseService.Candidate(table: table, notes: notes)
        }
        return BoardDraft(candidates: candidates, atoms: atoms, derived: nil)
    }

    /// Households by the exact combination of partners, partnership-wide (or in the requested area).
    func partnerCombinations() -> BoardDraft {
        let atoms = facts.counts.overlap.placed(inMonth: thisMonth)
        let all = atoms.areas(of: PartnerOverlap.measure).union(places.sectors)
        let areas = areaFilter(request.area == nil ? .partnership : .district, all: all)
        let combinations = atoms.categories(of: PartnerOverlap.measure).sorted {
            (PartnerOverlap.size(of: $0), $0) < (PartnerOverlap.size(of: $1), $1)
        }
        func scope(_ categories: Set<String>) -> CellScope {
            CellScope(measure: PartnerOverlap.measure, areas: areas, months: [thisMonth], categories: categories, partners: [CountAtoms.anyPartner])
        }
        func label(_ combination: String) -> String {
            combination.split(separator: "+").map { partnerNames[String($0)] ?? String($0) }.joined(separator: " + ")
        }
        func sizeLabel(_ size: Int) -> String { size >= 3 ? "3 or more partners" : size == 1 ? "1 partner" : "2 partners" }
        let title = "Households by the partners that know them, as at \(MonthIndex.label(thisMonth, level: .month))"
        let exact = combinations.map { CountTable.Row(label: label($0), cells: [.init(scope: scope([$0]), count: atoms.count(scope([$0])))]) }
        // Coarser: combinations below the suppression threshold merged, size by size.
        var merged: [CountTable.Row] = []
        for size in [1, 2, 3] {
            let ofSize = combinations.filter { min(PartnerOverlap.size(of: $0), 3) == size }
            let small = Set(ofSize.filter { (1...request.policy.largestSuppressed).contains(atoms.count(scope([$0]))) })
            for combination in ofSize where !small.contains(combination) {
                merged.append(.init(label: label(combination), cells: [.init(scope: scope([combination]), count: atoms.count(scope([combination])))]))
            }
            if !small.isEmpty { merged.append(.init(label: "Other combinations of \(sizeLabel(size))", cells: [.init(scope: scope(small), count: atoms.count(scope(small)))])) }
        }
        let bySize = [1, 2, 3].map { size -> CountTable.Row in
            let set = Set(combinations.filter { min(PartnerOverlap.size(of: $0), 3) == size })
            return .init(label: "Known to \(sizeLabel(size))", cells: [.init(scope: scope(set), count: atoms.count(scope(set)))])
        }
        let candidates = [exact, merged, bySize].map {
            ReleaseService.Candidate(table: CountTable(title: title, rowHeading: "Partners", columns: ["Households"], rows: $0), notes: [])
        }
        return BoardDraft(candidates: candidates, atoms: atoms, derived: nil)
    }

    /// Listed households, needs and decisions by district (or the whole partnership), cut from `atoms`
    /// (``CaseFindingTally/atoms(decisions:asAt:)``, or ``CaseFindingCounts`` over a ranked list).
    func caseFinding(atoms: CountAtoms) -> BoardDraft {
        let all = atoms.areas(of: CaseFindingCounts.listed).union(places.districts)
        var columns: [(String, String, Set<String>)] = [("Households listed", CaseFindingCounts.listed, ["listed"])]
        columns += FamilyNeed.allCases.map { ("Need: \($0.shortName)", CaseFindingCounts.needs, [$0.rawValue]) }
        columns += ReviewDecision.Outcome.allCases.map { ("Decided: \($0.label.lowercased())", CaseFindingCounts.decisions, [$0.rawValue]) }
        columns.append(("Not decided yet", CaseFindingCounts.decisions, [CaseFindingCounts.undecided]))
        let (levels, notes) = areaLevels(sensitive: true)
        let candidates = levels.filter { $0 != .sector }.map { level in
            let rows: [(String, Set<String>)] = level == .partnership ? [("Partnership", all)]
                : (request.area.map { [request.areaIsSector ? places.districtOf[$0] ?? $0 : $0] } ?? all.sorted()).map { ($0, [$0]) }
            let table = CountTable(title: "Households on the case-finding list, as at \(MonthIndex.label(thisMonth, level: .month))",
                                   rowHeading: level == .partnership ? "Area" : "Postcode district", columns: columns.map(\.0),
                                   rows: rows.map { label, areas in
                                       CountTable.Row(label: label, cells: columns.map { _, measure, categories in
                                           let scope = CellScope(measure: measure, areas: areas, months: [thisMonth], categories: categories,
                                                                 partners: [CountAtoms.anyPartner])
                                           return CountTable.Cell(scope: scope, count: atoms.count(scope))
                                       })
                                   })
            return ReleaseService.Candidate(table: table, notes: notes)
        }
        return BoardDraft(candidates: candidates, atoms: atoms, derived: nil)
    }

    func caseFinding() -> BoardDraft { caseFinding(atoms: caseFindingTally.atoms(decisions: decisions, asAt: thisMonth)) }

    /// The MARAC return by quarter (a year for the public).
    func maracReturn() -> BoardDraft {
        let atoms = MaracReturn.atoms(facts.maracCases)
        let areas = atoms.areas(of: MaracReturn.referrals).union(atoms.areas(of: MaracReturn.heard.measure))
        let referrers = atoms.partners(of: MaracReturn.referrals).sorted()
        var columns: [(label: String, measure: String, categories: Set<String>, partners: Set<String>)] = MaracReturn.heardItems.map {
            ($0.label, $0.measure, [MaracReturn.category], [CountAtoms.anyPartner])
        }
        columns += referrers.map { ("Referrals from \(partnerNames[$0] ?? $0)", MaracReturn.referrals, [MaracReturn.category], [$0]) }
        let (levels, notes) = periods(sensitive: true, finest: .quarter)
        var drawer = self
        drawer.atomsInUse = atoms
        let candidates = levels.map { level in
            ReleaseService.Candidate(table: drawer.periodTable(title: "MARAC data return, \(span)", level: level, areas: areas, columns: columns),
                                     notes: notes + ["Cases per 10,000 adult women needs the partnership's population estimate, which Lantern does not hold: divide the cases heard by it."])
        }
        return BoardDraft(candidates: candidates, atoms: atoms, derived: DerivedColumn(heading: "Repeat rate percent", numerator: 1, denominator: 0))
    }

    /// The ASB case review counts by year.
    func asbReview() -> BoardDraft {
        let atoms = CaseReviewReturn.atoms(facts.caseReviews)
        var drawer = self
        drawer.atomsInUse = atoms
        let columns = CaseReviewReturn.items.map { ($0.label, $0.measure, Set([CaseReviewReturn.category]), Set([CountAtoms.anyPartner])) }
        let (levels, notes) = periods(sensitive: false, finest: .year)
        let candidates = levels.map { level in
            ReleaseService.Candidate(table: drawer.periodTable(title: "ASB case reviews, \(span)", level: level, areas: [CaseReviewReturn.area], columns: columns),
                                     notes: notes)
        }
        return BoardDraft(candidates: candidates, atoms: atoms, derived: nil)
    }
}

extension BoardTables {
    /// People in households and in listed households by one characteristic, partnership-wide or in a district.
    func equality() throws -> BoardDraft {
        let atoms = facts.counts.equalityPeople.placed(inMonth: thisMonth).merged(with: equalityListing.atoms(asAt: thisMonth))
        let (people, onList) = EqualityCounts.measures(split)
        let all = atoms.areas(of: people).union(places.districts)
        let (levels, notes) = areaLevels(sensitive: true)
        let candidates = levels.filter { $0 != .sector }.map { level in
            let areas: Set<String> = level == .partnership || request.area == nil
                ? all : [request.areaIsSector ? places.districtOf[request.area!] ?? request.area! : request.area!]
            let rows = split.groups.map { category, label in
                CountTable.Row(label: label, cells: [people, onList].map { measure in
                    let scope = CellScope(measure: measure, areas: areas, months: [thisMonth], categories: [category], partners: [CountAtoms.anyPartner])
                    return CountTable.Cell(scope: scope, count: atoms.count(scope))
                })
            }
            let place = level == .partnership || request.area == nil ? "" : " in \(areas.sorted().joined())"
            return ReleaseService.Candidate(table: CountTable(title: "People in households on the case-finding list by \(split.heading.lowercased())\(place), as at \(MonthIndex.label(thisMonth, level: .month))",
                                                             rowHeading: split.heading, columns: ["People in households", "People in listed households"], rows: rows),
                                            notes: notes)
        }
        return BoardDraft(candidates: candidates, atoms: atoms, derived: DerivedColumn(heading: "Listing rate percent", numerator: 1, denominator: 0))
    }

    /// The MARAC cohort's incidents before and after the hearing, or the lead professional
    /// cohort's outcomes, by quarter (or year) of start, and the matched comparison.
    func evaluation() -> BoardDraft {
        let lead = intervention == .leadProfessional
        let cohort = lead ? (interventionFacts?.leadStarts ?? [:]).sorted { $0.key < $1.key }.map { CohortMember(person: $0.key, startedOn: $0.value) } : facts.cohort
        let outcomeDays = lead ? interventionFacts?.outcomeDays ?? [:] : facts.counts.incidentDays
        let atoms = CohortEvaluation.atoms(cohort, incidentDays: outcomeDays, today: today, days: 182)
        var drawer = self
        drawer.atomsInUse = atoms
        let who = lead ? "Households given a lead professional" : "Victims in the cohort"
        let what = lead ? "Call-outs, missing episodes and exclusions" : "Incidents"
        let columns: [(label: String, measure: String, categories: Set<String>, partners: Set<String>)] = [
            (who, CohortEvaluation.members, [CohortEvaluation.category], [CountAtoms.anyPartner]),
            ("\(what) in the 182 days before", CohortEvaluation.before, [CohortEvaluation.category], [CountAtoms.anyPartner]),
            ("\(what) in the 182 days after", CohortEvaluation.after, [CohortEvaluation.category], [CountAtoms.anyPartner]),
        ]
        let (levels, notes) = periods(sensitive: true, finest: .quarter)
        let title = lead ? "Lead professionals: call-outs, missing episodes and exclusions before and after, started \(span)"
                         : "MARAC cohort: incidents before and after the hearing, heard \(span)"
        let candidates = levels.map { level in
            ReleaseService.Candidate(table: drawer.periodTable(title: title, level: level, areas: ["partnership"], columns: columns), notes: notes)
        }
        let effect: EffectRelease
        if lead, let facts = interventionFacts {
            let months = window(.quarter)
            let groups = LeadProfessionalEvaluation.groups(starts: facts.leadStarts, events: facts.events, today: today, days: 182,
                                                           months: months.first...max(months.first, months.last))
            effect = EffectRelease.matched(groups, policy: request.policy, intervention: intervention)
        } else {
            effect = EffectRelease.matched(cohort: facts.cohort, incidentDays: facts.counts.incidentDays, today: today, days: 182,
                                           window: window(.quarter), policy: request.policy)
        }
        return BoardDraft(candidates: candidates.map { candidate in
            var noted = candidate
            noted.notes += effect.notes
            return noted
        }, atoms: atoms, derived: DerivedColumn(heading: "After as percent of before", numerator: 2, denominator: 1), effect: effect)
    }
}
