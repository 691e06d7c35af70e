import Foundation
import LanternDomain
import SQLKit

/// A panel case as stored: the pair (and children) it is keyed on, where it
/// is in its life, and the referral as submitted.
public struct StoredMaracCase: Sendable {
    public var id: UUID
    public var reference: String
    public var areaSlug: String
    public var areaVersion: Int
    public var victim: UUID
    public var perpetrators: [UUID]
    public var children: [UUID]
    public var state: PanelCaseState
    public var routes: [ReferralRoute]
    public var referral: MaracReferral
    public var dashID: UUID?
    public var referrerID: UUID
    public var partner: String
    public var referredOn: CalendarDate
    public var emergency: Bool
    public var note: String?
    public var updatedAt: Date

    /// Everyone the case is about.
    public var people: [UUID] { [victim] + perpetrators + children }
}

/// A DASH as stored, with its id and the people it is about.
public struct StoredDash: Sendable {
    public var id: UUID
    public var victim: UUID
    public var perpetrator: UUID?
    public var assessment: DASHAssessment
    public var count: Int
    public var level: RiskLevel
}

/// The line a case page shows about its DASH.
public struct DashSummary: Sendable {
    public var instrumentID: String
    public var instrumentVersion: Int
    public var version: Int
    public var count: Int
    public var level: RiskLevel
    public var assessor: String
    public var assessedOn: String
}

