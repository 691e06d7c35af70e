/// A versioned DASH risk identification checklist: its questions, by id,
/// with Lantern's own short labels.
///
/// Use ``safeLives24`` for partners' assessments; a new wording or variant
/// (ACPO-27, young people, Northern Ireland) is a new instrument id or
/// version, never an edit, so old assessments keep the questions they were
/// asked. Contract: question ids are unique and stable.
public struct DASHInstrument: Sendable, Codable, Hashable {
    public var id: String
    public var version: Int
    public var questions: [DASHQuestion]

    public init(id: String, version: Int, questions: [DASHQuestion]) {
        self.id = id
        self.version = version
        self.questions = questions
    }

    /// The longest variant (ACPO DASH) has 27 questions.
    public static let maximumQuestions = 27

    /// The 24-question checklist partners use (SafeLives DASH RIC), in our words.
    public static let safeLives24 = DASHInstrument(id: "dash-ric-24", version: 1, questions: [
        .init(id: "injury", label: "Injured in the current incident"),
        .init(id: "frightened", label: "Very frightened"),
        .init(id: "fears-violence", label: "Afraid of further injury or violence"),
        .init(id: "isolated", label: "Isolated from family or friends"),
        .init(id: "depressed", label: "Depressed or having suicidal thoughts"),
        .init(id: "separation", label: "Separated or tried to separate in the past year"),
        .init(id: "child-contact", label: "Conflict over child contact"),
        .init(id: "stalking", label: "Constant contact, following or harassment"),
        .init(id: "pregnancy", label: "Pregnant or recently had a baby"),
        .init(id: "more-often", label: "Abuse happening more often"),
        .init(id: "getting-worse", label: "Abuse getting worse"),
        .init(id: "controlling", label: "Controlling or excessively jealous"),
        .init(id: "weapons", label: "Weapons or objects used to hurt"),
        .init(id: "threats-to-kill", label: "Threatened to kill, and believed"),
        .init(id: "strangulation", label: "Strangled, choked, suffocated or drowned"),
        .init(id: "sexual-abuse", label: "Sexual abuse or degradation"),
        .init(id: "other-threat", label: "Another person threatening the victim"),
        .init(id: "hurt-others", label: "Known to have hurt anyone else"),
        .init(id: "animal-abuse", label: "Mistreated an animal or pet"),
        .init(id: "financial", label: "Financial issues or control"),
        .init(id: "substances-mental-health", label: "Drugs, alcohol or mental health problems in the past year"),
        .init(id: "suicide-threats", label: "Threatened or attempted suicide"),
        .init(id: "broke-orders", label: "Broken bail, an injunction or an agreement"),
        .init(id: "criminal-history", label: "In trouble with the police or a criminal history"),
    ])

    /// Every instrument Lantern knows, for reading stored assessments.
    public static let known: [DASHInstrument] = [safeLives24]

    public static func find(id: String, version: Int) -> DASHInstrument? {
        known.first { $0.id == id && $0.version == version }
    }

    /// The questions left unanswered, and answers to questions the
    /// instrument does not ask, each naming its field.
    public func problems(with answers: [String: DASHAnswer]) -> [PanelFieldProblem] {
        let asked = Set(questions.map(\.id))
        var found = questions.filter { answers[$0.id] == nil }
            .map { PanelFieldProblem(field: "answers.\($0.id)", message: "\"\($0.label)\" is unanswered: choose yes, no or not known") }
        found += answers.keys.filter { !asked.contains($0) }.sorted()
            .map { PanelFieldProblem(field: "answers.\($0)", message: "is not a question of \(id) version \(version)") }
        return found
    }

    /// The count of "yes" answers and the level it gives, raised (never
    /// lowered) by the assessor's professional judgement.
    public func score(_ answers: [String: DASHAnswer], judgement: RiskLevel? = nil,
                      highAt high: Int = 14, mediumAt medium: Int = 10) -> DASHScore {
        let count = questions.reduce(0) { $0 + (answers[$1.id] == .yes ? 1 : 0) }
        let band: RiskLevel = count >= high ? .high : count >= medium ? .medium : .standard
        return DASHScore(count: count, band: band, level: max(band, judgement ?? .standard),
                         raisedByJudgement: (judgement ?? .standard) > band)
    }
}

/// One question of a DASH instrument.
public struct DASHQuestion: Sendable, Codable, Hashable {
    public var id: String
    public var label: String

    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// An answer to a DASH question.
public enum DASHAnswer: String, Sendable, Codable, CaseIterable, Hashable {
    case yes, no
    case notKnown = "not-known"

    public var label: String { self == .notKnown ? "Not known" : rawValue.initialCapital }
}

/// Standard, medium or high risk, ordered.
public enum RiskLevel: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case standard, medium, high

    private var rank: Int { self == .standard ? 0 : self == .medium ? 1 : 2 }
    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool { lhs.rank < rhs.rank }
}

/// What a DASH adds up to.
public struct DASHScore: Sendable, Codable, Hashable {
    /// "Yes" answers.
    public var count: Int
    /// The level from the count alone.
    public var band: RiskLevel
    /// The level after professional judgement: never below the band.
    public var level: RiskLevel
    /// Judgement raised the level above the band (a referral then needs its reason).
    public var raisedByJudgement: Bool
}
