/// One DASH as recorded: who was assessed, by whom, for which partner, on
/// which instrument, every answer, the victim's own view and the notes.
///
/// Use ``reassessment(on:answers:)`` for a later look at the same victim: it
/// is a new version linked to this one, never an overwrite. Contract:
/// ``problems`` lists every field to fix before it can be saved.
public struct DASHAssessment: Sendable, Codable, Hashable {
    public var instrumentID: String
    public var instrumentVersion: Int
    public var answers: [String: DASHAnswer]
    /// The victim's own view of the risk, in their words.
    public var victimView: String
    public var contextNotes: String
    /// The assessor's judgement; it can raise the level and never lowers it.
    public var judgement: RiskLevel?
    public var judgementReason: String
    public var assessedOn: CalendarDate
    public var assessor: String
    public var partner: String
    /// 1 for a first assessment; a reassessment is the previous version plus one.
    public var version: Int
    public var previousID: String?

    public init(instrument: DASHInstrument = .safeLives24, answers: [String: DASHAnswer], victimView: String = "",
                contextNotes: String = "", judgement: RiskLevel? = nil, judgementReason: String = "",
                assessedOn: CalendarDate, assessor: String, partner: String, version: Int = 1, previousID: String? = nil) {
        instrumentID = instrument.id
        instrumentVersion = instrument.version
        self.answers = answers
        self.victimView = victimView
        self.contextNotes = contextNotes
        self.judgement = judgement
        self.judgementReason = judgementReason
        self.assessedOn = assessedOn
        self.assessor = assessor
        self.partner = partner
        self.version = version
        self.previousID = previousID
    }

    public var instrument: DASHInstrument? { DASHInstrument.find(id: instrumentID, version: instrumentVersion) }

    public func score(in area: PanelAreaConfiguration) -> DASHScore {
        (instrument ?? .safeLives24).score(answers, judgement: judgement, highAt: area.dashHighThreshold,
                                          mediumAt: area.dashMediumThreshold)
    }

    /// Every field to fix, each named.
    public var problems: [PanelFieldProblem] {
        guard let instrument else {
            return [PanelFieldProblem(field: "instrument", message: "\(instrumentID) version \(instrumentVersion) is not a known DASH")]
        }
        var found = instrument.problems(with: answers)
        if judgement != nil && judgementReason.isBlank {
            found.append(PanelFieldProblem(field: "judgementReason", message: "say why your professional judgement sets the level"))
        }
        if assessor.isBlank { found.append(PanelFieldProblem(field: "assessor", message: "name the assessor")) }
        return found
    }

    /// A later assessment of the same victim: the next version, linked to
    /// this one (`previousID` is this assessment's stored id).
    public func reassessment(id: String, on day: CalendarDate, answers: [String: DASHAnswer], assessor: String,
                             partner: String) -> DASHAssessment {
        DASHAssessment(instrument: instrument ?? .safeLives24, answers: answers, assessedOn: day, assessor: assessor,
                       partner: partner, version: version + 1, previousID: id)
    }
}