/// Stores DASH assessments and panel cases, and each step of a case's life.
public struct MaracCaseRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    static func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONDecoder().decode(type, from: Data(text.utf8)) }

    public func saveDash(_ assessment: DASHAssessment, score: DASHScore, victim: UUID, perpetrator: UUID?, assessorID: UUID,
                         at now: Date) async throws -> UUID {
        let id = UUID()
        try await sql.insert(into: "dash_assessments").columns(
            "id", "victim_id", "perpetrator_id", "partner", "assessor_id", "assessor_name", "assessed_on", "instrument_id",
            "instrument_version", "answers", "victim_view", "context_notes", "judgement", "judgement_reason", "yes_count", "level",
            "version", "previous_id", "created_at")
            .values(id, victim, perpetrator, assessment.partner, assessorID, assessment.assessor, assessment.assessedOn.description,
                    assessment.instrumentID, assessment.instrumentVersion, try Self.json(assessment.answers), assessment.victimView,
                    assessment.contextNotes, assessment.judgement?.rawValue, assessment.judgementReason, score.count,
                    score.level.rawValue, assessment.version, assessment.previousID.flatMap(UUID.init(uuidString:)), now).run()
        return id
    }

    public func dash(_ id: UUID) async throws -> StoredDash? {
        try await dashes(where: { $0.where("id", .equal, id) }).first
    }

    /// The latest DASH about `victim`, for linking a reassessment.
    public func latestDash(of victim: UUID) async throws -> StoredDash? {
        try await dashes(where: { $0.where("victim_id", .equal, victim).orderBy("version", .descending).limit(1) }).first
    }

    private func dashes(where filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [StoredDash] {
        let query = sql.select().columns("id", "victim_id", "perpetrator_id", "partner", "assessor_name", "assessed_on", "instrument_id",
                                         "instrument_version", "answers", "victim_view", "context_notes", "judgement", "judgement_reason",
                                         "yes_count", "level", "version", "previous_id").from("dash_assessments")
        return try await filter(query).all().map { row in
            let instrument = DASHInstrument.find(id: try row.decode(column: "instrument_id", as: String.self),
                                                 version: try row.decode(column: "instrument_version", as: Int.self)) ?? .safeLives24
            let assessment = DASHAssessment(
                instrument: instrument, answers: try Self.decode([String: DASHAnswer].self, try row.decode(column: "answers", as: String.self)),
                victimView: try row.decode(column: "victim_view", as: String.self),
                contextNotes: try row.decode(column: "context_notes", as: String.self),
                judgement: try row.decode(column: "judgement", as: String?.self).flatMap(RiskLevel.init(rawValue:)),
                judgementReason: try row.decode(column: "judgement_reason", as: String.self),
                assessedOn: CalendarDate(parsing: try row.decode(column: "assessed_on", as: String.self)) ?? CalendarDate(dayNumber: 0),
                assessor: try row.decode(column: "assessor_name", as: String.self), partner: try row.decode(column: "partner", as: String.self),
                version: try row.decode(column: "version", as: Int.self),
                previousID: try row.decode(column: "previous_id", as: UUID?.self)?.uuidString)
            return StoredDash(id: try row.decode(column: "id", as: UUID.self), victim: try row.decode(column: "victim_id", as: UUID.self),
                              perpetrator: try row.decode(column: "perpetrator_id", as: UUID?.self), assessment: assessment,
                              count: try row.decode(column: "yes_count", as: Int.self),
                              level: RiskLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .standard)
        }
    }

    struct People: Codable, Sendable { var perpetrators: [UUID]; var children: [UUID] }

    /// Records a submitted referral as a case in `state` (referred, or
    /// returned when incomplete), with its first step.
    public func create(area: PanelAreaConfiguration, victim: UUID, perpetrators: [UUID], children: [UUID], state: PanelCaseState,
                       check: ReferralCheck, referral: MaracReferral, dashID: UUID?, referrerID: UUID, emergency: Bool,
                       at now: Date) async throws -> StoredMaracCase {
        let id = UUID()
        // References are unique across areas (two MARAC areas share the prefix, and a transfer makes a case in another area).
        let prefix = "\(area.kind.label.uppercased().prefix(5))-\(referral.referredOn.year)-"
        let count = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("marac_cases")
            .where("reference", .like, prefix + "%").first()?.decode(column: "n", as: Int.self) ?? 0
        let reference = prefix + String(format: "%04d", count + 1)
        let note = check.missing.isEmpty ? nil : check.missing.map(\.description).joined(separator: "; ")
        try await sql.insert(into: "marac_cases").columns(
            "id", "reference", "area_slug", "area_version", "victim_id", "perpetrator_id", "people", "state", "routes", "referral",
            "dash_id", "referrer_id", "partner", "referred_on", "emergency", "note", "created_at", "updated_at")
            .values(id, reference, area.slug, area.version, victim, perpetrators.first, try Self.json(People(perpetrators: perpetrators, children: children)),
                    state.rawValue, try Self.json(check.routes), try Self.json(referral), dashID, referrerID, referral.partner,
                    referral.referredOn.description, emergency, note, now, now).run()
        try await recordStep(case: id, step: "refer", from: .referred, to: state, reason: note, by: referrerID, at: now)
        guard let stored = try await find(id) else { throw StorageError.corrupt("panel case \(id)") }
        return stored
    }

    /// Moves a case after ``PanelCaseTransition`` allowed it, keeping the step.
    public func move(_ id: UUID, step: String, from: PanelCaseState, to: PanelCaseState, reason: String?, by user: UUID, at now: Date) async throws {
        var update = sql.update("marac_cases").set("state", to: to.rawValue).set("updated_at", to: now)
        if let reason { update = update.set("note", to: reason) }
        try await update.where("id", .equal, id).run()
        try await recordStep(case: id, step: step, from: from, to: to, reason: reason, by: user, at: now)
    }

    /// Replaces a returned referral's answers on resubmission.
    public func resubmit(_ id: UUID, referral: MaracReferral, check: ReferralCheck, by user: UUID, at now: Date) async throws {
        try await sql.update("marac_cases").set("referral", to: try Self.json(referral)).set("routes", to: try Self.json(check.routes))
            .set("state", to: PanelCaseState.referred.rawValue).set("note", to: SQLLiteral.null).set("updated_at", to: now)
            .where("id", .equal, id).run()
        try await recordStep(case: id, step: "resubmit", from: .returned, to: .referred, reason: nil, by: user, at: now)
    }

    private func recordStep(case id: UUID, step: String, from: PanelCaseState, to: PanelCaseState, reason: String?, by user: UUID,
                            at now: Date) async throws {
        try await sql.insert(into: "marac_case_steps").columns("case_id", "step", "from_state", "to_state", "reason", "by_user", "at")
            .values(id, step, from.rawValue, to.rawValue, reason, user, now).run()
    }

    public func steps(of id: UUID) async throws -> [(step: String, to: String, reason: String?, at: Date)] {
        try await sql.preparedRows(CaseStepsRead.self, [id]).map {
                (try $0.decode(column: "step", as: String.self), try $0.decode(column: "to_state", as: String.self),
                 try $0.decode(column: "reason", as: String?.self), try $0.decode(column: "at", as: Date.self))
            }
    }

    static let caseColumns = ["id", "reference", "area_slug", "area_version", "victim_id", "people", "state", "routes", "referral",
                              "dash_id", "referrer_id", "partner", "referred_on", "emergency", "note", "updated_at"]

    public func find(_ id: UUID) async throws -> StoredMaracCase? {
        try await cases { $0.where("id", .equal, id) }.first
    }

    /// Cases of an area, newest first; `states` nil means all.
    public func cases(in area: String, states: [PanelCaseState]? = nil) async throws -> [StoredMaracCase] {
        try await cases { query in
            var query = query.where("area_slug", .equal, area)
            if let states { query = query.where("state", .in, states.map(\.rawValue)) }
            return query.orderBy("updated_at", .descending)
        }
    }

    /// Every case of every area, for the depersonalised MARAC return.
    public func allCases() async throws -> [StoredMaracCase] {
        try await cases { $0 }
    }

    public func cases(_ ids: [UUID]) async throws -> [StoredMaracCase] {
        guard !ids.isEmpty else { return [] }
        return try await cases { $0.where("id", .in, ids) }
    }

    /// The cases of any of `areas` and those `user` referred, newest first,
    /// in one read: the panels home shows both and splits them itself.
    public func cases(inAreas areas: [String], orReferredBy user: UUID) async throws -> [StoredMaracCase] {
        try await sql.preparedRows(CasesOfAreasRead.self, [areas, user]).map(Self.storedCase)
    }

    /// Cases referred by `user`, newest first.
    public func cases(referredBy user: UUID) async throws -> [StoredMaracCase] {
        try await cases { $0.where("referrer_id", .equal, user).orderBy("updated_at", .descending) }
    }

    private func cases(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [StoredMaracCase] {
        try await filter(sql.select().columns(Self.caseColumns.map { SQLColumn($0, table: "marac_cases") }).from("marac_cases")).all()
            .map(Self.storedCase)
    }

    private static let decodedPeople = DecodedText<People>()
    private static let decodedReferrals = DecodedText<MaracReferral>()
    private static let decodedRoutes = DecodedText<[ReferralRoute]>()

    private static func storedCase(_ row: any SQLRow) throws -> StoredMaracCase {
        let people = try Self.decodedPeople.decode(try row.decode(column: "people", as: String.self))
        let referral = try Self.decodedReferrals.decode(try row.decode(column: "referral", as: String.self))
        return StoredMaracCase(
            id: try row.decode(column: "id", as: UUID.self), reference: try row.decode(column: "reference", as: String.self),
            areaSlug: try row.decode(column: "area_slug", as: String.self), areaVersion: try row.decode(column: "area_version", as: Int.self),
            victim: try row.decode(column: "victim_id", as: UUID.self), perpetrators: people.perpetrators, children: people.children,
            state: PanelCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .referred,
            routes: try Self.decodedRoutes.decode(try row.decode(column: "routes", as: String.self)), referral: referral,
            dashID: try row.decode(column: "dash_id", as: UUID?.self), referrerID: try row.decode(column: "referrer_id", as: UUID.self),
            partner: try row.decode(column: "partner", as: String.self), referredOn: referral.referredOn,
            emergency: try row.decode(column: "emergency", as: Bool.self), note: try row.decode(column: "note", as: String?.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    /// A case with its referrer's name and its DASH line, in one read: a case page's paper.
    public func findWithPaper(_ id: UUID) async throws -> (stored: StoredMaracCase, referrerName: String?, dash: DashSummary?)? {
        guard let row = try await sql.preparedRows(CaseWithPaperRead.self, [id]).first else { return nil }
        return (try Self.storedCase(row), try row.decode(column: "referrer_name", as: String?.self), try Self.dashSummary(row))
    }

    /// The DASH line from a row with the DASH's columns (`dash_row` null when there is none).
    private static func dashSummary(_ row: any SQLRow) throws -> DashSummary? {
        guard try row.decode(column: "dash_row", as: UUID?.self) != nil else { return nil }
        // The instrument as ``dash(_:)`` reads it: one no longer known reads as the current one.
        let instrument = DASHInstrument.find(id: try row.decode(column: "instrument_id", as: String.self),
                                             version: try row.decode(column: "instrument_version", as: Int.self)) ?? .safeLives24
        return DashSummary(
            instrumentID: instrument.id, instrumentVersion: instrument.version,
            version: try row.decode(column: "version", as: Int.self), count: try row.decode(column: "yes_count", as: Int.self),
            level: RiskLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .standard,
            assessor: try row.decode(column: "assessor_name", as: String.self),
            assessedOn: try row.decode(column: "assessed_on", as: String.self))
    }

    /// A meeting's agenda in agenda order, and the accepted cases of `area`
    /// ready to list on it (newest first), in one read.
    public func agendaAndReady(of meeting: UUID, area: String?) async throws -> (agenda: [StoredMaracCase], ready: [StoredMaracCase]) {
        // No case has an empty area, so without an area only the meeting's own agenda comes back.
        let rows = try await sql.preparedRows(AgendaAndReadyRead.self, [meeting, area ?? "", PanelCaseState.accepted.rawValue])
        var agenda: [(position: Int, stored: StoredMaracCase)] = []
        var ready: [StoredMaracCase] = []
        for row in rows {
            let stored = try Self.storedCase(row)
            if let position = try row.decode(column: "agenda_position", as: Int?.self) { agenda.append((position, stored)) }
            if let area, stored.areaSlug == area, stored.state == .accepted { ready.append(stored) }
        }
        return (agenda.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element.stored), ready)
    }

    /// The open cases whose victim or perpetrator is among `people`, lean,
    /// for the repeat watch over an import: found through the victim and
    /// perpetrator indexes, so the cost follows the batch, not the number of
    /// open cases.
    public func openPairs(involving people: [UUID]) async throws -> [(id: UUID, victim: UUID, perpetrator: UUID?, referredOn: String)] {
        let open = PanelCaseState.allCases.filter(\.isOpen).map(\.rawValue)
        var seen = Set<UUID>()
        var result: [(id: UUID, victim: UUID, perpetrator: UUID?, referredOn: String)] = []
        let unique = Array(Set(people))
        for start in stride(from: 0, to: unique.count, by: 5_000) {
            let chunk = Array(unique[start..<min(start + 5_000, unique.count)])
            for column in ["victim_id", "perpetrator_id"] {
                for row in try await sql.select().columns("id", "victim_id", "perpetrator_id", "referred_on", "state").from("marac_cases")
                    .where(SQLIdentifier(column), .in, SQLBind.group(chunk)).all() {
                    let id = try row.decode(column: "id", as: UUID.self)
                    guard open.contains(try row.decode(column: "state", as: String.self)), seen.insert(id).inserted else { continue }
                    result.append((id, try row.decode(column: "victim_id", as: UUID.self),
                                   try row.decode(column: "perpetrator_id", as: UUID?.self), try row.decode(column: "referred_on", as: String.self)))
                }
            }
        }
        return result
    }

    /// The last referral about this victim (any state), for the repeat route.
    public func lastReferral(ofVictim victim: UUID) async throws -> CalendarDate? {
        try await sql.select().column("referred_on").from("marac_cases").where("victim_id", .equal, victim)
            .where("state", .notEqual, PanelCaseState.returned.rawValue).orderBy("referred_on", .descending).first()
            .flatMap { CalendarDate(parsing: try $0.decode(column: "referred_on", as: String.self)) }
    }
}

/// ``MaracCaseRepository/steps(of:)``'s read: every case page makes it.
private enum CaseStepsRead: PreparedReadText {
    static let name = "marac_case_steps"
    static let postgresSQL = #"SELECT "step", "to_state", "reason", "at" FROM "marac_case_steps" WHERE "case_id" = $1 ORDER BY "at" ASC"#
}

/// ``MaracCaseRepository/findWithPaper(_:)``'s read: the case with its referrer's name and its DASH line.
private enum CaseWithPaperRead: PreparedReadText {
    static let name = "marac_case_with_paper"
    static let postgresSQL = "SELECT " + MaracCaseRepository.caseColumns.map { #""c"."\#($0)""# }.joined(separator: ", ")
        + #", "u"."display_name" AS "referrer_name", "#
        + ["instrument_id", "instrument_version", "version", "yes_count", "level", "assessor_name", "assessed_on"].map { #""d"."\#($0)""# }
            .joined(separator: ", ")
        + #", "d"."id" AS "dash_row" FROM "marac_cases" AS "c" LEFT JOIN "users" AS "u" ON "u"."id" = "c"."referrer_id" "#
        + #"LEFT JOIN "dash_assessments" AS "d" ON "d"."id" = "c"."dash_id" WHERE "c"."id" = $1"#
}

/// The case columns, each qualified by the `c` alias the prepared reads give `marac_cases`.
private let qualifiedCaseColumns = MaracCaseRepository.caseColumns.map { #""c"."\#($0)""# }.joined(separator: ", ")

/// ``MaracCaseRepository/cases(inAreas:orReferredBy:)``'s read: every panels home makes it.
private enum CasesOfAreasRead: PreparedReadText {
    static let name = "marac_cases_of_areas"
    static let postgresSQL = "SELECT \(qualifiedCaseColumns) FROM \"marac_cases\" AS \"c\" "
        + #"WHERE ("c"."area_slug" = ANY($1) OR "c"."referrer_id" = $2) ORDER BY "c"."updated_at" DESC"#
}

/// ``MaracCaseRepository/agendaAndReady(of:area:)``'s read: every meeting page makes it.
private enum AgendaAndReadyRead: PreparedReadText {
    static let name = "marac_agenda_and_ready"
    static let postgresSQL = "SELECT \(qualifiedCaseColumns), \"i\".\"position\" AS \"agenda_position\" FROM \"marac_cases\" AS \"c\" "
        + #"LEFT JOIN "panel_agenda_items" AS "i" ON "i"."case_id" = "c"."id" AND "i"."meeting_id" = $1 "#
        + #"WHERE ("i"."position" IS NOT NULL OR ("c"."area_slug" = $2 AND "c"."state" = $3)) ORDER BY "c"."updated_at" DESC"#
}
