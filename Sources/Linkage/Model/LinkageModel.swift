import Foundation

/// A trained Fellegi-Sunter model: for every comparison level, how often true matches (m)
/// and non-matches (u) show it, the prior chance that two records match, and the name
/// frequency tables that make a match on a common name count for less.
///
/// Use the model a batch `LinkageRun` returns to score later runs or to seed a
/// `LinkageIndex`, so that results do not drift as data arrives. Contract: it is a plain
/// `Codable` value; `m` and `u` hold one probability per level (level 0, "missing", is kept
/// at 1 so it adds no evidence); weights are `log2(m / u)`.
public struct LinkageModel: Codable, Sendable, Equatable {
    /// The m and u probabilities of one field.
    public struct FieldParameters: Codable, Sendable, Equatable {
        public var field: ComparisonField
        public var m: [Double]
        public var u: [Double]
    }

    /// Bumped whenever comparison levels change; a model of another version cannot be decoded.
    public static let currentVersion = 2
    public var version = LinkageModel.currentVersion
    /// Chance that two records picked at random are the same person.
    public var priorMatchProbability: Double
    public var fields: [FieldParameters]
    /// Share of records with each common given name (upper-case standard form).
    public var givenNameFrequencies: [String: Double]
    public var familyNameFrequencies: [String: Double]
    /// Share used for names not in the tables (rare names).
    public var rareNameFrequency: Double
    /// How many records the model was trained on (0 when untrained).
    public var trainedRecordCount: Int
    /// u of each given-name level among different people at one address (estimated per
    /// run from pairs whose dates of birth are far apart), or empty to use the field's u.
    /// Household members share a given name (a son named after his father, sisters Ella
    /// and Eleanor) far more often than strangers do, so where a date of birth is missing
    /// and the address is shared, a given-name match is weighed against them.
    public var householdGivenNameU: [Double] = []
    /// Share of the records with a date of birth born in each five-year cohort
    /// (`birthCohort(ofYear:)`), over all records and for each partner (keyed by the hash of
    /// the partner's name that standardised records hold), estimated per run; empty when
    /// untrained. A record with no date of birth still says something about its age: the
    /// partner that holds it (a school holds children, a tenancy list adults), so its
    /// partner's cohorts weigh a link to a record whose date of birth is known.
    public var birthCohortShares: [Double] = []
    public var partnerBirthCohortShares: [UInt64: [Double]] = [:]

    /// Limits on the term-frequency adjustment, in bits, so that one odd name cannot decide a pair.
    static let termFrequencyBounds: ClosedRange<Double> = -6...8

    /// Match weight in bits of one field at one level.
    public func weight(_ field: ComparisonField, level: Int) -> Double {
        guard level > 0, field.rawValue < fields.count else { return 0 }
        let p = fields[field.rawValue]
        guard level < p.m.count, level < p.u.count else { return 0 }
        return log2(max(p.m[level], 1e-12) / max(p.u[level], 1e-12))
    }

    /// The prior as a weight in bits, log2(p / (1 - p)).
    public var priorWeight: Double {
        let p = min(max(priorMatchProbability, 1e-15), 0.999_999)
        return log2(p / (1 - p))
    }

    /// Term-frequency adjustment for an exact match on a name with share `frequency`:
    /// log2(u_exact / frequency), bounded.
    func termFrequencyAdjustment(_ field: ComparisonField, frequency: Double) -> Double {
        let uExact = fields[field.rawValue].u[1]
        let value = log2(max(uExact, 1e-12) / max(frequency, 1e-9))
        return min(max(value, Self.termFrequencyBounds.lowerBound), Self.termFrequencyBounds.upperBound)
    }

    public init(
        priorMatchProbability: Double, fields: [FieldParameters], givenNameFrequencies: [String: Double],
        familyNameFrequencies: [String: Double], rareNameFrequency: Double, trainedRecordCount: Int
    ) {
        self.priorMatchProbability = priorMatchProbability
        self.fields = fields
        self.givenNameFrequencies = givenNameFrequencies
        self.familyNameFrequencies = familyNameFrequencies
        self.rareNameFrequency = rareNameFrequency
        self.trainedRecordCount = trainedRecordCount
    }

    private enum CodingKeys: String, CodingKey {
        case version, priorMatchProbability, fields, givenNameFrequencies, familyNameFrequencies
        case rareNameFrequency, trainedRecordCount, householdGivenNameU, birthCohortShares, partnerBirthCohortShares
    }

