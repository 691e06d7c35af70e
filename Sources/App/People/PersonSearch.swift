import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// The person search, through the access decision.
///
/// Use it for every search, page or API. Contract:
/// - only roles that read case data search at all (not administrators, not
///   partners' feed tokens); a refusal is audited;
/// - a row is shown only from the matched records the decision lets the
///   caller see, naming only those partners; people the caller may not see
///   are not listed, not even as "name withheld";
/// - a practitioner who typed an exact name and a date of birth is told, in
///   one line, how many further people partners hold, never which partners
///   or how many each: the line is audited.
struct PersonSearch {
    let req: Request
    let resource: String

    func run(_ query: SearchQuery) async throws -> SearchResult {
        let caller = try await Self.requireCaseReader(req, resource: resource)
        guard let outcome = try await PersonFinder(database: try req.sql()).search(query) else {
            return SearchResult(searched: false, results: [])
        }
        let search: PersonFinder.Search
        switch outcome {
        case .failure(let problem): return SearchResult(searched: false, results: [], problem: problem.description)
        case .success(let found): search = found
        }
        let items = Dictionary(search.matches.map { match in
            (match.personID, match.records.map { HeldItem(heldBy: $0.partner, category: .identity) })
        }, uniquingKeysWith: { first, _ in first })
        let decisions: [UUID: RecordDecision]
        if items.isEmpty {
            // A search that matched no one is audited too, so it takes the same
            // write as one that matched only people the caller may not see.
            try await req.audit(.read, subject: "people-search", resource: "\(resource) shown:0", reason: "no match",
                                purpose: DefaultPurpose.of(caller).rawValue)
            decisions = [:]
        } else {
            decisions = try await req.decideAccess(to: items, resource: resource)
        }
        var rows: [SearchRow] = []
        var unseen: [PersonMatch] = []
        for match in search.matches {
            let visible = Set(decisions[match.personID]?.visibleIndices ?? [])
            let shown = match.records.indices.filter(visible.contains).map { match.records[$0] }
            guard let first = shown.first else {
                unseen.append(match)
                continue
            }
            let partners = Array(Set(shown.map(\.partner))).sorted()
            rows.append(SearchRow(personID: match.personID, displayName: first.displayName,
                                  dateOfBirth: first.dateOfBirth ?? shown.compactMap(\.dateOfBirth).first,
                                  postcode: first.postcode ?? shown.compactMap(\.postcode).first,
                                  partners: partners, partnerCount: partners.count))
        }
        // The header says only what the rows say: "deny" whether no one matched
        // or only people the caller may not see, so it cannot tell them apart.
        req.markAccessDecision(rows.isEmpty ? "deny" : "permit")
        var result = SearchResult(searched: true, results: rows)
        if let born = search.born, caller.roles.contains(Role.practitioner.rawValue) {
            let further = unseen.filter { match in
                match.records.contains { $0.exactName && $0.dateOfBirth == born.description }
            }
            if !further.isEmpty {
                result.furtherMatches = further.count
                result.furtherMatchesLine = further.count == 1
                    ? "1 further match is held by partners: request access."
                    : "\(further.count) further matches are held by partners: request access."
                result.requestAccessPaths = further.map { "/people/\($0.personID.uuidString)" }
                for match in further {
                    try await req.audit(.accessDecision, subject: "person:\(match.personID.uuidString)",
                                        resource: "\(resource) further-match", decision: .deny,
                                        reason: "exact name and date of birth: told a further match is held, no partner named",
                                        purpose: DefaultPurpose.of(caller).rawValue)
                }
            }
        }
        return result
    }

    /// The caller, when one of their roles reads case data; otherwise a 403
    /// naming the reason, audited.
    static func requireCaseReader(_ req: Request, resource: String) async throws -> Caller {
        let caller = try req.caller
        if caller.roles.compactMap(Role.init(rawValue:)).contains(where: \.readsCaseData) { return caller }
        let refusal: Refusal = caller.tokenPurposes != nil ? .caseDataNotForFeed
            : caller.roles.contains(Role.strategicLead.rawValue) ? .caseDataNotForStrategicLead : .caseDataNotForRole
        try await req.audit(.accessDecision, subject: resource.contains("search") ? "people-search" : "person-page", resource: resource, decision: .deny,
                            reason: refusal.reason, purpose: DefaultPurpose.of(caller).rawValue)
        throw refusal
    }
}
