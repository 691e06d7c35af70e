/// One thing wrong with a set of MATAC weights, precise enough to fix.
///
/// Contract: `code` is stable (tests match on it); the description names the
/// field and the value, for example `gravity[2].category "violnce": not an
/// event category Lantern knows`.
public struct MatacWeightsProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case versionNotPositive = "version-not-positive"
        case windowNotPositive = "window-not-positive"
        case noRoles = "no-roles"
        case unknownRole = "unknown-role"
        case noCategories = "no-categories"
        case unknownCategory = "unknown-category"
        case duplicateCategory = "duplicate-category"
        case negativePoints = "negative-points"
        case thresholdNotPositive = "threshold-not-positive"
        case serialRuleTooWeak = "serial-rule-too-weak"
        case negativePairing = "negative-pairing"
    }

    public var code: Code
    public var field: String
    public var value: String
    public var reason: String

    public init(code: Code, field: String, value: String, reason: String) {
        self.code = code
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(field) \"\(value)\": \(reason)" }
}

extension MatacWeights {
    /// Every problem, field by field; empty when the weights are usable.
    public func problems() -> [MatacWeightsProblem] {
        var found: [MatacWeightsProblem] = []
        func add(_ code: MatacWeightsProblem.Code, _ field: String, _ value: String, _ reason: String) {
            found.append(.init(code: code, field: field, value: value, reason: reason))
        }
        if version <= 0 { add(.versionNotPositive, "version", "\(version)", "the version must be 1 or more") }
        if lookBackDays <= 0 { add(.windowNotPositive, "lookBackDays", "\(lookBackDays)", "the look-back must be at least 1 day") }
        if roles.isEmpty { add(.noRoles, "roles", "", "name at least one part played, such as perpetrator") }
        for (index, role) in roles.enumerated() where PersonRole(rawValue: role) == nil {
            add(.unknownRole, "roles[\(index)]", role, "not a role Lantern knows (\(PersonRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if gravity.isEmpty { add(.noCategories, "gravity", "", "name at least one event category and its gravity") }
        var seen: Set<String> = []
        for (index, entry) in gravity.enumerated() {
            if EventCategory(rawValue: entry.category) == nil {
                add(.unknownCategory, "gravity[\(index)].category", entry.category, "not an event category Lantern knows")
            }
            if !seen.insert(entry.category).inserted {
                add(.duplicateCategory, "gravity[\(index)].category", entry.category, "each category is weighted once; remove the repeat")
            }
            if entry.points < 0 { add(.negativePoints, "gravity[\(index)].points", "\(entry.points)", "points must be 0 or more") }
        }
        for (index, band) in recency.enumerated() {
            if band.withinDays <= 0 { add(.windowNotPositive, "recency[\(index)].withinDays", "\(band.withinDays)", "the window must be at least 1 day") }
            if band.points < 0 { add(.negativePoints, "recency[\(index)].points", "\(band.points)", "points must be 0 or more") }
        }
        for (name, bands) in [("frequency", frequency), ("victims", victims)] {
            for (index, band) in bands.enumerated() {
                if band.atLeast <= 0 { add(.thresholdNotPositive, "\(name)[\(index)].atLeast", "\(band.atLeast)", "the threshold must be 1 or more") }
                if band.points < 0 { add(.negativePoints, "\(name)[\(index)].points", "\(band.points)", "points must be 0 or more") }
            }
        }
        // One victim is not a series: the rule would name every perpetrator serial.
        if serial.distinctVictims < 2 {
            add(.serialRuleTooWeak, "serial.distinctVictims", "\(serial.distinctVictims)", "a serial perpetrator has at least 2 different victims")
        }
        if serial.withinDays <= 0 { add(.windowNotPositive, "serial.withinDays", "\(serial.withinDays)", "the window must be at least 1 day") }
        if pairingDays < 0 { add(.negativePairing, "pairingDays", "\(pairingDays)", "0 (same day) or more") }
        return found
    }
}