    /// Decodes a stored model, refusing one whose version or level layout differs from this
    /// code's (for example one saved before a comparison gained a level), so that a stale
    /// model is retrained rather than misread.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        priorMatchProbability = try container.decode(Double.self, forKey: .priorMatchProbability)
        fields = try container.decode([FieldParameters].self, forKey: .fields)
        givenNameFrequencies = try container.decode([String: Double].self, forKey: .givenNameFrequencies)
        familyNameFrequencies = try container.decode([String: Double].self, forKey: .familyNameFrequencies)
        rareNameFrequency = try container.decode(Double.self, forKey: .rareNameFrequency)
        trainedRecordCount = try container.decode(Int.self, forKey: .trainedRecordCount)
        householdGivenNameU = try container.decodeIfPresent([Double].self, forKey: .householdGivenNameU) ?? []
        birthCohortShares = try container.decodeIfPresent([Double].self, forKey: .birthCohortShares) ?? []
        partnerBirthCohortShares = try container.decodeIfPresent([UInt64: [Double]].self, forKey: .partnerBirthCohortShares) ?? [:]
        let layoutMatches = fields.count == ComparisonField.allCases.count && fields.enumerated().allSatisfy { index, p in
            p.field.rawValue == index && p.m.count == p.field.levelCount && p.u.count == p.field.levelCount
        }
        guard version == Self.currentVersion, layoutMatches else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "linkage model version \(version) does not match this version (\(Self.currentVersion)); retrain"))
        }
    }

    /// Sensible starting values used before training and for fields the data cannot train.
    public static let untrained = LinkageModel(
        priorMatchProbability: 1e-4,
        fields: [
            .init(field: .givenName, m: [1, 0.86, 0.04, 0.04, 0.02, 0.01, 0.03], u: [1, 0.01, 0.002, 0.003, 0.012, 0.03, 0.943]),
            .init(field: .familyName, m: [1, 0.86, 0.03, 0.04, 0.015, 0.01, 0.045], u: [1, 0.003, 0.0005, 0.002, 0.008, 0.012, 0.9745]),
            .init(field: .dateOfBirth, m: [1, 0.9, 0.02, 0.05, 0.01, 0.01, 0.01], u: [1, 0.00004, 0.00001, 0.002, 0.012, 0.05, 0.93595]),
            .init(field: .sex, m: [1, 0.97, 0.03], u: [1, 0.5, 0.5]),
            .init(field: .address, m: [1, 0.55, 0.05, 0.02, 0.05, 0.1, 0.23], u: [1, 0.00002, 0.0003, 0.00002, 0.002, 0.01, 0.98766]),
            .init(field: .phone, m: [1, 0.6, 0.4], u: [1, 0.00001, 0.99999]),
            .init(field: .email, m: [1, 0.7, 0.3], u: [1, 0.000005, 0.999995]),
            .init(field: .nhsNumber, m: [1, 0.98, 0.02], u: [1, 0.000001, 0.999999]),
            .init(field: .croNumber, m: [1, 0.97, 0.03], u: [1, 0.000001, 0.999999]),
            // No evidence until trained: how often a partner records one person twice is
            // the data's to say, not a default's.
            .init(field: .source, m: [1, 0.15, 0.85], u: [1, 0.15, 0.85]),
        ],
        givenNameFrequencies: [:],
        familyNameFrequencies: [:],
        rareNameFrequency: 0,
        trainedRecordCount: 0
    )
}

extension LinkageModel {
    /// Most bits a surname or phone match may add when the two records share an address:
    /// people at one address share surnames and landlines, so there these agreements say
    /// "same household" far more than "same person" (Fellegi-Sunter assumes fields are
    /// independent, which a household breaks).
    public static let sharedAddressSurnameCap = 2.0
    public static let sharedAddressPhoneCap = 4.0

    /// Whether the pattern shares an address (same UPRN, or same house in the same postcode).
    static func sharesAddress(_ pattern: ComparisonPattern) -> Bool {
        pattern.level(of: .address) == 1
    }

    /// Whether the pattern places both records in one postcode or one street address: a
    /// landline is a household's, so there a shared number says "same household", which
    /// the address has already said, far more than "same person".
    static func sharesNeighbourhood(_ pattern: ComparisonPattern) -> Bool {
        (1...3).contains(pattern.level(of: .address))
    }

    /// Whether the given names agree (the same, a nickname, a close spelling): a given name
    /// all but says which sex its bearer was recorded as, so sex agreeing as well is no
    /// second piece of evidence, and counting it made different people with one name and
    /// birthday look a bit more alike than they are.
    static func givenNameImpliesSex(_ pattern: ComparisonPattern) -> Bool {
        (1...3).contains(pattern.level(of: .givenName)) && pattern.level(of: .sex) == 1
    }

