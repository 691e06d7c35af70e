/// The points of the case-finding score, kept as data beside the rules and
/// versioned with them, so every score can be explained and reproduced.
///
/// Use it inside a ``NeedRuleSet``. Contract: every points value is 0 or more,
/// so a score is never negative and more evidence never lowers it. Of the
/// recency boosts, the largest whose window holds the latest evidence applies;
/// of the partner bonuses, the largest whose threshold is met applies.
public struct ScoringWeights: Sendable, Hashable, Codable {
    /// Points for one indicated need.
    public struct NeedWeight: Sendable, Hashable, Codable {
        /// The ``FamilyNeed`` code, as written.
        public var needCode: String
        public var points: Int

        public init(need: FamilyNeed, points: Int) {
            self.needCode = need.rawValue
            self.points = points
        }

        enum CodingKeys: String, CodingKey { case needCode = "need", points }
    }

    /// Points when the latest evidence is no more than `withinDays` days old.
    public struct RecencyBoost: Sendable, Hashable, Codable {
        public var withinDays: Int
        public var points: Int

        public init(withinDays: Int, points: Int) {
            self.withinDays = withinDays
            self.points = points
        }
    }

    /// Points when the evidence comes from at least `atLeast` distinct partners.
    public struct PartnerBonus: Sendable, Hashable, Codable {
        public var atLeast: Int
        public var points: Int

        public init(atLeast: Int, points: Int) {
            self.atLeast = atLeast
            self.points = points
        }
    }

    public var needWeights: [NeedWeight]
    public var recencyBoosts: [RecencyBoost]
    public var partnerBonuses: [PartnerBonus]

    public init(needWeights: [NeedWeight], recencyBoosts: [RecencyBoost], partnerBonuses: [PartnerBonus]) {
        self.needWeights = needWeights
        self.recencyBoosts = recencyBoosts
        self.partnerBonuses = partnerBonuses
    }

    /// The weight for `need`, or 0 when there is none.
    public func points(for need: FamilyNeed) -> Int {
        needWeights.first { $0.needCode == need.rawValue }?.points ?? 0
    }

    /// Everything wrong with the weights, given the needs the rules indicate.
    public func problems(needsWithRules: Set<FamilyNeed>) -> [RuleSetProblem] {
        var found: [RuleSetProblem] = []
        var seen: Set<String> = []
        for weight in needWeights {
            if FamilyNeed(rawValue: weight.needCode) == nil {
                found.append(.init(code: .unknownNeed, field: "needWeights.need", value: weight.needCode,
                                   reason: "not one of the ten needs"))
            }
            if !seen.insert(weight.needCode).inserted {
                found.append(.init(code: .duplicateWeight, field: "needWeights.need", value: weight.needCode,
                                   reason: "give each need one weight"))
            }
            if weight.points < 0 {
                found.append(.init(code: .negativePoints, field: "needWeights.points", value: String(weight.points),
                                   reason: "points must be 0 or more (weight for \(weight.needCode))"))
            }
        }
        for need in FamilyNeed.allCases where needsWithRules.contains(need) && !seen.contains(need.rawValue) {
            found.append(.init(code: .missingWeight, field: "needWeights", value: need.rawValue,
                               reason: "a need with rules needs a weight (0 is allowed)"))
        }
        for boost in recencyBoosts {
            if boost.withinDays <= 0 {
                found.append(.init(code: .windowNotPositive, field: "recencyBoosts.withinDays",
                                   value: String(boost.withinDays), reason: "the window must be at least 1 day"))
            }
            if boost.points < 0 {
                found.append(.init(code: .negativePoints, field: "recencyBoosts.points",
                                   value: String(boost.points), reason: "points must be 0 or more"))
            }
        }
        for bonus in partnerBonuses {
            if bonus.atLeast <= 0 {
                found.append(.init(code: .minimumCountNotPositive, field: "partnerBonuses.atLeast",
                                   value: String(bonus.atLeast), reason: "at least 1 partner must be needed"))
            }
            if bonus.points < 0 {
                found.append(.init(code: .negativePoints, field: "partnerBonuses.points",
                                   value: String(bonus.points), reason: "points must be 0 or more"))
            }
        }
        return found
    }
}
