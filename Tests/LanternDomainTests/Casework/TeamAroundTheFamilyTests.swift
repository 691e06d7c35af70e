import LanternDomain
import Testing

/// Known answers for the team around the family: who is working with whom on
/// a day, the lead professional, and services doing the same work at once.
@Suite struct TeamAroundTheFamilyTests {
    typealias F = CaseworkFixture

    static func involvement(_ id: String, _ person: String, _ service: String, _ work: WorkType,
                            from: String, to: String? = nil, lead: Bool = false, worker: String? = nil) -> Involvement {
        Involvement(involvementID: id, personID: person, service: service, partner: "Harrowmere Council",
                    workType: work, workerName: worker, isLeadProfessional: lead,
                    startedOn: F.date(from), endedOn: to.map(F.date))
    }

    static let involvements = [
        involvement("i1", "kid1", "Harrowmere Early Help", .familySupport, from: "2025-01-10", lead: true, worker: "Sam Patel"),
        involvement("i2", "kid2", "Harrowmere Early Help", .familySupport, from: "2025-01-10"),
        involvement("i3", "mum", "Action for Children", .familySupport, from: "2025-02-01"),
        involvement("i4", "mum", "Safe Steps IDVA", .idva, from: "2025-03-01", to: "2025-05-31"),
        involvement("i5", "kid1", "Youth Justice Service", .youthJustice, from: "2025-04-01"),
        involvement("i6", "stranger", "Other Family Support", .familySupport, from: "2025-01-01"),
        involvement("i7", "kid2", "Old Family Support", .familySupport, from: "2024-01-01", to: "2024-12-31"),
    ]

    @Test func theTeamInForceOnADayForEachMemberAndTheHousehold() {
        let team = TeamAroundTheFamily(householdID: "h1", members: ["mum", "kid1", "kid2"],
                                       involvements: Self.involvements, on: F.date("2025-05-31"))
        #expect(team.members.map(\.personID) == ["mum", "kid1", "kid2"])
        #expect(team.members.map { $0.involvements.map(\.involvementID) } == [["i3", "i4"], ["i1", "i5"], ["i2"]])
        #expect(team.services == ["Action for Children", "Harrowmere Early Help", "Safe Steps IDVA", "Youth Justice Service"])
        #expect(team.leadProfessionals.map(\.involvementID) == ["i1"])
        #expect(team.hasLeadProfessional)
        // The IDVA involvement ended on 31 May: in force that day, gone the next.
        let nextDay = TeamAroundTheFamily(householdID: "h1", members: ["mum", "kid1", "kid2"],
                                          involvements: Self.involvements, on: F.date("2025-06-01"))
        #expect(!nextDay.involvements.contains { $0.involvementID == "i4" })
    }

    @Test func twoServicesDoingTheSameWorkAtOnceAreAnOverlap() throws {
        let team = TeamAroundTheFamily(householdID: "h1", members: ["mum", "kid1", "kid2"],
                                       involvements: Self.involvements, on: F.today)
        let overlap = try #require(team.overlaps.first)
        #expect(team.overlaps.count == 1)
        #expect(overlap.workType == .familySupport)
        #expect(overlap.services == ["Action for Children", "Harrowmere Early Help"])
        #expect(overlap.since == F.date("2025-02-01"))
        #expect(team.explanation == [
            "Lead professional: Harrowmere Early Help (Sam Patel), since 2025-01-10",
            "Family support from 2 services at once since 2025-02-01: Action for Children (1 person, since 2025-02-01); "
                + "Harrowmere Early Help (2 people, since 2025-01-10)",
        ])
    }

    @Test func oneServiceWithTwoChildrenOrServicesAtDifferentTimesAreNotOverlaps() {
        let before = TeamAroundTheFamily(householdID: "h1", members: ["mum", "kid1", "kid2"],
                                         involvements: Self.involvements, on: F.date("2025-01-20"))
        #expect(before.overlaps.isEmpty)
        #expect(before.members[2].involvements.map(\.involvementID) == ["i2"])
    }

    @Test func noLeadOrTwoLeadsAreCalledOut() {
        let none = TeamAroundTheFamily(householdID: "h1", members: ["mum"], involvements: Self.involvements, on: F.today)
        #expect(!none.hasLeadProfessional)
        #expect(none.explanation == ["No lead professional: 1 service(s) working with the family without one"])
        let two = Self.involvements + [Self.involvement("i8", "mum", "Action for Children", .familySupport,
                                                        from: "2025-03-01", lead: true)]
        let both = TeamAroundTheFamily(householdID: "h1", members: ["mum", "kid1"], involvements: two, on: F.today)
        #expect(both.explanation.first
            == "2 lead professionals named (Harrowmere Early Help (Sam Patel), Action for Children): agree one")
        let empty = TeamAroundTheFamily(householdID: "h2", members: ["x"], involvements: Self.involvements, on: F.today)
        #expect(empty.explanation == ["No services working with the family on 2025-06-15"])
    }
}
