import Foundation
import Linkage
import SQLKit
import Storage

/// Groups the store's people into households from their address episodes and
/// declared relationships, keeping each household's id where its members stay.
enum HouseholdService {
    static func regroup(_ sql: any SQLDatabase, at now: Date) async throws -> Int {
        let repository = HouseholdRepository(database: sql)
        let facts = try await repository.addressFacts()
        var numberOf: [UUID: Int] = [:]
        var personOf: [UUID] = []
        func number(_ person: UUID) -> Int {
            if let existing = numberOf[person] { return existing }
            numberOf[person] = personOf.count
            personOf.append(person)
            return personOf.count - 1
        }
        let episodes = facts.compactMap { fact -> AddressEpisode? in
            guard fact.uprn != nil || fact.postcode != nil else { return nil }
            return AddressEpisode(personID: number(fact.personID), uprn: fact.uprn, addressLine: fact.addressLine,
                                  postcode: fact.postcode, from: fact.addressFrom)
        }
        var personOfRecord: [String: UUID] = [:]
        for fact in facts { personOfRecord["\(fact.partner)|\(fact.recordID)"] = fact.personID }
        let relationships = facts.compactMap { fact -> DeclaredRelationship? in
            guard let related = fact.relatedRecordID, let kind = fact.relationship.flatMap(DeclaredRelationship.Kind.init(rawValue:)),
                  let other = personOfRecord["\(fact.partner)|\(related)"], other != fact.personID else { return nil }
            return DeclaredRelationship(personID: number(fact.personID), relatedPersonID: number(other), kind: kind)
        }
        let grouping = HouseholdGrouper.group(episodes: episodes, relationships: relationships)
        let previous = try await repository.currentHouseholds()
        var claimed = Set<UUID>()
        var households: [GroupedHousehold] = []
        for household in grouping.households.sorted(by: { $0.members.count > $1.members.count }) {
            let members = household.members.map { personOf[$0] }
            var votes: [UUID: Int] = [:]
            for member in members { if let old = previous[member] { votes[old, default: 0] += 1 } }
            let kept = votes.sorted { ($0.value, $1.key.uuidString) > ($1.value, $0.key.uuidString) }
                .first { !claimed.contains($0.key) }?.key
            let id = kept ?? UUID()
            claimed.insert(id)
            households.append(GroupedHousehold(id: id, members: members, evidence: household.evidence.map(describe)))
        }
        try await repository.replaceAll(households, at: now)
        return households.count
    }

    /// Evidence in words for the person page; addresses only, no names.
    static func describe(_ evidence: HouseholdEvidence) -> String {
        switch evidence {
        case .sharedAddress(_, _, let address, let from, let to):
            let period = [from.map { "from \($0)" }, to.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
            return "Shared address \(address)" + (period.isEmpty ? "" : " (\(period))")
        case .declared(let relationship):
            return "Declared relationship: \(relationship.kind.rawValue)"
        }
    }
}
