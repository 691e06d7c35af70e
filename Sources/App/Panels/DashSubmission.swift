import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// A DASH with the referral questions only the referrer can answer: the
/// form's fields and the JSON a partner's case system posts. Everything
/// else on the referral comes from linkage.
struct DashSubmission: Content {
    var area: String?
    var victim: UUID?
    /// Another adult in the household as the person causing harm, when linkage found a different one.
    var perpetrator: UUID?
    var answers: [String: String]?
    var victimView: String?
    var contextNotes: String?
    var judgement: String?
    var judgementReason: String?
    var assessedOn: String?
    /// `yes` or `no`.
    var victimTold: String?
    var whyNotTold: String?
    var victimWishes: String?
    var emergency: Bool?
    /// The assessor's name, for a partner's system posting with its API token (a person signed in is the assessor).
    var assessor: String?
}

/// What became of a submitted DASH.
enum DashOutcome {
    /// Nothing was saved: every problem, each naming its field.
    case problems([PanelFieldProblem], score: DASHScore?)
    /// The DASH is saved; it met no referral route.
    case assessedOnly(dash: UUID, score: DASHScore)
    /// The DASH is saved and its referral is with the coordinator.
    case referred(dash: UUID, score: DASHScore, case: StoredMaracCase)
}

/// Records a DASH once and, at or above the threshold (or by another
/// route), opens the MARAC referral prefilled from it and from linkage.
enum DashIntake {
    static func submit(_ form: DashSubmission, assessorID: UUID, assessorName: String, partner: String,
                       area: PanelAreaConfiguration, today: CalendarDate, sql: any SQLDatabase, now: Date) async throws -> DashOutcome {
        guard let victim = form.victim else {
            return .problems([PanelFieldProblem(field: "victim", message: "choose the person assessed")], score: nil)
        }
        var answers: [String: DASHAnswer] = [:]
        var problems: [PanelFieldProblem] = []
        for (question, text) in form.answers ?? [:] {
            guard let answer = DASHAnswer(rawValue: text) else {
                problems.append(PanelFieldProblem(field: "answers.\(question)", message: "answer yes, no or not-known, not \"\(text.prefix(20))\""))
                continue
            }
            answers[question] = answer
        }
        var judgement: RiskLevel?
        if let text = form.judgement, !text.isEmpty {
            guard let level = RiskLevel(rawValue: text) else {
                return .problems([PanelFieldProblem(field: "judgement", message: "choose standard, medium or high")], score: nil)
            }
            judgement = level
        }
        let assessedOn: CalendarDate
        if let text = form.assessedOn, !text.isEmpty {
            guard let day = CalendarDate(parsing: text), day <= today else {
                return .problems([PanelFieldProblem(field: "assessedOn", message: "give the date of the assessment as YYYY-MM-DD, not in the future")], score: nil)
            }
            assessedOn = day
        } else {
            assessedOn = today
        }
        let repository = MaracCaseRepository(database: sql)
        let previous = try await repository.latestDash(of: victim)
        let assessment = DASHAssessment(
            answers: answers, victimView: form.victimView ?? "", contextNotes: form.contextNotes ?? "", judgement: judgement,
            judgementReason: form.judgementReason ?? "", assessedOn: assessedOn, assessor: assessorName, partner: partner,
            version: (previous?.assessment.version ?? 0) + 1, previousID: previous?.id.uuidString)
        problems += assessment.problems.filter { problem in !problems.contains { $0.field == problem.field } }
        guard problems.isEmpty else { return .problems(problems, score: nil) }
        let score = assessment.score(in: area)
        let linkage = try await PanelLinkage.find(victim: victim, area: area, today: today, sql: sql)
        var perpetrators = linkage.perpetrators
        if let chosen = form.perpetrator, chosen != victim, linkage.adults.contains(chosen) || linkage.perpetrators.contains(chosen) {
            perpetrators = [chosen] + perpetrators.filter { $0 != chosen }
        }
        let told: Bool? = form.victimTold == "yes" ? true : form.victimTold == "no" ? false : nil
        let referral = MaracReferral(
            victim: victim.uuidString, perpetrators: perpetrators.map(\.uuidString), children: linkage.children.map(\.uuidString),
            referrer: assessorName, partner: partner, referredOn: today, dash: score, judgementReason: form.judgementReason ?? "",
            recentEvents: linkage.recentEvents, lastReferral: linkage.lastReferral, victimTold: told,
            whyNotTold: form.whyNotTold ?? "", victimWishes: form.victimWishes ?? "")
        let check = referral.check(in: area)
        let wantsReferral = !check.routes.isEmpty || form.emergency == true
        if wantsReferral && !check.missing.isEmpty {
            // An incomplete referral goes back to the referrer at once, and the DASH with it: nothing is saved.
            return .problems(check.missing, score: score)
        }
        let dashID = try await repository.saveDash(assessment, score: score, victim: victim, perpetrator: perpetrators.first,
                                                   assessorID: assessorID, at: now)
        guard wantsReferral else { return .assessedOnly(dash: dashID, score: score) }
        let stored = try await repository.create(area: area, victim: victim, perpetrators: perpetrators, children: linkage.children,
                                                 state: .referred, check: check, referral: referral, dashID: dashID,
                                                 referrerID: assessorID, emergency: form.emergency == true, at: now)
        let staff = try await PanelMembership.staff(of: area.slug, sql: sql)
        try await PanelMembership.grant(users: staff + [assessorID], people: stored.people, sql: sql, at: now)
        return .referred(dash: dashID, score: score, case: stored)
    }
}