    /// Date of birth missing on a side and the address shared (or the postcode, with the
    /// house unknown on one side): the people a given name must be told apart from are
    /// the household's (a son named after his father, sisters Ella and Eleanor), not the
    /// population's, so a given-name match is weighed against how often different members
    /// of one household share one.
    static func weighsGivenNameWithinHousehold(_ pattern: ComparisonPattern) -> Bool {
        pattern.level(of: .dateOfBirth) == 0 && (1...2).contains(pattern.level(of: .address))
    }

    /// Lowers one field's evidence to what it says against other members of a household.
    private func withinHousehold(_ field: ComparisonField, _ householdU: [Double], _ pattern: ComparisonPattern,
                                 _ out: UnsafeMutableBufferPointer<Double>) {
        let level = pattern.level(of: field), m = fields[field.rawValue].m
        guard level > 0, level < householdU.count, level < m.count else { return }
        let within = log2(max(m[level], 1e-12) / max(householdU[level], 1e-12))
        out[field.rawValue] = min(out[field.rawValue], within)
    }

    /// The evidence of each field (bits, by `ComparisonField.rawValue`) for one pattern,
    /// with the caps for fields that depend on each other applied; term-frequency terms
    /// are not included.
    public func fieldWeights(_ pattern: ComparisonPattern) -> [Double] {
        var out = ComparisonField.allCases.map { weight($0, level: pattern.level(of: $0)) }
        out.withUnsafeMutableBufferPointer { applyDependencies(pattern, to: $0) }
        return out
    }

    /// Lowers the weights of fields whose agreement the pattern's other fields already
    /// explain (see the caps above); `out` holds one weight per field, by raw value.
    private func applyDependencies(_ pattern: ComparisonPattern, to out: UnsafeMutableBufferPointer<Double>) {
        if Self.sharesNeighbourhood(pattern), pattern.level(of: .phone) == 1 {
            out[ComparisonField.phone.rawValue] = min(out[ComparisonField.phone.rawValue], Self.sharedAddressPhoneCap)
        }
        if Self.givenNameImpliesSex(pattern) {
            out[ComparisonField.sex.rawValue] = min(out[ComparisonField.sex.rawValue], 0)
        }
        if Self.sharesAddress(pattern), pattern.level(of: .familyName) == 1 {
            out[ComparisonField.familyName.rawValue] = min(out[ComparisonField.familyName.rawValue], Self.sharedAddressSurnameCap)
        }
        if Self.weighsGivenNameWithinHousehold(pattern) {
            withinHousehold(.givenName, householdGivenNameU, pattern, out)
        }
    }

    /// Five-year birth cohorts from 1900 (earlier and later years join the end cohorts).
    static let birthCohortCount = 26

    static func birthCohort(ofYear year: Int32) -> Int {
        min(max((Int(year) - 1900) / 5, 0), birthCohortCount - 1)
    }

    /// Bits for a record with no date of birth, held by `partner`, being one person with a
    /// record born in `year`: log2 of how often the partner's dated records are born in that
    /// cohort over how often records at large are (under a match the undated record was
    /// born then too; under a non-match its partner says nothing about the other's year).
    /// Zero for a partner the run did not see or an untrained model; bounded like a
    /// term-frequency adjustment.
    public func partnerCohortAdjustment(partner: UInt64, birthYear year: Int32) -> Double {
        guard let shares = partnerBirthCohortShares[partner], shares.count == Self.birthCohortCount,
              birthCohortShares.count == Self.birthCohortCount else { return 0 }
        let cohort = Self.birthCohort(ofYear: year)
        let value = log2(max(shares[cohort], 1e-12) / max(birthCohortShares[cohort], 1e-12))
        return min(max(value, Self.termFrequencyBounds.lowerBound), Self.termFrequencyBounds.upperBound)
    }

    /// Base weight of every pattern code (prior plus field weights), for the scoring loop:
    /// the same sums as `fieldWeights`, in the same order, from each field's weights
    /// worked out once per level rather than once per pattern.
    func patternWeights() -> [Float] {
        let fieldCount = ComparisonField.allCases.count
        let levelWeights = ComparisonField.allCases.map { field in (0..<field.levelCount).map { weight(field, level: $0) } }
        let prior = priorWeight
        let space = ComparisonField.patternSpace
        let strides = ComparisonField.strides, levelCounts = ComparisonField.levelCounts
        return [Float](unsafeUninitializedCapacity: space) { out, written in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: fieldCount) { weights in
                for code in 0..<space {
                    let pattern = ComparisonPattern(code: UInt32(code))
                    for field in 0..<fieldCount {
                        weights[field] = levelWeights[field][code / strides[field] % levelCounts[field]]
                    }
                    applyDependencies(pattern, to: weights)
                    out[code] = Float(prior + weights.reduce(0, +))
                }
            }
            written = space
        }
    }
}
