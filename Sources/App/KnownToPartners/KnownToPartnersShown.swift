import Foundation
import Policy
import Storage
import Vapor

extension Request {
    /// The encoded matches of each of `people` that the caller may be told of, for people the
    /// access decision has already let the caller see: callers pass only those.
    ///
    /// Each partner X that matched a person is one held item (``KnownToPartner/heldItem(heldBy:)``)
    /// decided, and audited, like every other, for the caller's role, partner and purpose. A
    /// partner whose item is refused is left out altogether: not named, not counted, and the
    /// page's `X-Lantern-Access` keeps the page's own decision, so nothing on the response says
    /// that a hidden partner exists. The caller's own partner is left out too: its staff have
    /// nothing to ask it through Lantern.
    func knownToMatches(of people: [UUID], resource: String) async throws -> [UUID: [StoredEncodedMatch]] {
        guard !people.isEmpty else { return [:] }
        let caller = try caller
        let others = try await EncodedMatchRepository(database: try sql()).matches(of: people)
            .mapValues { found in found.filter { $0.partner != caller.partner } }.filter { !$0.value.isEmpty }
        guard !others.isEmpty else { return [:] }
        let partnersOf = others.mapValues { Array(Set($0.map(\.partner))).sorted() }
        let pageDecision = accessDecisionCode
        let decisions = try await decideAccess(to: partnersOf.mapValues { $0.map(KnownToPartner.heldItem(heldBy:)) },
                                               resource: resource + " known-to")
        if let pageDecision { markAccessDecision(pageDecision) }
        return others.compactMapValues { found in
            guard let decision = decisions[found[0].personID], let partners = partnersOf[found[0].personID] else { return nil }
            let shown = Set(decision.visibleIndices.map { partners[$0] })
            let kept = found.filter { shown.contains($0.partner) }
            return kept.isEmpty ? nil : kept
        }
    }

    /// The partners known through encoded matches for each of `people`, as the person page,
    /// its API and the household show them: only those ``knownToMatches(of:resource:)`` keeps,
    /// each with the caller's own latest request to it.
    func knownToPartners(of people: [UUID], resource: String) async throws -> [UUID: [KnownToPartner]] {
        let matches = try await knownToMatches(of: people, resource: resource)
        guard !matches.isEmpty else { return [:] }
        let caller = try caller
        let sql = try sql()
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let own = try await PartnerDisclosureRepository(database: sql).made(by: caller.userID)
        let mayAsk = caller.roles.contains(Role.practitioner.rawValue)
        return matches.mapValues { found in
            let person = found[0].personID
            return KnownToPartner.list(matches: found, partnerNames: names, ownRequests: own.filter { $0.personID == person },
                                       mayAsk: mayAsk)
        }
    }
}
