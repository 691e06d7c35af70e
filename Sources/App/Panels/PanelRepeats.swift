import Fluent
import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage

/// Finds repeats across agencies after an events import: a new
/// domestic-abuse event from any partner about the victim or perpetrator of
/// an open MARAC case, within the repeat window of its last referral, raises
/// "possible repeat" for the area's coordinator and chair and for the
/// practitioners working with the victim, each only if the access decision
/// lets them see the event.
enum PanelRepeats {
    static let rule = "marac-repeat"

    /// New domestic-abuse events in the batch, with the person each is about.
    static func newEvents(inBatch batch: UUID, sql: any SQLDatabase) async throws -> [(person: UUID, partner: String, on: CalendarDate)] {
        try await sql.raw("""
            SELECT s.person_id AS person_id, e.partner_slug AS partner_slug, e.occurred_on AS occurred_on FROM events e
            JOIN source_records s ON s.partner_slug = e.partner_slug AND s.record_id = e.person_record_id
            WHERE e.batch_id = \(bind: batch) AND e.version = 1 AND e.category = \(bind: EventCategory.domesticAbuse.rawValue)
            AND s.person_id IS NOT NULL
            """).all().compactMap { row in
            guard let day = CalendarDate(parsing: try row.decode(column: "occurred_on", as: String.self)) else { return nil }
            return (try row.decode(column: "person_id", as: UUID.self), try row.decode(column: "partner_slug", as: String.self), day)
        }
    }

    /// The matches for a batch: the part that must stay fast whatever the size of the store.
    static func matches(inBatch batch: UUID, sql: any SQLDatabase,
                        repeatWindowMonths: Int) async throws -> (events: [(person: UUID, partner: String, on: CalendarDate)],
                                                                   matches: [RepeatWatch<UUID, UUID>.Match]) {
        let events = try await newEvents(inBatch: batch, sql: sql)
        guard !events.isEmpty else { return ([], []) }
        let open = try await MaracCaseRepository(database: sql).openPairs(involving: events.map(\.person)).compactMap { pair -> RepeatWatch<UUID, UUID>.OpenCase? in
            guard let day = CalendarDate(parsing: pair.referredOn) else { return nil }
            return .init(id: pair.id, victim: pair.victim, perpetrators: pair.perpetrator.map { [$0] } ?? [], lastReferral: day)
        }
        let watch = RepeatWatch(cases: open, rule: RepeatRule(windowMonths: repeatWindowMonths))
        return (events, watch.matches(events.map { (person: $0.person, on: $0.on) }))
    }

    @discardableResult
    static func raise(afterBatch batch: UUID, database: any Database, gate: AccessGate, audit: AuditTrail) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StorageError.notSQL }
        let windows = Set(try await PanelAreaRepository(database: sql).areas().filter { $0.kind == .marac }.map(\.repeatWindowMonths))
        guard let window = windows.max() else { return 0 }
        let (events, found) = try await matches(inBatch: batch, sql: sql, repeatWindowMonths: window)
        guard !found.isEmpty else { return 0 }
        let cases = Dictionary(try await MaracCaseRepository(database: sql).cases(Array(Set(found.map(\.caseID)))).map { ($0.id, $0) },
                               uniquingKeysWith: { first, _ in first })
        let policy = try await gate.current(sql)
        let users = UserRepository(database: sql)
        let notifications = NotificationRepository(database: sql)
        let relationships = CaseRelationshipRepository(database: sql)
        let now = Date()
        let moment = Moment(secondsSince1970: Int64(now.timeIntervalSince1970))
        var records: [AuditRecord] = []
        var raised = 0
        var told = Set<String>()
        // One query each for the areas' staff and for everyone working with the victims, not one per match.
        var staffOf: [String: [UUID]] = [:]
        for slug in Set(cases.values.map(\.areaSlug)) { staffOf[slug] = try await PanelAreaRepository(database: sql).staff(of: slug).map(\.user) }
        var workingWith: [UUID: [UUID]] = [:]
        for (user, people) in try await notifications.usersRelatedTo(Array(Set(cases.values.map(\.victim)))) {
            for person in people { workingWith[person, default: []].append(user) }
        }
        var partnersOf: [String: Set<String>] = [:]
        for event in events { partnersOf["\(event.person):\(event.on)", default: []].insert(event.partner) }
        for match in found {
            guard let stored = cases[match.caseID] else { continue }
            let partners = partnersOf["\(match.person):\(match.eventOn)"] ?? []
            let staff = staffOf[stored.areaSlug] ?? []
            let working = workingWith[stored.victim] ?? []
            for userID in Set(staff + working) where told.insert("\(userID):\(stored.id)").inserted {
                guard let user = try await users.find(id: userID) else { continue }
                let kinds = Set((try await relationships.relationships(of: userID, with: [match.person])[match.person] ?? [])
                    .compactMap(CaseRelationship.init(rawValue:)))
                let requester = Requester(userID: userID.uuidString, partner: user.partner, roleNames: user.roles)
                let purpose: AccessPurpose = kinds.contains(.panelMember) ? .agreed(.riskPanels) : .agreed(.holisticView)
                let items = partners.map { HeldItem(heldBy: $0, category: .domesticAbuse) }
                let decision = policy.decide(AccessRequest(requester: requester, purpose: purpose, subject: match.person.uuidString,
                                                           relationships: kinds, now: moment), record: items)
                let seen = decision.visibleIndices.count == items.count
                let message = seen
                    ? "Possible repeat on \(stored.reference): a new domestic-abuse event (\(partners.sorted().joined(separator: ", ")), "
                        + "\(match.eventOn)) about the victim or perpetrator, within 12 months of the last referral."
                    : AlertService.withheldMessage
                try await notifications.add(user: userID, household: seen ? stored.id : stored.victim, rule: seen ? rule : AlertService.withheldRuleID,
                                            message: message, at: now)
                records.append(AuditRecord(actor: "panels", partner: user.partner, purpose: purpose.rawValue, action: .write,
                                           subject: "panel-case:\(stored.id.uuidString)",
                                           resource: "notification rule:\(rule) user:\(userID.uuidString)",
                                           decision: seen ? .permit : .deny,
                                           reason: seen ? "possible repeat from batch \(batch.uuidString)" : "repeat withheld: the access decision refuses the event"))
                raised += 1
            }
        }
        if !records.isEmpty { try await audit.recordAlone(records, on: database) }
        return raised
    }
}
