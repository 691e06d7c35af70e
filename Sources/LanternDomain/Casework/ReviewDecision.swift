/// What a reviewer decided about a household on the case-finding list.
///
/// The list ranks; a person decides, and records the decision with a reason.
/// Contract: a decision always has a reason in words (not blank) and names the
/// reviewer, the day and the rule set version and score that were on screen,
/// so it can be audited later. Storing decisions is the caller's job.
public struct ReviewDecision: Sendable, Hashable, Codable {
    /// The decisions a reviewer can make.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case referToEarlyHelp = "refer-to-early-help"
        case referToSocialCare = "refer-to-social-care"
        case noFurtherAction = "no-further-action"
        case alreadySupported = "already-supported"

        public var label: String {
            switch self {
            case .referToEarlyHelp: "Refer to early help"
            case .referToSocialCare: "Refer to children's social care"
            case .noFurtherAction: "No further action"
            case .alreadySupported: "Already supported"
            }
        }
    }

    /// Why a decision could not be recorded.
    public enum Problem: String, Error, Sendable, Hashable, Codable {
        case reasonMissing = "reason-missing"
        case reviewerMissing = "reviewer-missing"

        public var reason: String {
            switch self {
            case .reasonMissing: "give the reason for the decision"
            case .reviewerMissing: "name the reviewer"
            }
        }
    }

    public let householdID: String
    public let outcome: Outcome
    public let reason: String
    public let reviewer: String
    public let decidedOn: CalendarDate
    public let ruleSetVersion: Int
    public let scoreSeen: Int

    public init(householdID: String, outcome: Outcome, reason: String, reviewer: String,
                decidedOn: CalendarDate, ruleSetVersion: Int, scoreSeen: Int) throws(Problem) {
        guard !reason.allSatisfy(\.isWhitespace) else { throw .reasonMissing }
        guard !reviewer.allSatisfy(\.isWhitespace) else { throw .reviewerMissing }
        self.householdID = householdID
        self.outcome = outcome
        self.reason = reason
        self.reviewer = reviewer
        self.decidedOn = decidedOn
        self.ruleSetVersion = ruleSetVersion
        self.scoreSeen = scoreSeen
    }

    /// A decision about the entry a reviewer was looking at.
    public init(about entry: CaseFindingEntry, outcome: Outcome, reason: String, reviewer: String,
                decidedOn: CalendarDate) throws(Problem) {
        try self.init(householdID: entry.householdID, outcome: outcome, reason: reason, reviewer: reviewer,
                      decidedOn: decidedOn, ruleSetVersion: entry.score.ruleSetVersion,
                      scoreSeen: entry.score.total)
    }

    enum CodingKeys: String, CodingKey {
        case householdID, outcome, reason, reviewer, decidedOn, ruleSetVersion, scoreSeen
    }

    /// Decoding checks the same contract as construction.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(householdID: c.decode(String.self, forKey: .householdID),
                      outcome: c.decode(Outcome.self, forKey: .outcome),
                      reason: c.decode(String.self, forKey: .reason),
                      reviewer: c.decode(String.self, forKey: .reviewer),
                      decidedOn: c.decode(CalendarDate.self, forKey: .decidedOn),
                      ruleSetVersion: c.decode(Int.self, forKey: .ruleSetVersion),
                      scoreSeen: c.decode(Int.self, forKey: .scoreSeen))
    }
}
