import Foundation
import LanternDomain
import SQLKit

/// What a breach reached, computed from the audit ledger: the people whose
/// information was read or sent in the window by the actor or partner in
/// question, how many times, and the partners who hold those people's records.
public struct BreachImpact: Sendable, Hashable, Codable {
    public var subjects: Int
    public var disclosures: Int
    public var partners: [String]
}

/// One breach as stored.
public struct StoredBreach: Sendable, Hashable {
    public var id: UUID
    public var reference: String
    public var kind: String
    public var description: String
    public var clock: BreachClock
    public var scopeActor: String?
    public var scopePartner: String?
    public var impact: BreachImpact
    public var containment: String?
    /// Who detected it, the data categories and the risk; nil until recorded.
    public var assessment: BreachAssessment?
    /// The recall of a misdirected share; nil until asked.
    public var recall: BreachRecall?
    public var consultation = BreachConsultation()
    public var closedAt: Int64?
    public var subjectsDecision: BreachSubjectsDecision?
}

/// The breach register and the ledger query behind each breach's impact.
public struct BreachRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Who was reached: permitted reads and disclosures about people, in the
    /// window, by `actor` (a user or token id) or by anyone at `partner`.
    public func impact(actor: String?, partner: String?, fromSeconds: Int64, toSeconds: Int64) async throws -> BreachImpact {
        var query = sql.select().column("subject").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_entries")
            .where("at_ms", .greaterThanOrEqual, fromSeconds * 1000).where("at_ms", .lessThan, toSeconds * 1000)
            .where("subject", .like, "person:%")
            .where("decision", .in, ["permit", "permit_with_masking"])
        if let actor { query = query.where("actor", .equal, actor) }
        if let partner { query = query.where("partner_slug", .equal, partner) }
        let rows = try await query.groupBy("subject").all()
        var people: [UUID] = []
        var disclosures = 0
        for row in rows {
            let subject = try row.decode(column: "subject", as: String.self)
            if let id = UUID(uuidString: String(subject.dropFirst("person:".count))) { people.append(id) }
            disclosures += try row.decode(column: "n", as: Int.self)
        }
        var holders: Set<String> = []
        for start in stride(from: 0, to: people.count, by: 1_000) {
            let slice = Array(people[start..<min(start + 1_000, people.count)])
            for row in try await sql.select().distinct().column("partner_slug").from("source_records").where("person_id", .in, slice).all() {
                holders.insert(try row.decode(column: "partner_slug", as: String.self))
            }
        }
        return BreachImpact(subjects: people.count, disclosures: disclosures, partners: holders.sorted())
    }

    public func record(kind: String, description: String, clock: BreachClock, scopeActor: String?, scopePartner: String?,
                       windowFrom: Int64, windowTo: Int64, impact: BreachImpact, containment: String?, assessment: BreachAssessment? = nil,
                       by user: UUID, at now: Date) async throws -> String {
        let year = CalendarDate(dayNumber: Int(clock.detectedAt / 86_400)).year
        let prefix = "BR-\(year)-"
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("breaches")
            .where("reference", .like, prefix + "%").first()?.decode(column: "n", as: Int.self) ?? 0
        let number = String(count + 1)
        let reference = prefix + String(repeating: "0", count: max(0, 4 - number.count)) + number
        try await sql.insert(into: "breaches")
            .columns(["id", "reference", "kind", "description", "detected_at", "aware_at", "scope_actor", "scope_partner",
                      "window_from", "window_to", "subjects", "disclosures", "partners", "containment", "recorded_by", "recorded_at"]
                     + UpdateBreachesAddAssessment.columns)
            .values(UUID(), reference, kind, description, clock.detectedAt, clock.awareAt, scopeActor, scopePartner, windowFrom, windowTo,
                    impact.subjects, impact.disclosures, impact.partners.joined(separator: ","), containment, user, now,
                    assessment?.detectedBy, assessment?.dataCategories, assessment?.likelihood, assessment?.severity, assessment?.reason)
            .run()
        return reference
    }

    public func all() async throws -> [StoredBreach] {
        try await selectBreaches().orderBy("detected_at", .descending).all().map(Self.breach)
    }

    public func find(_ id: UUID) async throws -> StoredBreach? {
        try await selectBreaches().where("id", .equal, id).first().map(Self.breach)
    }

    private func selectBreaches() -> SQLSelectBuilder {
        sql.select().columns("id", "reference", "kind", "description", "detected_at", "aware_at", "scope_actor", "scope_partner",
                             "subjects", "disclosures", "partners", "containment", "partners_told_at", "ico_decision", "late_reason")
            .columns(UpdateBreachesAddAssessment.columns.map { SQLIdentifier($0) as any SQLExpression })
            .columns(UpdateBreachesAddRecall.columns.map { SQLIdentifier($0.0) as any SQLExpression })
            .columns(UpdateBreachesAddConsultation.columns.map { SQLIdentifier($0.0) as any SQLExpression })
            .column("subjects_decision")
            .from("breaches")
    }

    /// Saves the clock's later steps: partners told, the ICO decision and any late reason.
    public func save(_ clock: BreachClock, of id: UUID) async throws {
        try await sql.update("breaches").set("partners_told_at", to: clock.partnersToldAt)
            .set("ico_decision", to: try clock.ico.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) })
            .set("late_reason", to: clock.lateReason).where("id", .equal, id).run()
    }

    static func breach(_ row: any SQLRow) throws -> StoredBreach {
        var clock = try BreachClock(detectedAt: try row.decode(column: "detected_at", as: Int64.self),
                                    awareAt: try row.decode(column: "aware_at", as: Int64.self), now: .max)
        clock.partnersToldAt = try row.decode(column: "partners_told_at", as: Int64?.self)
        clock.ico = try row.decode(column: "ico_decision", as: String?.self)
            .map { try JSONDecoder().decode(BreachClock.ICODecision.self, from: Data($0.utf8)) }
        clock.lateReason = try row.decode(column: "late_reason", as: String?.self)
        return StoredBreach(
            id: try row.decode(column: "id", as: UUID.self), reference: try row.decode(column: "reference", as: String.self),
            kind: try row.decode(column: "kind", as: String.self), description: try row.decode(column: "description", as: String.self),
            clock: clock, scopeActor: try row.decode(column: "scope_actor", as: String?.self),
            scopePartner: try row.decode(column: "scope_partner", as: String?.self),
            impact: BreachImpact(subjects: try row.decode(column: "subjects", as: Int.self),
                                 disclosures: try row.decode(column: "disclosures", as: Int.self),
                                 partners: try row.decode(column: "partners", as: String.self).split(separator: ",").map(String.init)),
            containment: try row.decode(column: "containment", as: String?.self), assessment: try BreachAssessment(row: row),
            recall: try BreachRecall.stored(row),
            consultation: try row.decode(column: "consultation", as: String?.self)
                .map { try JSONDecoder().decode(BreachConsultation.self, from: Data($0.utf8)) } ?? BreachConsultation(),
            closedAt: try row.decode(column: "closed_at", as: Int64?.self),
            subjectsDecision: try row.decode(column: "subjects_decision", as: String?.self)
                .map { try JSONDecoder().decode(BreachSubjectsDecision.self, from: Data($0.utf8)) })
    }
}
