import Foundation
import LanternDomain
import Ledger
import Policy
import SQLKit
import Storage
import Vapor

/// The one place routes ask whether the caller may see what partners hold
/// about a person. It builds the `Policy` request from the caller, their
/// purpose and their relationships, records the decision in the audit
/// ledger, and marks the response so tests can prove every personal-data
/// route asked.
public actor AccessGate {
    private var policy: AccessPolicy?
    /// The latest store change seen, and the latest agreement change the
    /// policy was built after (`StoreChangeLog`).
    private var checkedAt: Int?
    private var builtAfter = 0

    /// The policy over the agreements in force, built on first use and
    /// rebuilt after an agreement changes, in this process or another over
    /// the same store: each decision costs one read of the log's latest
    /// number, and a second read only when the log has moved. `known` is
    /// that number when this request has already read it with something else.
    func current(_ sql: any SQLDatabase, latestChange known: Int? = nil) async throws -> AccessPolicy {
        let log = StoreChangeLog(database: sql)
        let latest = if let known { known } else { try await log.latest() }
        if let policy, checkedAt == latest { return policy }
        let agreementsChanged = try await log.latest(of: ["agreements"])
        if let policy, agreementsChanged == builtAfter {
            checkedAt = latest
            return policy
        }
        let partnership = PartnershipRepository(database: sql)
        let built = AccessPolicy(agreements: try await partnership.agreements(), partners: try await partnership.partners())
        policy = built
        builtAfter = agreementsChanged
        checkedAt = latest
        return built
    }

    func invalidate() { policy = nil }
}

/// The purpose a caller reads under unless they choose another: the first
/// purpose their role exists for.
enum DefaultPurpose {
    static func of(_ caller: Caller) -> AccessPurpose {
        if caller.roles.contains("analyst") { return .agreed(.caseFinding) }
        if caller.roles.contains("panel-chair") { return .agreed(.riskPanels) }
        if caller.roles.contains("practitioner") { return .agreed(.holisticView) }
        if caller.roles.contains("dpo") { return .rightsRequest }
        return .agreed(.holisticView)
    }
}

extension Request {
    private struct AccessDecisionKey: StorageKey { typealias Value = String }
    private struct AccessPolicyKey: StorageKey { typealias Value = AccessPolicy }
    private struct LatestChangeKey: StorageKey { typealias Value = Int }

    /// The change log's latest number as this request read it alongside
    /// something else (the panel standing), so the policy check need not read it again.
    func noteLatestChange(_ seq: Int) { storage[LatestChangeKey.self] = seq }

    /// The policy in force, asked of the ``AccessGate`` once per request: a
    /// page that shows several lists decides them all under one policy, and
    /// the change log is read once rather than per list.
    func accessPolicy() async throws -> AccessPolicy {
        if let policy = storage[AccessPolicyKey.self] { return policy }
        let policy = try await application.accessGate.current(try sql(), latestChange: storage[LatestChangeKey.self])
        storage[AccessPolicyKey.self] = policy
        return policy
    }

    /// Decides what the caller may see of each person's held items, in one
    /// batch; every decision is audited.
    /// `purpose` defaults to the caller's role's first (``DefaultPurpose``);
    /// panel pages read under `risk-panels`.
    /// `facts`, when the caller has just read them for these people (``accessFacts(about:holders:names:)``,
    /// with holders or names alongside), saves reading them again.
    func decideAccess(to people: [UUID: [HeldItem]], resource: String,
                      purpose chosen: AccessPurpose? = nil, facts known: AccessFacts? = nil) async throws -> [UUID: RecordDecision] {
        let caller = try caller
        let sql = try sql()
        let policy = try await accessPolicy()
        // Relationships, break-glass grants and restrictions in one read, on every decision.
        let facts = if let known { known } else { try await accessFacts(about: Array(people.keys)) }
        var relationships = facts.relationships
        if caller.roles.contains(Role.dpo.rawValue) {
            // A DPO's open request with identity settled is the only thing that lets them read its subject.
            for person in try await RightsRequestRepository(database: sql).subjectsUnderRequest(handledBy: caller.userID,
                                                                                               among: Array(people.keys)) {
                relationships[person, default: []].insert(CaseRelationship.rightsRequestSubject.rawValue)
            }
        }
        let purpose = chosen ?? DefaultPurpose.of(caller)
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        let now = Moment(secondsSince1970: Int64(Date().timeIntervalSince1970))
        let breakGlass = Self.validGrants(facts.breakGlass)
        func request(_ person: UUID, grantedBy: Set<String>) -> AccessRequest {
            AccessRequest(requester: requester, purpose: purpose, subject: person.uuidString,
                          relationships: Set((relationships[person] ?? []).compactMap(CaseRelationship.init(rawValue:))),
                          breakGlass: breakGlass[person], grantedBy: grantedBy, now: now)
        }
        // A subject who restricted processing: every item of theirs is marked,
        // and the policy reads it for their rights request alone.
        let restricted = facts.restricted
        var people = people
        for person in restricted {
            people[person] = people[person]?.map { item in
                var item = item
                item.restricted = true
                return item
            }
        }
        var decisions: [UUID: RecordDecision] = [:]
        for (person, items) in people {
            decisions[person] = policy.decide(request(person, grantedBy: []), record: items)
        }
        // Partners' yeses to this caller's access requests matter only where
        // the relationship was missing: look them up for those people alone.
        let lacking = decisions.filter { [.noRelationship, .notOnPanelCase].contains($0.value.refusal?.code) }.map(\.key)
        if !lacking.isEmpty {
            let grants = try await AccessRequestRepository(database: sql).grants(to: caller.userID, about: lacking, at: Date())
            for (person, holders) in grants {
                decisions[person] = policy.decide(request(person, grantedBy: holders), record: people[person] ?? [])
            }
        }
        var records: [AuditRecord] = []
        for (person, items) in people {
            guard let decision = decisions[person] else { continue }
            let reason = decision.refusal?.description
                ?? decision.decisions.first(where: \.isPermitted)?.reason ?? "nothing held"
            // Whose items were shown, so a disposal notice reaches only those who saw the disposing partner's.
            let holders = Set(decision.visibleIndices.map { items[$0].holder }).sorted()
            records.append(AuditRecord(
                actor: caller.userID.uuidString, partner: caller.partner, purpose: purpose.rawValue,
                action: .accessDecision, subject: "person:\(person.uuidString)",
                resource: "\(resource) items:\(items.count) shown:\(decision.visibleIndices.count)"
                    + (holders.isEmpty ? "" : " from:" + holders.joined(separator: ",")),
                decision: AuditDecision(rawValue: decision.auditCode) ?? .deny, reason: String(reason.prefix(500))))
        }
        try await recordAudit(records)
        let codes = Set(decisions.values.map(\.auditCode))
        storage[AccessDecisionKey.self] = codes.count == 1 ? codes.first! : "mixed"
        return decisions
    }

