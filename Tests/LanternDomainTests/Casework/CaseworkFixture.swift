import LanternDomain

/// Small builders for casework tests: a fixed reference day, events and
/// members by age, and seeded random households for property tests.
enum CaseworkFixture {
    /// The reference day every casework test assesses on.
    static let today = CalendarDate(year: 2025, month: 6, day: 15)!

    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static func daysAgo(_ days: Int) -> CalendarDate { today.adding(days: -days) }

    /// Born on 1 January, so the person is exactly `age` all through the year of `day`.
    static func born(aged age: Int, on day: CalendarDate = today) -> CalendarDate {
        CalendarDate(year: day.year - age, month: 1, day: 1)!
    }

    static func event(_ id: String, _ category: EventCategory, _ role: PersonRole = .subject, person: String = "p1",
                      on day: CalendarDate, by partner: String = "Harrowmere Police") -> HouseholdEvent {
        HouseholdEvent(eventID: id, personID: person, category: category, role: role, occurredOn: day, partner: partner)
    }

    static func household(_ id: String = "h1", district: String? = "SS14", lead: Bool = false,
                          members: [HouseholdFacts.Member] = [.init(personID: "p1")],
                          events: [HouseholdEvent]) -> HouseholdFacts {
        HouseholdFacts(householdID: id, postcodeDistrict: district, hasLeadProfessional: lead,
                       members: members, events: events)
    }

    static let caseFinding = try! CaseFinding(.standard)

    static let partners = ["Harrowmere Police", "Harrowmere Council", "Harrowmere Children's Services",
                           "North Essex NHS", "Harrowmere Homes", "St Mary's School"]
    static let districts = ["SS14", "SS15", "CM1"]

    /// A household made from `seed`: 1-5 members of mixed ages, 0-12 events
    /// over the last two years of every category and role.
    static func randomHousehold(_ id: String, seed: UInt64) -> HouseholdFacts {
        var random = SplitMix(seed: seed)
        let memberCount = 1 + random.next(below: 5)
        let members = (0..<memberCount).map { index in
            HouseholdFacts.Member(personID: "\(id)-p\(index)",
                                  dateOfBirth: random.next(below: 8) == 0 ? nil : born(aged: random.next(below: 60)))
        }
        let events = (0..<random.next(below: 13)).map { index in
            randomEvent("\(id)-e\(index)", members: members, random: &random)
        }
        return HouseholdFacts(householdID: id, postcodeDistrict: districts[random.next(below: districts.count)],
                              hasLeadProfessional: random.next(below: 5) == 0, members: members, events: events)
    }

    static func randomEvent(_ id: String, members: [HouseholdFacts.Member], random: inout SplitMix) -> HouseholdEvent {
        HouseholdEvent(eventID: id, personID: members[random.next(below: members.count)].personID,
                       category: EventCategory.allCases[random.next(below: EventCategory.allCases.count)],
                       role: PersonRole.allCases[random.next(below: PersonRole.allCases.count)],
                       occurredOn: daysAgo(random.next(below: 800) - 10),
                       partner: partners[random.next(below: partners.count)])
    }
}

/// SplitMix64: a tiny seeded generator, so property tests can build whole
/// households from one generated number and report it when they fail.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
