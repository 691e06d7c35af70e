/// What changed between two versions of the need rules, in words an analyst
/// or a DPO reads beside the version history.
///
/// Contract: empty exactly when the rules and weights are the same; rules are
/// matched by id, so a renamed rule reads as one removed and one added.
extension NeedRuleSet {
    public func changes(since earlier: NeedRuleSet) -> [String] {
        var lines: [String] = []
        let before = Dictionary(earlier.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for rule in rules where before[rule.id] == nil {
            lines.append("Rule \(rule.id) added: \(rule.summary)")
        }
        for rule in earlier.rules where after[rule.id] == nil {
            lines.append("Rule \(rule.id) removed")
        }
        for rule in rules {
            guard let old = before[rule.id], old != rule else { continue }
            lines += rule.differences(from: old).map { "Rule \(rule.id): \($0)" }
        }
        let oldPoints = Dictionary(earlier.scoring.needWeights.map { ($0.needCode, $0.points) }, uniquingKeysWith: { first, _ in first })
        for weight in scoring.needWeights where oldPoints[weight.needCode] != weight.points {
            lines.append("Points for \(Self.needName(weight.needCode)): \(oldPoints[weight.needCode].map(String.init) ?? "none") to \(weight.points)")
        }
        let newPoints = Set(scoring.needWeights.map(\.needCode))
        for weight in earlier.scoring.needWeights where !newPoints.contains(weight.needCode) {
            lines.append("Points for \(Self.needName(weight.needCode)): \(weight.points) to none")
        }
        if scoring.recencyBoosts != earlier.scoring.recencyBoosts {
            lines.append("Recency boosts: \(Self.describe(earlier.scoring.recencyBoosts)) to \(Self.describe(scoring.recencyBoosts))")
        }
        if scoring.partnerBonuses != earlier.scoring.partnerBonuses {
            lines.append("Partner bonuses: \(Self.describe(earlier.scoring.partnerBonuses)) to \(Self.describe(scoring.partnerBonuses))")
        }
        return lines
    }

    static func needName(_ code: String) -> String { FamilyNeed(rawValue: code)?.outcome ?? code }

    static func describe(_ boosts: [ScoringWeights.RecencyBoost]) -> String {
        boosts.isEmpty ? "none" : boosts.map { "+\($0.points) within \($0.withinDays) days" }.joined(separator: ", ")
    }

    static func describe(_ bonuses: [ScoringWeights.PartnerBonus]) -> String {
        bonuses.isEmpty ? "none" : bonuses.map { "+\($0.points) for \($0.atLeast) or more partners" }.joined(separator: ", ")
    }
}

extension NeedRule {
    /// The rule in one line.
    var summary: String {
        "\(NeedRuleSet.needName(needCode)); \(categoryCodes.joined(separator: ", ")); roles \(roleCodes.isEmpty ? "any" : roleCodes.joined(separator: ", "))"
            + "; \(ageBand.map(String.init(describing:)) ?? "any age"); at least \(minimumCount) in \(lookBackDays) days"
    }

    func differences(from old: NeedRule) -> [String] {
        var lines: [String] = []
        if needCode != old.needCode { lines.append("need \(NeedRuleSet.needName(old.needCode)) to \(NeedRuleSet.needName(needCode))") }
        lines += Self.listChange("categories", from: old.categoryCodes, to: categoryCodes)
        if roleCodes.isEmpty != old.roleCodes.isEmpty {
            lines.append("roles \(old.roleCodes.isEmpty ? "any" : old.roleCodes.joined(separator: ", ")) to \(roleCodes.isEmpty ? "any" : roleCodes.joined(separator: ", "))")
        } else {
            lines += Self.listChange("roles", from: old.roleCodes, to: roleCodes)
        }
        if ageBand != old.ageBand {
            lines.append("age \(old.ageBand.map(String.init(describing:)) ?? "any") to \(ageBand.map(String.init(describing:)) ?? "any")")
        }
        if lookBackDays != old.lookBackDays { lines.append("look back \(old.lookBackDays) to \(lookBackDays) days") }
        if minimumCount != old.minimumCount { lines.append("at least \(old.minimumCount) to \(minimumCount) events") }
        if note != old.note { lines.append("note changed") }
        return lines
    }

    static func listChange(_ name: String, from old: [String], to new: [String]) -> [String] {
        let added = new.filter { !old.contains($0) }, removed = old.filter { !new.contains($0) }
        var lines: [String] = []
        if !added.isEmpty { lines.append("\(name) added \(added.joined(separator: ", "))") }
        if !removed.isEmpty { lines.append("\(name) removed \(removed.joined(separator: ", "))") }
        if added.isEmpty && removed.isEmpty && old != new { lines.append("\(name) reordered") }
        return lines
    }
}
