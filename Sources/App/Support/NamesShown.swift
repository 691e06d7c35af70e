import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

extension Request {
    /// The people among `people` whose names the caller may be shown: at
    /// least one partner's record of them passes the access decision, which
    /// is audited like every other.
    ///
    /// Every list that names people beside the one a page is about (household
    /// members, review pairs) asks this instead of showing stored names.
    func peopleNamed(_ people: [UUID], resource: String, purpose: AccessPurpose? = nil) async throws -> Set<UUID> {
        guard !people.isEmpty else { return [] }
        // Who holds records of them, read with the decision's own facts.
        let facts = try await accessFacts(about: people, holders: true)
        let items = Dictionary(people.map { person in
            (person, (facts.holders[person] ?? []).map { HeldItem(heldBy: $0, category: .identity) })
        }, uniquingKeysWith: { first, _ in first })
        let decisions = try await decideAccess(to: items, resource: resource, purpose: purpose, facts: facts)
        return Set(decisions.filter { !$0.value.visibleIndices.isEmpty }.keys)
    }
}

extension HouseholdView {
    /// The household as someone who may see only `named` by name: the others
    /// are "Name withheld" with no date of birth (their page is where access
    /// is asked for), and the grouping evidence, which quotes addresses and
    /// relationships from every member's records, only when all are named.
    func naming(only named: Set<UUID>) -> HouseholdView {
        var shown = self
        shown.members = members.map { member in
            named.contains(member.personID) ? member : Member(personID: member.personID, name: "Name withheld", dateOfBirth: nil)
        }
        if !members.allSatisfy({ named.contains($0.personID) }) {
            shown.evidence = [HouseholdView.evidenceWithheld]
        }
        return shown
    }

    static let evidenceWithheld = "The evidence for this grouping concerns people you may not see, so it is withheld."
}

extension Request {
    /// Review pairs with each side shown only where the access decision lets
    /// the caller see that partner's record of the person; a refused side
    /// keeps its partner and nothing that identifies anyone.
    func decidingNames(of pairs: [ReviewPair], resource: String) async throws -> [ReviewPair] {
        var items: [UUID: [HeldItem]] = [:]
        var slots: [(person: UUID, index: Int)] = []
        for pair in pairs {
            for side in [pair.first, pair.second] {
                let person = side.personID ?? side.recordID
                slots.append((person, items[person, default: []].count))
                items[person, default: []].append(HeldItem(heldBy: side.partner, category: .identity))
            }
        }
        guard !items.isEmpty else { return pairs }
        let decisions = try await decideAccess(to: items, resource: resource)
        func shown(_ slot: Int) -> Bool {
            let (person, index) = slots[slot]
            return decisions[person]?.decisions[index].isPermitted ?? false
        }
        func withheld(_ side: ReviewPair.Side) -> ReviewPair.Side {
            var side = side
            side.name = "Name withheld"
            side.dateOfBirth = nil
            side.sex = nil
            side.address = nil
            side.nhsNumber = nil
            return side
        }
        return pairs.enumerated().map { offset, pair in
            var pair = pair
            if !shown(offset * 2) { pair.first = withheld(pair.first) }
            if !shown(offset * 2 + 1) { pair.second = withheld(pair.second) }
            if !shown(offset * 2) || !shown(offset * 2 + 1) {
                // The explanation compares the two records' values.
                pair.explanation = ["The comparison is withheld: it quotes a record you may not see."]
            }
            return pair
        }
    }
}
