import Testing
@testable import Synthetic

/// Every generated row must pass `docs/import-format.md`.
@Suite struct ExtractValidityTests {
    static let slugs = PartnershipGenerator.partnerSlugs

    @Test(arguments: slugs)
    func peopleRowsAreValid(slug: String) {
        let text = Fixture.extracts.text(of: "\(slug)/people.csv")
        let table = Table(CSVReader.records(text))
        #expect(table.header.joined(separator: ",") == Rules.peopleColumns)
        #expect(!table.rows.isEmpty)
        #expect(table.widths.allSatisfy { $0 == 17 })
        let ids = Set(table.column("record_id"))
        #expect(ids.count == table.rows.count, "record ids are unique")
        for row in table.rows {
            let id = row["record_id"] ?? ""
            #expect(Rules.isRecordID(id))
            for name in ["given_names", "family_name"] {
                let value = row[name] ?? ""
                #expect((1...100).contains(value.count), "\(id) \(name) \"\(value)\"")
            }
            if let sex = row["sex"] { #expect(Rules.sexes.contains(sex)) }
            if let postcode = row["postcode"] { #expect(Rules.isPostcode(postcode), "\(postcode)") }
            if let uprn = row["uprn"] { #expect((1...12).contains(uprn.count) && uprn.allSatisfy(\.isNumber)) }
            if let phone = row["phone"] { #expect(Rules.isPhone(phone), "\(phone)") }
            if let email = row["email"] { #expect(Rules.isEmail(email), "\(email)") }
            if let cro = row["cro_number"] { #expect(Rules.isCRONumber(cro), "\(cro)") }
            if let address = row["address_line"] { #expect(address.count <= 200) }
            if let ethnicity = row["ethnicity"] { #expect(Rules.isEthnicGroupCode(ethnicity), "\(id) ethnicity \(ethnicity)") }
            if let related = row["related_record_id"] {
                #expect(ids.contains(related) && related != id, "\(id) related to \(related)")
                #expect(Rules.relationships.contains(row["relationship"] ?? ""))
            } else {
                #expect(row["relationship"] == nil)
            }
        }
    }

    @Test func everyNHSNumberPassesModulus11() {
        var count = 0
        for slug in Self.slugs {
            let table = Table(CSVReader.records(Fixture.extracts.text(of: "\(slug)/people.csv")))
            for number in table.column("nhs_number") {
                #expect(Rules.isNHSNumber(number), "\(slug): \(number)")
                count += 1
            }
        }
        #expect(count > Fixture.people / 4)
    }

    @Test(arguments: slugs)
    func eventRowsAreValid(slug: String) {
        let people = Set(Fixture.table("\(slug)/people.csv").column("record_id"))
        let table = Fixture.table("\(slug)/events.csv")
        #expect(table.header.joined(separator: ",") == Rules.eventColumns)
        #expect(table.widths.allSatisfy { $0 == 11 })
        #expect(Set(table.column("record_id")).count == table.rows.count)
        for row in table.rows {
            #expect(Rules.isRecordID(row["record_id"] ?? ""))
            #expect(people.contains(row["person_record_id"] ?? ""), "event about an unknown person")
            #expect(Rules.dataCategoryOfEvent[row["category"] ?? ""] != nil, "\(row["category"] ?? "")")
            #expect(Rules.roles.contains(row["role"] ?? ""))
            #expect(row["occurred_on"] != nil)
            if let summary = row["summary"] { #expect(summary.count <= 1_000) }
            if let postcode = row["location_postcode"] { #expect(Rules.isPostcode(postcode)) }
            switch row["nature"] {
            case nil, "fact": #expect(row["opinion_basis"] == nil)
            case "opinion": #expect(row["opinion_basis"] != nil)
            default: Testing.Issue.record("nature \(row["nature"] ?? "")")
            }
        }
    }

    @Test(arguments: slugs)
    func involvementRowsAreValid(slug: String) {
        let people = Set(Fixture.table("\(slug)/people.csv").column("record_id"))
        let table = Fixture.table("\(slug)/involvements.csv")
        #expect(table.header.joined(separator: ",") == Rules.involvementColumns)
        #expect(table.widths.allSatisfy { $0 == 10 })
        for row in table.rows {
            #expect(Rules.isRecordID(row["record_id"] ?? ""))
            #expect(people.contains(row["person_record_id"] ?? ""))
            #expect(!(row["service"] ?? "").isEmpty)
            #expect(Rules.workTypes.contains(row["work_type"] ?? ""))
            if let lead = row["lead_professional"] { #expect(lead == "yes" || lead == "no") }
        }
    }

    /// Every date is a real day, none after the reference date, and no action,
    /// closure or end before the start it follows.
    @Test(arguments: slugs)
    func everyDateIsRealAndNotAfterTheReferenceDate(slug: String) throws {
        let reference = try #require(SyntheticDateValue(parsing: Fixture.reference.iso))
        func check(_ text: String?) -> SyntheticDateValue? {
            guard let text else { return nil }
            let date = SyntheticDateValue(parsing: text)
            #expect(date != nil, "\(slug): \"\(text)\" is not a real date")
            if let date { #expect(date <= reference, "\(slug): \(text) is after the reference date") }
            return date
        }
        for row in Fixture.table("\(slug)/people.csv").rows {
            _ = check(row["date_of_birth"])
            _ = check(row["address_from"])
        }
        for row in Fixture.table("\(slug)/events.csv").rows {
            let occurred = try #require(check(row["occurred_on"]))
            if let action = check(row["last_action_on"]) { #expect(occurred <= action) }
            if let closed = check(row["closed_on"]) { #expect(occurred <= closed) }
        }
        for row in Fixture.table("\(slug)/involvements.csv").rows {
            let started = try #require(check(row["started_on"]))
            if let ended = check(row["ended_on"]) { #expect(started <= ended) }
        }
    }

    @Test func volumesLookLikeAPartnership() {
        let summary = Fixture.summary
        // About 1.6 source records per person, with a heavy tail.
        #expect((1.45...1.8).contains(summary.recordsPerPerson), "\(summary.recordsPerPerson)")
        let perPerson = Dictionary(grouping: Fixture.table("ground-truth.csv").column("person_id"), by: { $0 })
        #expect(perPerson.values.contains { $0.count >= 5 }, "someone is known to five or more partners")
        #expect((1.5...5).contains(Double(summary.totalEventRows) / Double(summary.people)))
        #expect(summary.totalInvolvementRows > summary.people / 20)
        #expect(summary.peopleRows.allSatisfy { $0 > 0 })
    }

    @Test func quotedFieldsRoundTrip() {
        let homes = Fixture.extracts.text(of: "harrowmere-homes/people.csv")
        #expect(homes.contains("\"Flat "), "flats carry a comma, so their address is quoted")
        let table = Fixture.table("harrowmere-homes/people.csv")
        #expect(table.column("address_line").contains { $0.hasPrefix("Flat ") && $0.contains(",") })
    }
}
