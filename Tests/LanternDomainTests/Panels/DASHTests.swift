import LanternDomain
import PropertyBased
import Testing

/// DASH counting, banding, judgement and reassessment.
@Suite struct DASHTests {
    static let instrument = DASHInstrument.safeLives24
    static let day = CalendarDate(year: 2026, month: 11, day: 2)!

    static func answers(yes: Int) -> [String: DASHAnswer] {
        Dictionary(uniqueKeysWithValues: instrument.questions.enumerated().map { ($1.id, $0 < yes ? .yes : .no) })
    }

    @Test(arguments: [(0, RiskLevel.standard), (9, .standard), (10, .medium), (13, .medium), (14, .high), (24, .high)])
    func countsGiveTheBand(yes: Int, band: RiskLevel) {
        let score = Self.instrument.score(Self.answers(yes: yes))
        #expect(score.count == yes)
        #expect(score.band == band)
        #expect(score.level == band)
    }

    @Test func notKnownIsNotCountedAsYes() {
        var answers = Self.answers(yes: 14)
        answers[Self.instrument.questions[0].id] = .notKnown
        #expect(Self.instrument.score(answers).count == 13)
        #expect(Self.instrument.score(answers).band == .medium)
    }

    @Test func theHighThresholdIsConfigurable() {
        #expect(Self.instrument.score(Self.answers(yes: 12), highAt: 12, mediumAt: 8).band == .high)
        #expect(Self.instrument.score(Self.answers(yes: 12)).band == .medium)
    }

    @Test func judgementRaisesAndNeverLowers() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...24), Gen.int(in: 0...2)) { yes, judged in
            let judgement = RiskLevel.allCases[judged]
            let score = Self.instrument.score(Self.answers(yes: yes), judgement: judgement)
            #expect(score.level >= score.band, "judgement never lowers the level")
            #expect(score.level >= judgement, "judgement can raise it")
            #expect(score.raisedByJudgement == (judgement > score.band))
        }
    }

    @Test func unansweredQuestionsAreNamed() {
        var answers = Self.answers(yes: 3)
        answers.removeValue(forKey: "strangulation")
        answers.removeValue(forKey: "weapons")
        answers["made-up"] = .yes
        let fields = Self.instrument.problems(with: answers).map(\.field)
        #expect(fields == ["answers.weapons", "answers.strangulation", "answers.made-up"])
        #expect(Self.instrument.problems(with: Self.answers(yes: 0)).isEmpty)
    }

    @Test func aJudgementNeedsItsReason() {
        let assessment = DASHAssessment(answers: Self.answers(yes: 5), judgement: .high, assessedOn: Self.day,
                                        assessor: "Ida IDVA", partner: "harrowmere-da-service")
        #expect(assessment.problems.map(\.field) == ["judgementReason"])
    }

    @Test func aReassessmentIsANewVersionLinkedToTheLast() {
        let first = DASHAssessment(answers: Self.answers(yes: 15), assessedOn: Self.day, assessor: "Ida IDVA", partner: "harrowmere-da-service")
        let second = first.reassessment(id: "dash-1", on: Self.day.adding(days: 30), answers: Self.answers(yes: 9),
                                        assessor: "Ida IDVA", partner: "harrowmere-da-service")
        #expect(second.version == 2)
        #expect(second.previousID == "dash-1")
        #expect(first.answers == Self.answers(yes: 15), "the earlier assessment is untouched")
    }

    @Test func questionIdsAreUnique() {
        #expect(Set(Self.instrument.questions.map(\.id)).count == 24)
        #expect(Set(Self.instrument.questions.map(\.label)).count == 24)
    }
}
