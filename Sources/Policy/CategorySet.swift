import LanternDomain

/// A set of data categories held in one machine word.
///
/// Use it for the categories of an item's fields and for the categories a
/// decision masks; it costs no allocation, which keeps decisions fast.
/// Contract: behaves as `Set<DataCategory>`; iterates in `DataCategory.allCases`
/// order; encodes as an array of raw values.
public struct CategorySet: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral, Codable,
    CustomStringConvertible {
    public private(set) var bits: UInt32

    public init() { bits = 0 }

    public init(_ categories: some Sequence<DataCategory>) {
        bits = 0
        for category in categories { insert(category) }
    }

    public init(arrayLiteral elements: DataCategory...) { self.init(elements) }

    public static let all = CategorySet(DataCategory.allCases)

    public var isEmpty: Bool { bits == 0 }
    public var count: Int { bits.nonzeroBitCount }

    public func contains(_ category: DataCategory) -> Bool { bits & category.bit != 0 }

    public mutating func insert(_ category: DataCategory) { bits |= category.bit }

    public mutating func remove(_ category: DataCategory) { bits &= ~category.bit }

    public func union(_ other: CategorySet) -> CategorySet { CategorySet(bits: bits | other.bits) }

    public func subtracting(_ other: CategorySet) -> CategorySet { CategorySet(bits: bits & ~other.bits) }

    public func intersection(_ other: CategorySet) -> CategorySet { CategorySet(bits: bits & other.bits) }

    private init(bits: UInt32) { self.bits = bits }

    public func makeIterator() -> Iterator { Iterator(remaining: bits) }

    /// Walks the set bits, lowest first.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt32

        public mutating func next() -> DataCategory? {
            guard remaining != 0 else { return nil }
            let ordinal = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return DataCategory.byOrdinal[ordinal]
        }
    }

    public var description: String { "[" + map(\.rawValue).joined(separator: ", ") + "]" }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([DataCategory].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Array(self))
    }
}

extension DataCategory {
    /// Position in `allCases`; the exhaustive switch makes a new category a
    /// compile error here rather than a silent collision.
    var ordinal: Int {
        switch self {
        case .identity: 0
        case .involvement: 1
        case .asb: 2
        case .crime: 3
        case .domesticAbuse: 4
        case .exploitation: 5
        case .socialCare: 6
        case .health: 7
        case .housing: 8
        case .education: 9
        case .probation: 10
        case .fire: 11
        case .financial: 12
        }
    }

    var bit: UInt32 { 1 << UInt32(ordinal) }

    static let byOrdinal: [DataCategory] = {
        var table = Array(repeating: DataCategory.identity, count: DataCategory.allCases.count)
        for category in DataCategory.allCases { table[category.ordinal] = category }
        return table
    }()
}

extension Purpose {
    /// Position in `allCases`, for packing index keys.
    var ordinal: Int {
        switch self {
        case .caseFinding: 0
        case .joiningCaseloads: 1
        case .holisticView: 2
        case .riskModelling: 3
        case .riskPanels: 4
        case .evaluation: 5
        }
    }
}
