/// Who a depersonalised output is for. Each audience has its own
/// ``DisclosurePolicy``; the public gets the most cautious one.
public enum Audience: String, Sendable, Codable, CaseIterable, Hashable {
    /// The community safety partnership board and the strategic lead.
    case board
    /// Published reports and FOI answers.
    case `public`
    /// Partner agencies' own performance teams.
    case partners
}

/// How finely a count may be broken down by place. Ordered finest first.
public enum AreaLevel: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// A postcode sector ("AB1 2"): a few thousand addresses.
    case sector
    /// A postcode district ("AB1"): tens of thousands of addresses.
    case district
    /// The whole partnership area.
    case partnership

    public static func < (lhs: AreaLevel, rhs: AreaLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How finely a count may be broken down by time. Ordered finest first.
public enum PeriodLevel: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case month, quarter, year

    public static func < (lhs: PeriodLevel, rhs: PeriodLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Months in one period of this level.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }
}

/// The rules a depersonalised output must follow before it leaves Lantern,
/// kept as data so each release can name the version it was made under.
///
/// Use ``standard(for:)`` unless the partnership has agreed another. The
/// count rule follows NHS England's method for HES (0 stays 0, 1-7 shown as
/// `*`, others rounded to the nearest 5; totals from unrounded values); the
/// sensitive categories follow the ICO's crime-mapping advice to band
/// sensitive crimes more coarsely. Contract: a policy with a different rule
/// must carry a different `version`.
public struct DisclosurePolicy: Sendable, Codable, Hashable {
    public var audience: Audience
    public var version: Int
    /// Counts from 1 up to this value are never shown (`*`).
    public var largestSuppressed: Int
    /// Other counts are rounded to the nearest multiple of this.
    public var roundingBase: Int
    /// Means, medians and map cells need at least this many people or addresses.
    public var minimumGroup: Int
    /// The finest breakdowns allowed for ordinary categories.
    public var finestArea: AreaLevel
    public var finestPeriod: PeriodLevel
    /// The finest breakdowns allowed when a sensitive category is counted.
    public var sensitiveFinestArea: AreaLevel
    public var sensitiveFinestPeriod: PeriodLevel
    /// Event categories (extract codes) that count as sensitive.
    public var sensitiveCategories: Set<String>

    public init(audience: Audience, version: Int, largestSuppressed: Int = 7, roundingBase: Int = 5, minimumGroup: Int = 8,
                finestArea: AreaLevel, finestPeriod: PeriodLevel, sensitiveFinestArea: AreaLevel,
                sensitiveFinestPeriod: PeriodLevel, sensitiveCategories: Set<String> = DisclosurePolicy.sensitive) {
        self.audience = audience
        self.version = version
        self.largestSuppressed = largestSuppressed
        self.roundingBase = roundingBase
        self.minimumGroup = minimumGroup
        self.finestArea = finestArea
        self.finestPeriod = finestPeriod
        self.sensitiveFinestArea = sensitiveFinestArea
        self.sensitiveFinestPeriod = sensitiveFinestPeriod
        self.sensitiveCategories = sensitiveCategories
    }

    /// Domestic abuse, sexual offences, exploitation and mental health.
    public static let sensitive: Set<String> = Set([
        EventCategory.domesticAbuse, .dashAssessment, .maracReferral, .dvpo, .daAdmission,
        .sexualOffence, .childExploitation, .countyLines, .cuckooing, .mentalHealth,
    ].map(\.rawValue))

    /// The partnership's agreed policy for `audience`.
    public static func standard(for audience: Audience) -> DisclosurePolicy {
        switch audience {
        case .board:
            DisclosurePolicy(audience: .board, version: 1, finestArea: .sector, finestPeriod: .month,
                             sensitiveFinestArea: .district, sensitiveFinestPeriod: .quarter)
        case .partners:
            DisclosurePolicy(audience: .partners, version: 1, finestArea: .sector, finestPeriod: .month,
                             sensitiveFinestArea: .district, sensitiveFinestPeriod: .quarter)
        case .public:
            DisclosurePolicy(audience: .public, version: 1, finestArea: .district, finestPeriod: .quarter,
                             sensitiveFinestArea: .partnership, sensitiveFinestPeriod: .year)
        }
    }

    /// "board v1": how a release names the policy it was made under.
    public var name: String { "\(audience.rawValue) v\(version)" }

    /// Whether any of `categories` is sensitive under this policy.
    public func isSensitive(_ categories: some Sequence<String>) -> Bool {
        categories.contains { sensitiveCategories.contains($0) }
    }

    /// The finest levels allowed for a breakdown that counts `categories`.
    public func finestLevels(for categories: some Sequence<String>) -> (area: AreaLevel, period: PeriodLevel) {
        isSensitive(categories) ? (sensitiveFinestArea, sensitiveFinestPeriod) : (finestArea, finestPeriod)
    }
}
