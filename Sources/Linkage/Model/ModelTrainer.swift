import Foundation

/// Trains a `LinkageModel` without labels.
///
/// u (how often non-matches agree) comes from comparing random pairs; m (how often matches
/// agree) and the share of matches come from expectation maximisation run, Splink-style, on
/// the pairs of several blocking rules in turn, each time leaving out the fields that rule
/// biases. EM works on counts of distinct comparison patterns, so each iteration costs the
/// number of patterns seen, not the number of pairs. Contract: deterministic for a given
/// random generator state; fields the data cannot train keep the untrained values.
struct ModelTrainer {
    /// Rules whose non-matching pairs look like random pairs on the fields left free.
    static let trainingRules: [BlockingRule] = [
        .dateOfBirth, .surnameSoundAndBirthMonth, .givenNameAndSector, .givenNameAndSurnameSound, .nhsNumber,
    ]
    /// Pseudo-pairs given to the untrained values, so that small data leans on them.
    static let priorStrength = 2_000.0
    static let minimumSessionPairs = 500
    /// Below this many records name frequencies are noise, so no term-frequency tables.
    static let minimumRecordsForTermFrequencies = 1_000
    /// Fields whose m comes from identifier-keyed sessions alone when there are any: a
    /// relative shares a name and an address, never a date of birth and an NHS number.
    static let fieldsTaughtByIdentifiers: [ComparisonField] = [.dateOfBirth]
    /// Pseudo-matches given to the untrained m values in each EM step.
    static let mPriorStrength = 20.0

    var settings: LinkageSettings

