/// Scores pairs of standardised records under a fixed model.
///
/// Holds the model in the form the hot loop wants: one base weight per pattern code and
/// one term-frequency adjustment per interned name. Contract: `score(i, j)` equals
/// `score(j, i)`; a scorer built for one set of records must not be used with another.
struct PairScorer: Sendable {
    let model: LinkageModel
    var comparator: RecordComparator
    /// Base weight per pattern code when built dense (large runs), else empty.
    private(set) var patternWeights: [Float]
    private(set) var givenAdjustment: [Float]
    private(set) var familyAdjustment: [Float]
    /// Records of each given name born in each year, and records born in each year: a
    /// name's share among people born the same year, for pairs that share both.
    private var namesBornIn: [Int64: Int32] = [:]
    private var bornIn: [Int32: Int32] = [:]
    private var recordsCounted = 0
    /// `LinkageModel.partnerCohortAdjustment` per partner and birth cohort, for the hot loop.
    private var cohortAdjustments: [UInt64: [Float]] = [:]

    init(model: LinkageModel, records: StandardisedRecords, densePatternWeights: Bool = false, capacity: Int = 0) {
        self.init(model: model, comparator: RecordComparator(records, capacity: capacity),
                  densePatternWeights: densePatternWeights)
    }

    /// A scorer over the records `comparator` already holds (its rows are shared, not rebuilt).
    init(model: LinkageModel, comparator: RecordComparator, densePatternWeights: Bool = false) {
        self.model = model
        self.comparator = comparator
        self.comparator.partnersKeepPeopleApart = model.weight(.source, level: 1) <= PersonClusterer.samePartnerEvidenceBits
        patternWeights = densePatternWeights ? model.patternWeights() : []
        givenAdjustment = []
        familyAdjustment = []
        for partner in model.partnerBirthCohortShares.keys {
            cohortAdjustments[partner] = (0..<LinkageModel.birthCohortCount).map { cohort in
                Float(model.partnerCohortAdjustment(partner: partner, birthYear: Int32(1900 + 5 * cohort)))
            }
        }
        refreshNameAdjustments()
    }

    /// Computes term-frequency adjustments for names interned since the last call, and
    /// counts the given names and years of birth of records added since then.
    mutating func refreshNameAdjustments() {
        let records = comparator.records
        for i in recordsCounted..<records.count {
            let date = records.birthDate[i], given = records.given[i]
            guard date != 0 else { continue }
            let year = date / 10_000
            bornIn[year, default: 0] += 1
            if given >= 0 { namesBornIn[Self.cohortKey(given, year), default: 0] += 1 }
        }
        recordsCounted = records.count
        let names = records.names
        for code in givenAdjustment.count..<names.count {
            let name = names.name(Int32(code))
            let g = model.givenNameFrequencies[name] ?? model.rareNameFrequency
            let f = model.familyNameFrequencies[name] ?? model.rareNameFrequency
            givenAdjustment.append(g > 0 ? Float(model.termFrequencyAdjustment(.givenName, frequency: g)) : 0)
            var family: Float = f > 0 ? Float(model.termFrequencyAdjustment(.familyName, frequency: f)) : 0
            if Self.looselySharedFamilyNames.contains(name) { family = min(family, commonestFamilyAdjustment) }
            familyAdjustment.append(family)
        }
    }

    /// Names used as family names by naming conventions where many unrelated people share
    /// them (Begum and Khatun for women of Bengali and Pakistani families, Singh and Kaur
    /// for Sikh men and women): a match on one counts as a match on the commonest surname
    /// in the model would, whatever the data's own counts say.
    static let looselySharedFamilyNames: Set<String> = ["BEGUM", "KHATUN", "KHATOON", "BIBI", "SINGH", "KAUR"]

    /// The adjustment of the commonest family name (the lower bound when there is no table).
    private var commonestFamilyAdjustment: Float {
        guard let top = model.familyNameFrequencies.values.max(), top > 0 else {
            return Float(LinkageModel.termFrequencyBounds.lowerBound)
        }
        return Float(model.termFrequencyAdjustment(.familyName, frequency: top))
    }

