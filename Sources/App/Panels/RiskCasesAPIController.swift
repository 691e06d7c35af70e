import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// `/api/v1/matac`, `/api/v1/asb-reviews`, `/api/v1/iom`: the MATAC list,
/// ASB case reviews and the IOM cohort for partners' case systems and
/// scripts. The same roles as the pages, the same steps (shared with the
/// page controllers), names only through the risk-panels access decision,
/// every read and change audited; a problem with a field is a 422 listing
/// every field, and nothing is saved.
struct RiskCasesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("matac", use: matacList)
        routes.get("matac", "people", ":id", use: matacPerson)
        routes.post("matac", "people", ":id", "decision", use: matacDecide)
        routes.get("asb-reviews", use: asbList)
        routes.post("asb-reviews", use: asbCreate)
        routes.get("asb-reviews", ":id", use: asbReview)
        routes.get("iom", use: iomList)
        routes.post("iom", use: iomSelect)
    }

    /// A person as the API shows them: a reference always, a name only where the access decision allows.
    struct Person: Content {
        var id: UUID
        var reference: String
        var name: String
    }

    struct Score: Content {
        var total: Int
        var recency: Int
        var frequency: Int
        var gravity: Int
        var victims: Int
        var serial: Bool
        var weightsVersion: Int
        var explanation: [String]

        init(_ score: MatacScore) {
            total = score.total
            recency = score.recency
            frequency = score.frequency
            gravity = score.gravity
            victims = score.victims
            serial = score.isSerial
            weightsVersion = score.weightsVersion
            explanation = score.explanation
        }
    }

    struct Decision: Content {
        var outcome: String
        var reason: String
        var interventions: [String]
        var scoreSeen: Int
        var weightsVersion: Int
        var decidedOn: String
        var decidedBy: String?

        init(_ stored: StoredMatacDecision) {
            outcome = stored.outcome
            reason = stored.reason
            interventions = stored.interventions
            scoreSeen = stored.scoreSeen
            weightsVersion = stored.weightsVersion
            decidedOn = stored.decidedOn
            decidedBy = stored.decidedByName
        }

        init(_ decision: MatacDecision) {
            outcome = decision.outcome.rawValue
            reason = decision.reason
            interventions = decision.interventions.map(\.rawValue)
            scoreSeen = decision.scoreSeen
            weightsVersion = decision.weightsVersion
            decidedOn = decision.decidedOn.description
        }
    }

    struct MatacEntry: Content {
        var rank: Int
        var person: Person
        var score: Score
        var decision: Decision?
    }

    struct MatacList: Content {
        var day: String
        var weightsVersion: Int
        var entries: [MatacEntry]
    }

    struct MatacPerson: Content {
        var person: Person
        var score: Score
        var decisions: [Decision]
    }

    struct Problems: Content {
        var error: String
        var problems: [PanelFieldProblem]
    }

    // MARK: MATAC

    func matacList(req: Request) async throws -> MatacList {
        _ = try Self.require(req, MatacController.viewers, to: "see the MATAC list")
        let sql = try req.sql()
        let today = req.today()
        // Refused rather than clamped: a caller asking for 500 should learn it got 200 at most.
        var limit = 25
        if let text = req.query[String.self, at: "limit"] {
            guard let asked = Int(text), (1...200).contains(asked) else {
                throw Abort(.badRequest, reason: "limit: give a whole number from 1 to 200")
            }
            limit = asked
        }
        let (weights, entries) = try await MatacService(sql: sql).list(on: today, limit: limit)
        let decisions = Dictionary(try await MatacRepository(database: sql).decisions().map { ($0.person, $0) },
                                   uniquingKeysWith: { _, later in later })
        let names = try await RiskCaseAccess.names(req, of: entries.map(\.person), resource: "matac-list api")
        try await req.audit(.read, subject: "matac-list", resource: "matac list api entries:\(entries.count) weights:\(weights.version)",
                            reason: "MATAC list proposed", purpose: "risk-panels")
        return MatacList(day: today.description, weightsVersion: weights.version, entries: entries.enumerated().map { index, entry in
            MatacEntry(rank: index + 1, person: Self.person(entry.person, prefix: "M", names: names), score: Score(entry.score),
                       decision: decisions[entry.person].map(Decision.init))
        })
    }

    func matacPerson(req: Request) async throws -> Response {
        _ = try Self.require(req, MatacController.viewers, to: "see MATAC scores")
        let person = try MatacController.personID(req)
        let sql = try req.sql()
        guard !(try await MatacRepository(database: sql).displayNames(of: [person])).isEmpty else {
            return try await Self.notFound(req, "No such person: check the id.")
        }
        let (weights, score, _) = try await MatacService(sql: sql).score(of: person, on: req.today())
        let names = try await RiskCaseAccess.names(req, of: [person], resource: "matac-person api")
        try await req.audit(.read, subject: "person:\(person.uuidString)", resource: "matac score api:\(score.total) weights:\(weights.version)",
                            reason: "MATAC score and decisions", purpose: "risk-panels")
        return try await MatacPerson(person: Self.person(person, prefix: "M", names: names), score: Score(score),
                                     decisions: try await MatacRepository(database: sql).decisions(about: person).map(Decision.init))
            .encodeResponse(for: req)
    }

    func matacDecide(req: Request) async throws -> Response {
        let caller = try Self.require(req, ["panel-chair"], to: "record the MATAC panel's decision")
        let person = try MatacController.personID(req)
        guard !(try await MatacRepository(database: try req.sql()).displayNames(of: [person])).isEmpty else {
            throw Abort(.notFound, reason: "No such person: check the id.")
        }
        let form = try req.content.decode(MatacController.DecisionForm.self)
        switch try await MatacController.decide(req, caller: caller, person: person, form: form) {
        case .failure(let problem): return try await Self.problems(req, problem, subject: "person:\(person.uuidString)", what: "matac decision")
        case .success(let (decision, _)): return try await Decision(decision).encodeResponse(status: .created, for: req)
        }
    }

    // MARK: ASB case reviews

    struct Review: Content {
        var id: UUID
        var reference: String
        var victim: Person?
        var receivedOn: String
        var status: String
        var acknowledgedOn: String?
        var decidedOn: String?
        var thresholdMet: Bool?
        var decision: String?
        var meetingOn: String?
        var recommendations: String?
        var appealRequestedOn: String?
        var appealOutcome: String?
        var deadlines: [Deadline]?
        var complaints: [Complaint]?
    }

    struct Deadline: Content {
        var name: String
        var due: String?
        var doneOn: String?
        var state: String
    }

    struct Complaint: Content {
        var agency: String
        var reference: String
        var incidentOn: String
        var reportedOn: String
        var hate: Bool
    }

    struct Created: Content {
        var id: UUID
        var reference: String
        var complaintsMatched: Int
    }

    func asbList(req: Request) async throws -> [Review] {
        _ = try Self.require(req, ASBCaseReviewController.viewers, to: "see ASB case reviews")
        let reviews = try await ASBCaseReviewRepository(database: try req.sql()).all()
        let names = try await RiskCaseAccess.names(req, of: Array(Set(reviews.compactMap(\.victim))), resource: "asb-reviews api")
        try await req.audit(.read, subject: "asb-reviews", resource: "asb-reviews api count:\(reviews.count)", reason: "ASB case reviews",
                            purpose: "risk-panels")
        return reviews.map { Self.review($0, names: names) }
    }

    func asbReview(req: Request) async throws -> Response {
        _ = try Self.require(req, ASBCaseReviewController.viewers, to: "see ASB case reviews")
        let repository = ASBCaseReviewRepository(database: try req.sql())
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let stored = try await repository.find(id) else {
            return try await Self.notFound(req, "No such ASB case review: check the id.")
        }
        let names = try await RiskCaseAccess.names(req, of: stored.victim.map { [$0] } ?? [], resource: "asb-review api")
        try await req.audit(.read, subject: stored.victim.map { "person:\($0.uuidString)" } ?? "asb-review:\(stored.reference)",
                            resource: "asb-review api \(stored.reference)", reason: "ASB case review", purpose: "risk-panels")
        var review = Self.review(stored, names: names)
        review.deadlines = try ASBReviewPage.clock(stored).deadlines(on: req.today()).map {
            Deadline(name: $0.name, due: $0.due?.description, doneOn: $0.doneOn?.description, state: $0.state.rawValue)
        }
        review.complaints = try await repository.complaints(of: id).map {
            Complaint(agency: $0.agency, reference: $0.reference, incidentOn: $0.incidentOn, reportedOn: $0.reportedOn, hate: $0.hate)
        }
        return try await review.encodeResponse(for: req)
    }

    /// JSON booleans for the page form's checkboxes.
    struct ApplicationBody: Content {
        var person: String?
        var applicant: String?
        var onBehalf: Bool?
        var consent: Bool?
        var received: String?
    }

    func asbCreate(req: Request) async throws -> Response {
        let caller = try Self.require(req, ["panel-chair"], to: "record an ASB case review application")
        let body = try req.content.decode(ApplicationBody.self)
        let form = ASBCaseReviewController.CreateForm(person: body.person, applicant: body.applicant, onBehalf: body.onBehalf == true ? "on" : nil,
                                                      consent: body.consent == true ? "on" : nil, received: body.received)
        switch try await ASBCaseReviewController.receive(req, caller: caller, form: form) {
        case .failure(let problem): return try await Self.problems(req, problem, subject: "asb-review", what: "asb-review application")
        case .success(let made):
            return try await Created(id: made.id, reference: made.reference, complaintsMatched: made.complaints).encodeResponse(status: .created, for: req)
        }
    }

    // MARK: IOM

    struct Member: Content {
        var id: UUID
        var person: Person
        var cohort: String
        var selectedOn: String
        var selectionReason: String
        var status: String
        var nextReviewDue: String?
        var reviewOverdue: Bool
        var deselectedOn: String?
        var deselectionReason: String?
    }

    func iomList(req: Request) async throws -> [Member] {
        _ = try Self.require(req, MatacController.viewers, to: "see the IOM cohort")
        let today = req.today()
        let stored = try await IOMRepository(database: try req.sql()).members()
        let names = try await RiskCaseAccess.names(req, of: Array(Set(stored.map(\.person))), resource: "iom-cohort api")
        try await req.audit(.read, subject: "iom-cohort", resource: "iom api members:\(stored.count)", reason: "IOM cohort", purpose: "risk-panels")
        return stored.compactMap { row in
            guard let member = IOMPage.membership(row) else { return nil }
            return Self.member(row.id, member, person: Self.person(row.person, prefix: "I", names: names), today: today)
        }
    }

    func iomSelect(req: Request) async throws -> Response {
        let caller = try Self.require(req, ["panel-chair"], to: "select a person into the IOM cohort")
        let form = try req.content.decode(IOMController.SelectForm.self)
        switch try await IOMController.select(req, caller: caller, form: form) {
        case .failure(let problem): return try await Self.problems(req, problem, subject: "iom-cohort", what: "iom selection")
        case .success(let (id, member)):
            let person = UUID(uuidString: member.person) ?? id
            let names = try await RiskCaseAccess.names(req, of: [person], resource: "iom selection api")
            return try await Self.member(id, member, person: Self.person(person, prefix: "I", names: names), today: req.today())
                .encodeResponse(status: .created, for: req)
        }
    }

    // MARK: Shared

    /// The page's role rule, and for a partner system's token the risk-panels purpose too.
    static func require(_ req: Request, _ roles: Set<String>, to what: String) throws -> Caller {
        let caller = try RiskCaseAccess.require(req, roles, to: what)
        if let purposes = caller.tokenPurposes, !purposes.contains(Purpose.riskPanels.rawValue) {
            throw Refusal.panel(.tokenNotForRiskPanels)
        }
        return caller
    }

    static func person(_ id: UUID, prefix: String, names: [UUID: String]) -> Person {
        Person(id: id, reference: RiskCaseAccess.reference(id, prefix: prefix), name: names[id] ?? RiskCaseAccess.withheld)
    }

    static func review(_ stored: StoredCaseReview, names: [UUID: String]) -> Review {
        Review(id: stored.id, reference: stored.reference, victim: stored.victim.map { person($0, prefix: "A", names: names) },
               receivedOn: stored.receivedOn, status: ASBReviewPage.status(stored), acknowledgedOn: stored.acknowledgedOn,
               decidedOn: stored.decidedOn, thresholdMet: stored.thresholdMet, decision: stored.decision, meetingOn: stored.meetingOn,
               recommendations: stored.recommendations, appealRequestedOn: stored.appealRequestedOn, appealOutcome: stored.appealOutcome)
    }

    static func member(_ id: UUID, _ member: IOMMembership, person: Person, today: CalendarDate) -> Member {
        Member(id: id, person: person, cohort: member.cohort, selectedOn: member.selectedOn.description,
               selectionReason: member.selectionReason, status: member.status(on: today).rawValue,
               nextReviewDue: member.nextReviewDue?.description, reviewOverdue: member.isReviewOverdue(on: today),
               deselectedOn: member.deselectedOn?.description, deselectionReason: member.deselectionReason)
    }

    /// No such record, so no one to decide on: a JSON 404 that still says the
    /// route asked (the decision header), as the pages do.
    static func notFound(_ req: Request, _ message: String) async throws -> Response {
        req.markAccessDecision("none")
        return try await APIError(error: message, code: nil, problems: []).encodeResponse(status: .notFound, for: req)
    }

    /// A 422 naming the field; nothing was saved, and the attempt is audited.
    static func problems(_ req: Request, _ problem: RiskCaseProblem, subject: String, what: String) async throws -> Response {
        try await req.audit(.write, subject: subject, resource: "\(what) api", decision: .deny, reason: "not saved: \(problem.field)",
                            purpose: "risk-panels")
        if req.accessDecisionCode == nil { req.markAccessDecision("none") }
        return try await Problems(error: "Nothing was saved: \(problem.description)", problems: [problem.asField])
            .encodeResponse(status: .unprocessableEntity, for: req)
    }
}
