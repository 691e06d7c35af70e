import Testing
@testable import Synthetic

@Suite struct GroundTruthTests {
    @Test func groundTruthCoversEveryPeopleRecordExactlyOnce() {
        let truth = Fixture.table("ground-truth.csv")
        #expect(truth.header == ["partner", "record_id", "person_id", "household_id"])
        var keys = Set<String>()
        for row in truth.rows { keys.insert((row["partner"] ?? "") + "|" + (row["record_id"] ?? "")) }
        #expect(keys.count == truth.rows.count, "no record appears twice")
        var people = 0
        for slug in PartnershipGenerator.partnerSlugs {
            for id in Fixture.table("\(slug)/people.csv").column("record_id") {
                #expect(keys.contains(slug + "|" + id), "\(slug) \(id) has no ground truth")
                people += 1
            }
        }
        #expect(people == truth.rows.count)
        #expect(Set(truth.column("person_id")).count == Fixture.people)
    }

    @Test func eachPersonBelongsToOneHousehold() {
        var household: [String: String] = [:]
        for row in Fixture.table("ground-truth.csv").rows {
            let person = row["person_id"] ?? "", home = row["household_id"] ?? ""
            if let known = household[person] { #expect(known == home) }
            household[person] = home
        }
        let sizes = Dictionary(grouping: household.values, by: { $0 }).values.map(\.count)
        #expect(sizes.allSatisfy { (1...7).contains($0) })
        #expect(sizes.contains { $0 >= 4 })
    }

    @Test func somePeopleAreRecordedTwiceByOnePartner() {
        let pairs = Fixture.table("ground-truth.csv").rows.map { ($0["partner"] ?? "") + "|" + ($0["person_id"] ?? "") }
        #expect(Set(pairs).count < pairs.count, "a partner sometimes opens a second record for someone")
    }

    /// The same person is recorded differently by different partners:
    /// nicknames and typos, swapped day and month, changed surnames, moves.
    @Test func samePersonVariesAcrossPartners() {
        var rows: [String: [[String: String]]] = [:]
        let people = Dictionary(uniqueKeysWithValues: PartnershipGenerator.partnerSlugs.map {
            ($0, Dictionary(uniqueKeysWithValues: Fixture.table("\($0)/people.csv").rows.map { ($0["record_id"] ?? "", $0) }))
        })
        for truth in Fixture.table("ground-truth.csv").rows {
            if let row = people[truth["partner"] ?? ""]?[truth["record_id"] ?? ""] {
                rows[truth["person_id"] ?? "", default: []].append(row)
            }
        }
        var givenDiffers = 0, familyDiffers = 0, swapped = 0, postcodeDiffers = 0
        for records in rows.values where records.count > 1 {
            let first = records[0]
            for other in records.dropFirst() {
                let a = (first["given_names"] ?? "").split(separator: " ").first
                let b = (other["given_names"] ?? "").split(separator: " ").first
                if a != b { givenDiffers += 1 }
                if first["family_name"]?.lowercased() != other["family_name"]?.lowercased() { familyDiffers += 1 }
                if let x = first["date_of_birth"].flatMap(SyntheticDateValue.init(parsing:)),
                   let y = other["date_of_birth"].flatMap(SyntheticDateValue.init(parsing:)),
                   x.year == y.year, x.month == y.day, x.day == y.month, x.day != x.month {
                    swapped += 1
                }
                if let p = first["postcode"], let q = other["postcode"],
                   p.uppercased().filter({ $0 != " " }) != q.uppercased().filter({ $0 != " " }) {
                    postcodeDiffers += 1
                }
            }
        }
        #expect(givenDiffers > 0)
        #expect(familyDiffers > 0)
        #expect(swapped > 0)
        #expect(postcodeDiffers > 0)
    }
}
