/// The fields linkage compares, and the ordered agreement levels of each.
///
/// Use it to read a `ComparisonPattern`, a trained `LinkageModel` or an explanation.
/// Contract: level 0 of every field is "missing on one side or both" and carries no
/// evidence; higher levels run from strongest agreement to outright disagreement, and the
/// last level is always "different". Levels never change meaning between versions without
/// a model version bump.
public enum ComparisonField: Int, CaseIterable, Codable, Sendable {
    case givenName, familyName, dateOfBirth, sex, address, phone, email, nhsNumber, croNumber
    /// Which partner holds each record. Two records one partner keeps under different
    /// record ids are usually two people (both twins on one school roll, a father and son
    /// on the council's list); how often a partner records one person twice differs by
    /// partner and data set, so EM estimates it per run like any other level.
    case source

    /// Practitioner wording for each level, "missing" first.
    public var levelDescriptions: [String] {
        switch self {
        case .givenName:
            return ["given name missing", "same given name", "given name is a known nickname or other given name",
                    "given name spelt almost the same", "given name spelt similarly", "given name initial matches",
                    "different given name"]
        case .familyName:
            return ["surname missing", "same surname", "surname matches a previous or other surname",
                    "surname spelt almost the same", "surname sounds alike", "surname spelt similarly",
                    "different surname"]
        case .dateOfBirth:
            return ["date of birth missing", "same date of birth", "date of birth with day and month swapped",
                    "date of birth one part different", "same year of birth only",
                    "date of birth within two years", "different date of birth"]
        case .sex:
            return ["sex missing", "same sex", "different sex"]
        case .address:
            return ["address missing", "same address", "same postcode, house differs or unknown", "same street address, postcode differs",
                    "same postcode sector", "same postcode district", "different postcode district"]
        case .phone:
            return ["phone missing", "same phone number", "different phone number"]
        case .email:
            return ["email missing", "same email", "different email"]
        case .nhsNumber:
            return ["NHS number missing", "same NHS number", "different NHS number"]
        case .croNumber:
            return ["CRO number missing", "same CRO number", "different CRO number"]
        case .source:
            return ["partner missing", "same partner, another record", "different partners"]
        }
    }

    /// Number of levels including "missing".
    public var levelCount: Int { levelDescriptions.count }

    var name: String {
        switch self {
        case .givenName: "givenName"
        case .familyName: "familyName"
        case .dateOfBirth: "dateOfBirth"
        case .sex: "sex"
        case .address: "address"
        case .phone: "phone"
        case .email: "email"
        case .nhsNumber: "nhsNumber"
        case .croNumber: "croNumber"
        case .source: "source"
        }
    }

    /// Level counts in field order, fixed at compile time for the hot loop.
    static let levelCounts: [Int] = [7, 7, 7, 3, 7, 3, 3, 3, 3, 3]
    /// Mixed-radix strides: pattern code = sum of level * stride.
    static let strides: [Int] = {
        var out: [Int] = []
        var stride = 1
        for count in levelCounts { out.append(stride); stride *= count }
        return out
    }()
    /// How many distinct patterns exist.
    static let patternSpace: Int = levelCounts.reduce(1, *)
}

/// The agreement level of every field for one pair of records, as one integer.
///
/// Contract: `level(of:)` returns a value in `0..<field.levelCount`; equal patterns mean
/// equal evidence, which is why EM trains on pattern counts rather than on pairs.
public struct ComparisonPattern: Hashable, Sendable, Codable {
    public let code: UInt32

    public init(code: UInt32) { self.code = code }

    public init(levels: [Int]) {
        var code = 0
        for (index, level) in levels.enumerated() where index < ComparisonField.strides.count {
            code += min(level, ComparisonField.levelCounts[index] - 1) * ComparisonField.strides[index]
        }
        self.code = UInt32(code)
    }

    @inline(__always)
    public func level(of field: ComparisonField) -> Int {
        Int(code) / ComparisonField.strides[field.rawValue] % ComparisonField.levelCounts[field.rawValue]
    }

    public var levels: [Int] { ComparisonField.allCases.map { level(of: $0) } }
}
