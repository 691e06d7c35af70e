/// One rule that indicates a family need: which events, about whom, how
/// recent and how many.
///
/// Use it inside a ``NeedRuleSet``; analysts edit rules as JSON. The rule keeps
/// the codes as the analyst wrote them (`"missing-episode"`), so a mistyped
/// code survives decoding and ``NeedRuleSet/problems()`` can say which rule
/// and which code to fix. Contract: an event counts when its category is one
/// of `categories`, its role is one of `roles` (empty: any role), the person
/// is in `ageBand` on the event day (nil: any age, even unknown), and it
/// happened on the reference day or up to `lookBackDays` days before it
/// (inclusive; later events never count). The rule fires when at least
/// `minimumCount` events count.
public struct NeedRule: Sendable, Hashable, Codable {
    /// Stable identifier quoted in evidence and decisions (`children-safe.missing`).
    public var id: String
    /// The ``FamilyNeed`` code, as written.
    public var needCode: String
    /// ``EventCategory`` codes, as written.
    public var categoryCodes: [String]
    /// ``PersonRole`` codes, as written; empty means any role.
    public var roleCodes: [String]
    public var ageBand: AgeBand?
    public var lookBackDays: Int
    public var minimumCount: Int
    /// Why the rule exists, in the analyst's words.
    public var note: String?

    public init(id: String, need: FamilyNeed, categories: [EventCategory], roles: [PersonRole] = [],
                ageBand: AgeBand? = nil, lookBackDays: Int, minimumCount: Int = 1, note: String? = nil) {
        self.id = id
        self.needCode = need.rawValue
        self.categoryCodes = categories.map(\.rawValue)
        self.roleCodes = roles.map(\.rawValue)
        self.ageBand = ageBand
        self.lookBackDays = lookBackDays
        self.minimumCount = minimumCount
        self.note = note
    }

    /// The need, or nil when the code is not one of the ten.
    public var need: FamilyNeed? { FamilyNeed(rawValue: needCode) }
    /// The categories whose codes are known.
    public var categories: [EventCategory] { categoryCodes.compactMap(EventCategory.init(rawValue:)) }
    /// The roles whose codes are known.
    public var roles: [PersonRole] { roleCodes.compactMap(PersonRole.init(rawValue:)) }

    enum CodingKeys: String, CodingKey {
        case id, needCode = "need", categoryCodes = "categories", roleCodes = "roles"
        case ageBand, lookBackDays, minimumCount, note
    }

    /// Lenient on purpose: unknown codes are kept for validation to report;
    /// `roles` defaults to any role and `minimumCount` to 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        needCode = try container.decode(String.self, forKey: .needCode)
        categoryCodes = try container.decode([String].self, forKey: .categoryCodes)
        roleCodes = try container.decodeIfPresent([String].self, forKey: .roleCodes) ?? []
        ageBand = try container.decodeIfPresent(AgeBand.self, forKey: .ageBand)
        lookBackDays = try container.decode(Int.self, forKey: .lookBackDays)
        minimumCount = try container.decodeIfPresent(Int.self, forKey: .minimumCount) ?? 1
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }

    /// Everything wrong with this rule on its own (duplicates are the set's job).
    public func problems() -> [RuleSetProblem] {
        var found: [RuleSetProblem] = []
        func add(_ code: RuleSetProblem.Code, _ field: String, _ value: String, _ reason: String) {
            found.append(RuleSetProblem(code: code, ruleID: id, field: field, value: value, reason: reason))
        }
        if id.allSatisfy(\.isWhitespace) {
            add(.blankRuleID, "id", id, "give the rule an id, such as \"children-safe.missing\"")
        }
        if need == nil {
            add(.unknownNeed, "need", needCode,
                "not one of the ten needs: " + FamilyNeed.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if categoryCodes.isEmpty {
            add(.noCategories, "categories", "", "name at least one event category")
        }
        for code in categoryCodes where EventCategory(rawValue: code) == nil {
            add(.unknownCategory, "categories", code, "not an event category code (see docs/import-format.md)")
        }
        for code in roleCodes where PersonRole(rawValue: code) == nil {
            add(.unknownRole, "roles", code,
                "not a role: " + PersonRole.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if lookBackDays <= 0 {
            add(.windowNotPositive, "lookBackDays", String(lookBackDays), "the look-back window must be at least 1 day")
        }
        if minimumCount <= 0 {
            add(.minimumCountNotPositive, "minimumCount", String(minimumCount), "at least 1 event must be needed")
        }
        if let band = ageBand, band.fromYears < 0 || (band.toYears.map { $0 < band.fromYears } ?? false) {
            add(.invalidAgeBand, "ageBand", "\(band.fromYears)...\(band.toYears.map(String.init) ?? "")",
                "fromYears must be 0 or more and toYears no less than fromYears")
        }
        return found
    }
}