    @inline(__always)
    func weight(pattern: UInt32, _ i: Int, _ j: Int) -> (weight: Float, given: Float, family: Float, partnerCohort: Float) {
        var w = patternWeights.isEmpty ? baseWeight(pattern) : patternWeights[Int(pattern)]
        var g: Float = 0, f: Float = 0
        if pattern % 7 == 1 {
            let dateLevel = pattern / 49 % 7, addressLevel = pattern / 1_029 % 7
            g = dateLevel == 1 ? cohortAdjustment(i) : givenAdjustment[Int(comparator.records.given[i])]
            // Within a household a rare name is shared as readily as a common one (a son is
            // named after his father whatever the name), so there rarity adds nothing.
            if dateLevel == 0, addressLevel == 1 || addressLevel == 2 { g = min(g, 0) }
        }
        if pattern / 7 % 7 == 1, !LinkageModel.sharesAddress(ComparisonPattern(code: pattern)) {
            f = familyAdjustment[Int(comparator.records.family[i])]
        }
        var c: Float = 0
        if pattern / 49 % 7 == 0, !cohortAdjustments.isEmpty { c = partnerCohortAdjustment(i, j) }
        w += g + f + c
        return (w, g, f, c)
    }

    /// Where exactly one record has a date of birth, what the other record's partner says
    /// about being born then (`LinkageModel.partnerCohortAdjustment`).
    @inline(__always)
    private func partnerCohortAdjustment(_ i: Int, _ j: Int) -> Float {
        let r = comparator.records
        let di = r.birthDate[i], dj = r.birthDate[j]
        let (undated, year): (Int, Int32)
        if di == 0, dj != 0 { (undated, year) = (i, dj / 10_000) } else if dj == 0, di != 0 { (undated, year) = (j, di / 10_000) } else { return 0 }
        guard let row = cohortAdjustments[r.source[undated]] else { return 0 }
        return row[LinkageModel.birthCohort(ofYear: year)]
    }

    /// Term-frequency adjustment for one given name among people born in one year. Names
    /// go in and out of fashion, so two people born the same year share a popular name of
    /// that year far more often than its share of the whole population says: Lily and Mia
    /// are common among children, rare among their grandparents.
    @inline(__always)
    private func cohortAdjustment(_ i: Int) -> Float {
        let r = comparator.records
        let year = r.birthDate[i] / 10_000
        guard let born = bornIn[year], born > 0, let named = namesBornIn[Self.cohortKey(r.given[i], year)] else {
            return givenAdjustment[Int(r.given[i])]
        }
        return Float(model.termFrequencyAdjustment(.givenName, frequency: Double(named) / Double(born)))
    }

    @inline(__always)
    private static func cohortKey(_ given: Int32, _ year: Int32) -> Int64 { Int64(given) << 16 | Int64(year) }

    @inline(__always)
    private func baseWeight(_ pattern: UInt32) -> Float {
        Float(model.priorWeight + model.fieldWeights(ComparisonPattern(code: pattern)).reduce(0, +))
    }

    func score(_ i: Int, _ j: Int) -> ScoredPair {
        let pattern = comparator.pattern(i, j)
        let (w, g, f, c) = weight(pattern: pattern, i, j)
        return ScoredPair(first: i, second: j, weight: Double(w), pattern: ComparisonPattern(code: pattern),
                          givenNameFrequencyAdjustment: Double(g), familyNameFrequencyAdjustment: Double(f),
                          partnerCohortAdjustment: Double(c))
    }

    /// Two valid strong identifiers that differ.
    @inline(__always)
    func identifiersConflict(_ i: Int, _ j: Int) -> Bool {
        let r = comparator.records
        return (r.nhs[i] != 0 && r.nhs[j] != 0 && r.nhs[i] != r.nhs[j])
            || (r.cro[i] != 0 && r.cro[j] != 0 && r.cro[i] != r.cro[j])
    }
}
