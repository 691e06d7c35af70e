/// Groups people into households: shared address episodes that overlap in time, plus
/// declared relationships, joined by union-find with the evidence kept.
///
/// Use it after people are resolved (person ids from `LinkageRun` or `LinkageIndex`).
/// Contract: pure; a person with no shared episode and no relationship is a household of
/// one; an address where more than `maximumHouseholdSize` people overlap is treated as
/// communal and joins nobody through the address (declared relationships still count).
public enum HouseholdGrouper {
    public static func group(
        episodes: [AddressEpisode], relationships: [DeclaredRelationship] = [], maximumHouseholdSize: Int = 12
    ) -> HouseholdGrouping {
        var people = Set<Int>()
        for e in episodes { people.insert(e.personID) }
        for r in relationships { people.insert(r.personID); people.insert(r.relatedPersonID) }
        let ordered = people.sorted()
        var slot: [Int: Int] = [:]
        for (i, p) in ordered.enumerated() { slot[p] = i }
        var parent = Array(0..<ordered.count)
        func find(_ x: Int) -> Int {
            var r = x
            while parent[r] != r { parent[r] = parent[parent[r]]; r = parent[r] }
            return r
        }
        func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
        var evidence: [(Int, HouseholdEvidence)] = []

        // Episodes by address key.
        var byAddress: [String: [(person: Int, from: Int32, to: Int32)]] = [:]
        for e in episodes {
            guard let key = addressKey(e) else { continue }
            byAddress[key, default: []].append((e.personID, packedDate(e.from) ?? Int32.min, packedDate(e.to) ?? Int32.max))
        }
        var communal: [String] = []
        for (key, list) in byAddress.sorted(by: { $0.key < $1.key }) {
            let sorted = list.sorted { ($0.from, $0.person) < ($1.from, $1.person) }
            var overlaps: [(Int, Int, Int32, Int32)] = []
            var active: [(person: Int, from: Int32, to: Int32)] = []
            var crowded = false
            for e in sorted {
                active.removeAll { $0.to < e.from }
                for a in active where a.person != e.person {
                    overlaps.append((a.person, e.person, max(a.from, e.from), min(a.to, e.to)))
                }
                active.append(e)
                if Set(active.map(\.person)).count > maximumHouseholdSize { crowded = true; break }
            }
            if crowded { communal.append(key); continue }
            for (a, b, from, to) in overlaps {
                guard let sa = slot[a], let sb = slot[b] else { continue }
                if find(sa) == find(sb), evidence.count > 50 * ordered.count { continue }
                union(sa, sb)
                evidence.append((sa, .sharedAddress(personA: min(a, b), personB: max(a, b), address: key,
                                                    overlapFrom: dateText(from), overlapTo: dateText(to))))
            }
        }
        for r in relationships where r.personID != r.relatedPersonID {
            guard let sa = slot[r.personID], let sb = slot[r.relatedPersonID] else { continue }
            union(sa, sb)
            evidence.append((sa, .declared(r)))
        }

        var householdOfRoot: [Int: Int] = [:]
        var households: [Household] = []
        for (i, person) in ordered.enumerated() {
            let root = find(i)
            if let h = householdOfRoot[root] { households[h].members.append(person); continue }
            householdOfRoot[root] = households.count
            households.append(Household(id: households.count, members: [person], evidence: []))
        }
        for (s, item) in evidence { households[householdOfRoot[find(s)]!].evidence.append(item) }
        return HouseholdGrouping(households: households, communalAddresses: communal)
    }

    /// "uprn:N", or "addr:" + house, flat, street words and full postcode; nil when unusable.
    static func addressKey(_ e: AddressEpisode) -> String? {
        var quality = FieldQuality()
        let uprn = StandardisedRecords.readUPRN(e.uprn, quality: &quality)
        if uprn != 0 { return "uprn:\(uprn)" }
        guard let raw = e.postcode, let postcode = Postcode(raw), postcode.isFullUnit else { return nil }
        let address = AddressStandardiser.standardise(e.addressLine)
        guard address.houseNumber != nil || !address.streetTokens.isEmpty else { return nil }
        let parts = [address.flat.map { "FLAT \($0)" }, address.houseNumber].compactMap { $0 } + address.streetTokens
        return "addr:" + parts.joined(separator: " ") + ", " + postcode.description
    }

    static func packedDate(_ raw: String?) -> Int32? {
        switch BirthDate.parse(raw) {
        case .valid(let d), .swapped(let d): return d.packed
        default: return nil
        }
    }

    static func dateText(_ packed: Int32) -> String? {
        guard packed != Int32.min, packed != Int32.max else { return nil }
        return BirthDate(year: Int(packed / 10_000), month: Int(packed / 100 % 100), day: Int(packed % 100))?.isoString
    }
}
