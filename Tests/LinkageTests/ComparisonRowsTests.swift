import Testing
@testable import Linkage

@Suite("Comparison rows")
struct ComparisonRowsTests {
    @Test func aRowIsTwoCacheLinesAndStartsOnOne() {
        #expect(MemoryLayout<ComparisonRow>.stride == 128)
        #expect(StandardisedRecords.streetSlots == 4, "a row holds four street words")
        let comparator = RecordComparator(StandardisedRecords(Fixtures.people))
        let rows = ComparisonRows.build(StandardisedRecords(Fixtures.people), partners: [:], capacity: 0)
        #expect(Int(bitPattern: rows.base) % ComparisonRows.alignment == 0)
        #expect(rows.count == Fixtures.people.count)
        #expect(comparator.records.count == Fixtures.people.count)
    }

    /// Every field the rows copy reaches the pattern: the fixtures' pairs differ on names,
    /// dates, sex, address, phone, email, NHS and CRO numbers and partner.
    @Test func appendingOneAtATimeGivesTheSamePatternsAsBuildingAtOnce() {
        var people = Fixtures.people
        people[4] = Fixtures.record("b2", "Peggy", "Hale", dob: "1961-03-02", sex: "F", address: "Flat 7, Orchard Court",
                                    postcode: "CM2 9XY", phone: "07700 900123", email: "M.Hale@example.org",
                                    uprn: "100012345678", source: "council")
        people[6] = Fixtures.record("c2", "Tomas", "Brzezinsky", dob: "2009-11-31", sex: "M", postcode: "NOT A CODE",
                                    cro: "012345/99a", source: "police")
        let whole = RecordComparator(StandardisedRecords(people))
        var growing = RecordComparator(StandardisedRecords(Array(people.prefix(2))), capacity: 3)
        var snapshots: [RecordComparator] = []
        for record in people.dropFirst(2) {
            snapshots.append(growing)
            growing.append(record)
        }
        for i in people.indices {
            for j in people.indices {
                #expect(growing.pattern(i, j) == whole.pattern(i, j), "records \(i) and \(j)")
                #expect(growing.nameLevels(i, j) == whole.nameLevels(i, j))
                #expect(growing.dateLevel(i, j) == whole.dateLevel(i, j))
            }
        }
        // A copy taken before an append keeps its own rows: workers may still be reading them.
        for (k, snapshot) in snapshots.enumerated() {
            let count = k + 2
            #expect(snapshot.records.count == count)
            for i in 0..<count { for j in 0..<count { #expect(snapshot.pattern(i, j) == whole.pattern(i, j)) } }
        }
    }

    /// Two copies of one comparator, each given a different record, keep their own rows.
    @Test func copiesThatAppendDoNotShareRows() {
        let first = Array(Fixtures.people.prefix(3))
        let namesake = Fixtures.record("a4", "Robert", "Whitfield", dob: "1984-05-17", sex: "M", postcode: "SS14 1DL")
        let shared = RecordComparator(StandardisedRecords(first), capacity: 10)
        var left = shared, right = shared
        left.append(Fixtures.people[3])
        right.append(namesake)
        let leftWhole = RecordComparator(StandardisedRecords(first + [Fixtures.people[3]]))
        let rightWhole = RecordComparator(StandardisedRecords(first + [namesake]))
        for i in 0..<4 {
            #expect(left.pattern(i, 3) == leftWhole.pattern(i, 3))
            #expect(right.pattern(i, 3) == rightWhole.pattern(i, 3))
        }
        #expect(left.pattern(0, 3) != right.pattern(0, 3), "Margaret Okonkwo-Hale is not Robert Whitfield; the namesake is")
        #expect(shared.records.count == 3)
    }

    @Test func partnersAreNumberedBySourceAndSameSourceMeansOnePartner() {
        let records = [
            Fixtures.record("a", "Ann", "Lee", source: "police"), Fixtures.record("b", "Ann", "Lee", source: "police"),
            Fixtures.record("c", "Ann", "Lee", source: "health"), Fixtures.record("d", "Ann", "Lee", source: ""),
        ]
        let standard = StandardisedRecords(records)
        let numbers = ComparisonRows.partnerNumbers(standard)
        #expect(Set(numbers.values) == [1, 2])
        let comparator = RecordComparator(standard)
        func partnerLevel(_ i: Int, _ j: Int) -> Int { ComparisonPattern(code: comparator.pattern(i, j)).level(of: .source) }
        #expect(partnerLevel(0, 1) == 1)
        #expect(partnerLevel(0, 2) == 2)
        #expect(partnerLevel(0, 3) == 0)
    }
}