    /// The caller's latest break-glass grant for each of these people, from
    /// the store, so a grant made through any Lantern process holds on all of
    /// them (the policy itself refuses one that has expired). Only roles that
    /// may break glass can hold one, so no one else costs a query.
    func breakGlassGrants(for people: [UUID]) async throws -> [UUID: BreakGlassGrant] {
        guard try mayHoldBreakGlass else { return [:] }
        return Self.validGrants(try await BreakGlassGrantRepository(database: try sql()).latest(of: try caller.userID, about: people))
    }

    /// Whether the caller can hold a break-glass grant at all: only roles that may break glass, signed in.
    private var mayHoldBreakGlass: Bool {
        get throws {
            let caller = try caller
            return caller.credential == .session && caller.roles.compactMap(Role.init(rawValue:)).contains(where: \.mayBreakGlass)
        }
    }

    /// Grants re-validated as they are read: a row that breaks the grant's rules grants nothing.
    private static func validGrants(_ stored: [UUID: StoredBreakGlassGrant]) -> [UUID: BreakGlassGrant] {
        stored.compactMapValues { stored in
            try? BreakGlassGrant(reason: stored.reason, grantedAt: Moment(secondsSince1970: stored.grantedAt),
                                 expiresAt: Moment(secondsSince1970: stored.expiresAt))
        }
    }

    /// What the access decision reads about the caller and `people`, in one read
    /// (``AccessFactsRepository``); with `holders` and `names`, who holds records of them and their names too.
    func accessFacts(about people: [UUID], holders: Bool = false, names: Bool = false) async throws -> AccessFacts {
        try await AccessFactsRepository(database: try sql()).facts(of: try caller.userID, about: people,
                                                                   breakGlass: try mayHoldBreakGlass, holders: holders, names: names)
    }

    /// Whether the caller's emergency access to `person` is in force now.
    func breakGlassInForce(for person: UUID) async throws -> Bool {
        let now = Moment(secondsSince1970: Int64(Date().timeIntervalSince1970))
        return try await breakGlassGrants(for: [person])[person]?.isInForce(at: now) ?? false
    }

    func grantBreakGlass(_ grant: BreakGlassGrant, for person: UUID) async throws {
        try await BreakGlassGrantRepository(database: try sql()).record(
            user: try caller.userID, person: person, reason: grant.reason,
            grantedAt: grant.grantedAt.secondsSince1970, expiresAt: grant.expiresAt.secondsSince1970)
    }

    /// The decision recorded for this request, if any route asked.
    var accessDecisionCode: String? { storage[AccessDecisionKey.self] }

    /// Sets the code `X-Lantern-Access` carries, for a route whose answer must
    /// not say more than what it shows (a search: whether strangers matched).
    func markAccessDecision(_ code: String) { storage[AccessDecisionKey.self] = code }
}

/// Puts `X-Lantern-Access` on every response whose route asked the access
/// decision, so a test can find a personal-data route that did not.
struct AccessDecisionHeader: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if let code = request.accessDecisionCode { response.headers.replaceOrAdd(name: "X-Lantern-Access", value: code) }
        return response
    }
}

extension Application {
    private struct AccessGateKey: StorageKey { typealias Value = AccessGate }

    public var accessGate: AccessGate {
        if let gate = storage[AccessGateKey.self] { return gate }
        let gate = AccessGate()
        storage[AccessGateKey.self] = gate
        return gate
    }
}
