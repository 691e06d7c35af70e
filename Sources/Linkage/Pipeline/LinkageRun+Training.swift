extension LinkageRun {
    /// Trains u on random pairs, m by EM on each training rule's pattern counts, then the prior.
    static func train<R: RandomNumberGenerator>(
        standard: StandardisedRecords, comparator: RecordComparator, compared: PairComparison, blocks: CandidateBlocks,
        settings: LinkageSettings, summary: inout LinkageSummary, random: inout R
    ) async -> LinkageModel {
        let trainer = ModelTrainer(settings: settings)
        let base = LinkageModel.untrained
        let n = standard.count
        let rules = blocks.rules
        let (u, sampled, agreeing, samePostcode) = await trainer.estimateU(
            comparator: comparator, recordCount: n, workers: max(1, settings.workers), random: &random)
        summary.randomPairsSampled = sampled
        summary.randomPairsAgreeing = agreeing
        summary.samePostcodePairsConsidered = samePostcode?.considered ?? 0
        summary.samePostcodePairsSameAddress = samePostcode?.addressLevels[1] ?? 0
        var model = base
        for field in ComparisonField.allCases { model.fields[field.rawValue].u = u[field.rawValue] }

        var mSums = ComparisonField.allCases.map { [Double](repeating: 0, count: $0.levelCount) }
        var sessions = [Int](repeating: 0, count: ComparisonField.allCases.count)
        let startM = base.fields.map(\.m)
        var matchesInBirthDateBlocks: Double?
        var identifierM = ComparisonField.allCases.map { [Double](repeating: 0, count: $0.levelCount) }
        var identifierSessions = 0
        for rule in ModelTrainer.trainingRules {
            guard let r = rules.firstIndex(of: rule) else { continue }
            let counts = compared.patternCounts(r)
            let total = counts.reduce(0.0) { $0 + $1.count }
            guard total >= Double(ModelTrainer.minimumSessionPairs) else { continue }
            let fixed = rule.fieldsFixedDuringTraining
            let session = trainer.expectationMaximisation(counts: counts, m: startM, u: u, fixed: fixed)
            summary.emIterations[rule.summaryName] = session.iterations
            summary.emMatchShare[rule.summaryName] = session.lambda
            if rule == .dateOfBirth {
                // Counts come from whole blocks only; matches grow with the records in a
                // block, so scale up by the records in split blocks too.
                let whole = Double(max(1, blocks.recordsInWholeBlocks[r]))
                matchesInBirthDateBlocks = session.lambda * total * Double(blocks.recordsBlocked[r]) / whole
            }
            if rule.isPersonIdentifier {
                identifierSessions += 1
                for field in ModelTrainer.fieldsTaughtByIdentifiers {
                    for level in 0..<field.levelCount { identifierM[field.rawValue][level] += session.m[field.rawValue][level] }
                }
            }
            for field in ComparisonField.allCases where !fixed.contains(field) {
                sessions[field.rawValue] += 1
                for level in 0..<field.levelCount { mSums[field.rawValue][level] += session.m[field.rawValue][level] }
            }
        }
        for field in ComparisonField.allCases where sessions[field.rawValue] > 0 {
            let count = Double(sessions[field.rawValue])
            var m = mSums[field.rawValue].map { $0 / count }
            m[0] = 1
            model.fields[field.rawValue].m = m
        }
        if identifierSessions > 0 {
            // Relatives share names and an address, so in the name and place sessions a
            // father and son (or twins) pass for one person whose date of birth was
            // mistyped, and EM learns far more date disagreement than one person's records
            // show. Pairs sharing an NHS number (the identifier among the training rules) are
            // one person whatever their relatives look like: where enough of them exist, they
            // teach the date of birth.
            for field in ModelTrainer.fieldsTaughtByIdentifiers {
                var m = identifierM[field.rawValue].map { $0 / Double(identifierSessions) }
                m[0] = 1
                model.fields[field.rawValue].m = m
            }
            summary.personFieldsTaughtByIdentifiers = true
        }

        let allCounts = compared.patternCounts(rules.count)
        model.householdGivenNameU = ModelTrainer.householdU(.givenName, surelyDifferent: .dateOfBirth, allCounts)
        let candidateTotal = allCounts.reduce(0.0) { $0 + $1.count }
        let allPairs = Double(n) * Double(max(n - 1, 0)) / 2
        let dob = model.fields[ComparisonField.dateOfBirth.rawValue].m
        let birthDateRecall = dob[1] + dob[2]
        if let matches = matchesInBirthDateBlocks, allPairs > 0, birthDateRecall > 0.2 {
            // The date-of-birth blocks hold the matches whose dates agree (either way
            // round), a share of all matches that EM has just estimated as m(exact) +
            // m(swapped); scaling up gives the number of matches, and so the prior.
            // This avoids fitting the prior to patterns whose fields are correlated
            // (shared address and surname in one household), which overstates it.
            let present = Double(standard.birthDate.lazy.filter { $0 != 0 }.count) / Double(max(n, 1))
            let estimated = matches / birthDateRecall / max(present * present, 0.05)
            model.priorMatchProbability = min(max(estimated / allPairs, 1e-12), 0.5)
        } else if candidateTotal >= Double(ModelTrainer.minimumSessionPairs), allPairs > 0 {
            let share = trainer.matchShare(counts: allCounts, model: model)
            model.priorMatchProbability = min(max(share * candidateTotal / allPairs, 1e-12), 0.5)
        }
        if n >= ModelTrainer.minimumRecordsForTermFrequencies {
            let given = ModelTrainer.nameFrequencies(standard.names, uses: standard.names.givenUses,
                                                     keep: settings.termFrequencyTableSize)
            let family = ModelTrainer.nameFrequencies(standard.names, uses: standard.names.familyUses,
                                                      keep: settings.termFrequencyTableSize)
            model.givenNameFrequencies = given.table
            model.familyNameFrequencies = family.table
            model.rareNameFrequency = min(given.rare, family.rare)
        }
        if n >= ModelTrainer.minimumRecordsForTermFrequencies {
            let cohorts = ModelTrainer.birthCohortShares(standard)
            model.birthCohortShares = cohorts.overall
            model.partnerBirthCohortShares = cohorts.byPartner
        }
        model.trainedRecordCount = n
        return model
    }

}
