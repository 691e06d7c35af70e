import Foundation
import LanternDomain
import Storage

/// The MATAC list page: proposed people, each score in parts and in words.
struct MatacListPage: Encodable {
    struct Row: Encodable {
        var rank: Int
        var person: String
        var reference: String
        var name: String
        var total: Int
        var recency: Int
        var frequency: Int
        var gravity: Int
        var victims: Int
        var serial: Bool
        var explanation: [String]
        var decision: String?
        var decisionReason: String?

        init(rank: Int, person: String, reference: String, name: String, score: MatacScore, decision: StoredMatacDecision?) {
            self.rank = rank
            self.person = person
            self.reference = reference
            self.name = name
            total = score.total
            recency = score.recency
            frequency = score.frequency
            gravity = score.gravity
            victims = score.victims
            serial = score.isSerial
            explanation = score.explanation
            self.decision = decision.flatMap { MatacDecision.Outcome(rawValue: $0.outcome)?.label }
            decisionReason = decision?.reason
        }
    }

    var caller: CallerView
    var csrf: String
    var today: String
    var weightsVersion: Int
    var lookBackDays: Int
    var rows: [Row]
    var cohort: Int
    var canDecide: Bool
    var message: String?
}

/// One person's MATAC page: the score now in words, month by month, the
/// scores recorded, and the panel's decisions.
struct MatacPersonPage: Encodable {
    struct Point: Encodable {
        var day: String
        var total: Int
        /// Bar width in percent of the largest score shown.
        var width: Int
    }

    struct Decision: Encodable {
        var outcome: String
        var reason: String
        var interventions: String
        var scoreSeen: Int
        var weightsVersion: Int
        var decidedOn: String
        var by: String
    }

    var caller: CallerView
    var csrf: String
    var person: String
    var reference: String
    var name: String
    var total: Int
    var serial: Bool
    var weightsVersion: Int
    var explanation: [String]
    var monthly: [Point]
    var recorded: [Point]
    var decisions: [Decision]
    var outcomes: [Labelled]
    var interventions: [String]
    var canDecide: Bool
    var problem: String?

    init(caller: CallerView, csrf: String, person: String, reference: String, name: String, score: MatacScore,
         monthly: [MatacScore], recorded: [StoredMatacScore], decisions: [StoredMatacDecision], canDecide: Bool, problem: String?) {
        self.caller = caller
        self.csrf = csrf
        self.person = person
        self.reference = reference
        self.name = name
        total = score.total
        serial = score.isSerial
        weightsVersion = score.weightsVersion
        explanation = score.explanation
        let top = max(1, (monthly.map(\.total) + recorded.map(\.total)).max() ?? 1)
        self.monthly = monthly.map { Point(day: $0.day.description, total: $0.total, width: $0.total * 100 / top) }
        self.recorded = recorded.map { Point(day: "\($0.scoredOn) (weights v\($0.weightsVersion))", total: $0.total, width: $0.total * 100 / top) }
        self.decisions = decisions.reversed().map {
            Decision(outcome: MatacDecision.Outcome(rawValue: $0.outcome)?.label ?? $0.outcome, reason: $0.reason,
                     interventions: $0.interventions.joined(separator: ", "), scoreSeen: $0.scoreSeen, weightsVersion: $0.weightsVersion,
                     decidedOn: $0.decidedOn, by: $0.decidedByName)
        }
        outcomes = MatacDecision.Outcome.allCases.map { Labelled(label: $0.label, value: $0.rawValue) }
        interventions = MatacDecision.Intervention.allCases.map(\.rawValue)
        self.canDecide = canDecide
        self.problem = problem
    }
}

/// A label and its value, for option lists and two-column tables in views
/// (Leaf reads fields, not array indexes).
struct Labelled: Encodable, Sendable {
    var label: String
    var value: String
}