    /// u from `randomPairSampleSize` random pairs (all pairs when there are fewer),
    /// compared on `workers` cores; the pairs are drawn from `random` in order first, so
    /// the result does not depend on the number of workers. `agreeing` counts, by field,
    /// the pairs that agreed exactly: what each u for exact agreement rests on.
    func estimateU<R: RandomNumberGenerator>(
        comparator: RecordComparator, recordCount n: Int, workers: Int, random: inout R
    ) async -> (u: [[Double]], sampled: Int, agreeing: [Int], samePostcode: SamePostcodePairs?) {
        var pairs: [UInt64] = []
        let allPairs = n < 2 ? 0 : n * (n - 1) / 2
        if allPairs <= settings.randomPairSampleSize {
            pairs.reserveCapacity(allPairs)
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { pairs.append(UInt64(i) << 32 | UInt64(j)) } }
        } else {
            pairs.reserveCapacity(settings.randomPairSampleSize)
            for _ in 0..<settings.randomPairSampleSize {
                let i = Int.random(in: 0..<n, using: &random)
                var j = Int.random(in: 0..<(n - 1), using: &random)
                if j >= i { j += 1 }
                pairs.append(UInt64(i) << 32 | UInt64(j))
            }
        }
        let sample = pairs
        let sampled = sample.count
        let parts = sample.count < 50_000 ? 1 : max(1, workers)
        let chunk = (sample.count + parts - 1) / max(parts, 1)
        let levelCounts = await withTaskGroup(of: [[Double]].self) { group in
            for part in 0..<parts {
                let range = min(sample.count, part * chunk)..<min(sample.count, (part + 1) * chunk)
                group.addTask {
                    var counts = ComparisonField.allCases.map { [Double](repeating: 0, count: $0.levelCount) }
                    for index in range {
                        let pair = sample[index]
                        let p = ComparisonPattern(code: comparator.pattern(Int(pair >> 32), Int(pair & 0xFFFF_FFFF)))
                        for field in ComparisonField.allCases { counts[field.rawValue][p.level(of: field)] += 1 }
                    }
                    return counts
                }
            }
            var total = ComparisonField.allCases.map { [Double](repeating: 0, count: $0.levelCount) }
            for await counts in group {
                for f in total.indices { for l in total[f].indices { total[f][l] += counts[f][l] } }
            }
            return total
        }
        let base = LinkageModel.untrained
        var u: [[Double]] = []
        for field in ComparisonField.allCases {
            let counts = levelCounts[field.rawValue]
            let present = counts.dropFirst().reduce(0, +)
            var row = [1.0]
            for level in 1..<field.levelCount {
                let prior = base.fields[field.rawValue].u[level]
                row.append((counts[level] + Self.priorStrength * prior) / (present + Self.priorStrength))
            }
            u.append(row)
        }
        // A sample that is every pair already counts each address exactly.
        var samePostcode: SamePostcodePairs?
        if allPairs > settings.randomPairSampleSize {
            samePostcode = SamePostcodePairs.sample(comparator: comparator, pairs: settings.randomPairSampleSize / 4,
                                                    random: &random)
            if let samePostcode {
                u[ComparisonField.address.rawValue] = Self.addressU(u[ComparisonField.address.rawValue],
                                                                    randomCounts: levelCounts[ComparisonField.address.rawValue],
                                                                    sampled: sampled, samePostcode: samePostcode)
            }
        }
        return (u, sampled, levelCounts.map { Int($0[1]) }, samePostcode)
    }

    /// The address's u with its same-postcode levels taken from pairs drawn inside postcodes,
    /// and the other levels from the random pairs, scaled so that the levels sum to one.
    static func addressU(_ fromRandom: [Double], randomCounts: [Double], sampled: Int,
                         samePostcode: SamePostcodePairs) -> [Double] {
        let present = randomCounts.dropFirst().reduce(0, +) / Double(max(sampled, 1))
        guard present > 0 else { return fromRandom }
        let samePostcodeLevels = 1...2
        var u = fromRandom
        var inside = 0.0
        // Never zero: a level no pair reached still happens, just rarer than the sample shows.
        let floor = 0.5 / Double(samePostcode.considered) * samePostcode.samePostcodeShare
        for level in samePostcodeLevels {
            u[level] = min(max(samePostcode.share(of: level), floor) / present, 0.5)
            inside += u[level]
        }
        let rest = u.indices.dropFirst().filter { !samePostcodeLevels.contains($0) }
        let restTotal = rest.reduce(0.0) { $0 + fromRandom[$1] }
        guard restTotal > 0, inside < 1 else { return fromRandom }
        for level in rest { u[level] = fromRandom[level] / restTotal * (1 - inside) }
        return u
    }

    /// One EM session on the pattern counts of one rule. Returns trained m, the share of
    /// matches and the iterations used; `fixed` fields take no part.
    func expectationMaximisation(
        counts: [(pattern: UInt32, count: Double)], m start: [[Double]], u: [[Double]], fixed: Set<ComparisonField>
    ) -> (m: [[Double]], lambda: Double, iterations: Int) {
        let fields = ComparisonField.allCases.filter { !fixed.contains($0) }
        let decoded = counts.map { ComparisonPattern(code: $0.pattern).levels }
        var m = start
        var lambda = 0.3
        var iterations = 0
        while iterations < settings.maximumEMIterations {
            iterations += 1
            var matchMass = [[Double]](ComparisonField.allCases.map { [Double](repeating: 0, count: $0.levelCount) })
            var totalMatch = 0.0, total = 0.0
            for (index, entry) in counts.enumerated() {
                let levels = decoded[index]
                var likeMatch = lambda, likeNon = 1 - lambda
                for field in fields {
                    let level = levels[field.rawValue]
                    if level == 0 { continue }
                    likeMatch *= m[field.rawValue][level]
                    likeNon *= u[field.rawValue][level]
                }
                let posterior = likeMatch / max(likeMatch + likeNon, 1e-300)
                let mass = posterior * entry.count
                totalMatch += mass
                total += entry.count
                for field in fields { matchMass[field.rawValue][levels[field.rawValue]] += mass }
            }
            var change = abs(totalMatch / max(total, 1) - lambda)
            lambda = min(max(totalMatch / max(total, 1), 1e-6), 1 - 1e-6)
            for field in fields {
                let row = matchMass[field.rawValue]
                let present = row.dropFirst().reduce(0, +)
                guard present > 0 else { continue }
                for level in 1..<row.count {
                    // Smoothed towards the untrained value so that an unseen level keeps a sane weight.
                    let prior = LinkageModel.untrained.fields[field.rawValue].m[level]
                    let value = max((row[level] + Self.mPriorStrength * prior) / (present + Self.mPriorStrength), 1e-6)
                    change = max(change, abs(value - m[field.rawValue][level]))
                    m[field.rawValue][level] = value
                }
            }
            if change < settings.convergenceTolerance { break }
        }
        return (m, lambda, iterations)
    }

    /// The share of matches among candidate pairs, with m and u held fixed.
    func matchShare(counts: [(pattern: UInt32, count: Double)], model: LinkageModel) -> Double {
        var lambda = 0.1
        let weights = counts.map { entry -> Double in
            let p = ComparisonPattern(code: entry.pattern)
            var w = 0.0
            for field in ComparisonField.allCases { w += model.weight(field, level: p.level(of: field)) }
            return w
        }
        for _ in 0..<settings.maximumEMIterations {
            var mass = 0.0, total = 0.0
            let priorOdds = lambda / (1 - lambda)
            for (index, entry) in counts.enumerated() {
                let odds = priorOdds * pow2(weights[index])
                mass += entry.count * (odds.isInfinite ? 1 : odds / (1 + odds))
                total += entry.count
            }
            let next = min(max(mass / max(total, 1), 1e-9), 1 - 1e-9)
            if abs(next - lambda) < 1e-7 { lambda = next; break }
            lambda = next
        }
        return lambda
    }

    private func pow2(_ x: Double) -> Double { x > 1000 ? .infinity : (x < -1000 ? 0 : exp2(x)) }

    /// Name share tables for term-frequency adjustment.
    /// u of each level of `field` among different people who share an address: from the
    /// candidate pairs at one address that `surelyDifferent` (a field far apart) marks as
    /// two people, a parent and child or siblings. Empty when there are too few to say.
    static func householdU(
        _ field: ComparisonField, surelyDifferent: ComparisonField,
        _ counts: [(pattern: UInt32, count: Double)], minimumPairs: Double = 1_000
    ) -> [Double] {
        let levels = field.levelCount
        var byLevel = [Double](repeating: 0, count: levels)
        for (code, count) in counts {
            let pattern = ComparisonPattern(code: code)
            guard pattern.level(of: .address) == 1, pattern.level(of: surelyDifferent) == surelyDifferent.levelCount - 1
            else { continue }
            byLevel[pattern.level(of: field)] += count
        }
        let present = byLevel.dropFirst().reduce(0, +)
        guard present >= minimumPairs else { return [] }
        // Half a pair added to every level, so that a level never seen is not called impossible.
        let smoothed = present + 0.5 * Double(levels - 1)
        return [1] + (1..<levels).map { (byLevel[$0] + 0.5) / smoothed }
    }

    /// Pseudo-records of the overall cohorts added to each partner's, so that a partner
    /// with few dated records leans on the whole population rather than on chance.
    static let cohortPriorStrength = 100.0

    /// Share of dated records in each birth cohort overall and per partner (see
    /// `LinkageModel.partnerBirthCohortShares`).
    static func birthCohortShares(_ records: StandardisedRecords) -> (overall: [Double], byPartner: [UInt64: [Double]]) {
        let cohorts = LinkageModel.birthCohortCount
        var overall = [Double](repeating: 0, count: cohorts)
        var byPartner: [UInt64: [Double]] = [:]
        for i in 0..<records.count {
            let date = records.birthDate[i]
            guard date != 0 else { continue }
            let cohort = LinkageModel.birthCohort(ofYear: date / 10_000)
            overall[cohort] += 1
            let partner = records.source[i]
            if partner != 0 { byPartner[partner, default: [Double](repeating: 0, count: cohorts)][cohort] += 1 }
        }
        let total = overall.reduce(0, +)
        guard total > 0 else { return ([], [:]) }
        // Half a record in every cohort, so that no cohort is called impossible.
        let shares = overall.map { ($0 + 0.5) / (total + 0.5 * Double(cohorts)) }
        var out: [UInt64: [Double]] = [:]
        for (partner, counts) in byPartner {
            let n = counts.reduce(0, +)
            out[partner] = (0..<cohorts).map { (counts[$0] + cohortPriorStrength * shares[$0]) / (n + cohortPriorStrength) }
        }
        return (shares, out)
    }

    static func nameFrequencies(_ names: NameTable, uses: [Int32], keep: Int) -> (table: [String: Double], rare: Double) {
        let total = Double(max(1, uses.reduce(0) { $0 + Int($1) }))
        var ranked: [(Int, Int32)] = []
        for (code, count) in uses.enumerated() where count >= 2 { ranked.append((code, count)) }
        ranked.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var table: [String: Double] = [:]
        for (code, count) in ranked.prefix(keep) { table[names.name(Int32(code))] = Double(count) / total }
        return (table, 1 / total)
    }
}
