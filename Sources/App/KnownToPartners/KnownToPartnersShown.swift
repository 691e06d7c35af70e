import Foundation
import Policy
import Storage
import Vapor

extension Request {
    /// The partners known through encoded matches for each of `people`, who must be people
    /// the access decision has already let the caller see: callers pass only those.
    func knownToPartners(of people: [UUID]) async throws -> [UUID: [KnownToPartner]] {
        guard !people.isEmpty else { return [:] }
        let sql = try sql()
        let matches = try await EncodedMatchRepository(database: sql).matches(of: people)
        guard !matches.isEmpty else { return [:] }
        let caller = try caller
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let own = try await PartnerDisclosureRepository(database: sql).made(by: caller.userID)
        let mayAsk = caller.roles.contains(Role.practitioner.rawValue)
        return matches.mapValues { found in
            let person = found[0].personID
            // A partner's own staff have nothing to ask it through Lantern.
            return KnownToPartner.list(matches: found.filter { $0.partner != caller.partner }, partnerNames: names,
                                       ownRequests: own.filter { $0.personID == person }, mayAsk: mayAsk)
        }
    }
}
