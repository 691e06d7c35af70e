import LanternDomain
import PropertyBased
import Testing

/// The MATAC score: known answers for a worked example, and the properties
/// that make it fair to rank by (more, more recent or graver evidence, or
/// more victims, never lowers it).
@Suite struct MatacScoreTests {
    static let today = CalendarDate(year: 2026, month: 10, day: 31)!

    static func event(_ id: String, _ category: EventCategory, _ role: PersonRole, daysAgo: Int,
                      victims: Set<String> = []) -> MatacEvent {
        MatacEvent(eventID: id, partner: "police", category: category.rawValue, role: role.rawValue,
                   occurredOn: today.adding(days: -daysAgo), victims: victims)
    }

    /// Three counted events in the window, two victims in it, a third victim
    /// 800 days ago (outside the 730-day look-back, inside the 3-year serial window).
    static let worked: [MatacEvent] = [
        event("e1", .domesticAbuse, .perpetrator, daysAgo: 10, victims: ["v1"]),
        event("e2", .violence, .suspect, daysAgo: 100),
        event("e3", .domesticAbuse, .perpetrator, daysAgo: 400, victims: ["v2"]),
        event("e4", .domesticAbuse, .victim, daysAgo: 5),
        event("e5", .theft, .perpetrator, daysAgo: 5),
        event("e6", .domesticAbuse, .perpetrator, daysAgo: 800, victims: ["v3"]),
        event("e7", .sexualOffence, .perpetrator, daysAgo: -3, victims: ["v4"]),
    ]

    @Test func theWorkedExampleScoresSixtySixAndIsSerial() {
        let score = MatacScore(events: Self.worked, weights: .standard, on: Self.today)
        #expect(score.recency == 30)
        #expect(score.frequency == 10)
        #expect(score.gravity == 2 * 3 + 5)
        #expect(score.victims == 15)
        #expect(score.total == 66)
        #expect(score.countedEvents == 3)
        #expect(score.distinctVictims == 2)
        #expect(score.serialVictims == 3 && score.isSerial)
        #expect(score.explanation == [
            "Recency 30: the latest counted event was 10 days ago (2026-10-21), within 28 days.",
            "Frequency 10: 3 counted events in the last 730 days (3 or more).",
            "Gravity 11: 2 domestic abuse at 3, 1 violence at 5.",
            "Victims 15: 2 different victims linked (2 or more).",
            "Serial perpetrator: 3 different victims within 1095 days (the rule is 2 or more).",
        ])
    }

    @Test(arguments: [(0, 30), (28, 30), (29, 20), (91, 20), (92, 10), (182, 10), (183, 5), (365, 5), (366, 0)])
    func recencyBands(daysAgo: Int, points: Int) {
        let score = MatacScore(events: [Self.event("e", .domesticAbuse, .perpetrator, daysAgo: daysAgo)], weights: .standard, on: Self.today)
        #expect(score.recency == points)
    }

    @Test(arguments: [(0, 0), (1, 5), (2, 5), (3, 10), (4, 10), (5, 20), (9, 20), (10, 30), (25, 30)])
    func frequencyBands(count: Int, points: Int) {
        let events = (0..<count).map { Self.event("e\($0)", .criminalDamage, .perpetrator, daysAgo: 400 + $0) }
        #expect(MatacScore(events: events, weights: .standard, on: Self.today).frequency == points)
    }

    @Test func oneVictimIsNotSerialAndNothingCountedScoresZero() {
        let one = MatacScore(events: [Self.event("a", .domesticAbuse, .perpetrator, daysAgo: 30, victims: ["v1"]),
                                      Self.event("b", .domesticAbuse, .perpetrator, daysAgo: 60, victims: ["v1"])],
                             weights: .standard, on: Self.today)
        #expect(!one.isSerial && one.victims == 0 && one.explanation.last == "Victims 0: 1 different victim linked.")
        let none = MatacScore(events: [Self.event("c", .theft, .perpetrator, daysAgo: 3)], weights: .standard, on: Self.today)
        #expect(none.total == 0 && none.explanation.first == "Recency 0: no counted event in the last 730 days.")
    }

    @Test func victimsAreLinkedOnlyWithinThePairingDaysAndNeverAsThePersonThemself() {
        let events = [Self.event("e1", .domesticAbuse, .perpetrator, daysAgo: 10)]
        let linked = MatacVictimLinking.link(events, person: "p", victimEvents: [
            .init(victim: "v1", occurredOn: Self.today.adding(days: -13)),
            .init(victim: "v2", occurredOn: Self.today.adding(days: -14)),
            .init(victim: "p", occurredOn: Self.today.adding(days: -10)),
        ], pairingDays: 3)
        #expect(linked[0].victims == ["v1"])
    }

    @Test func theListRanksByTotalThenRecencyAndLeavesOffPeopleWithNothingCounted() {
        let list = MatacList.propose([
            "low": [Self.event("a", .domesticAbuse, .perpetrator, daysAgo: 300)],
            "high": Self.worked,
            "none": [Self.event("b", .theft, .perpetrator, daysAgo: 1)],
            "tieOlder": [Self.event("c", .domesticAbuse, .perpetrator, daysAgo: 200)],
            "tieNewer": [Self.event("d", .domesticAbuse, .perpetrator, daysAgo: 190)],
        ], weights: .standard, on: Self.today, limit: 10)
        #expect(list.map(\.person) == ["high", "tieNewer", "tieOlder", "low"])
        #expect(MatacList.propose(["high": Self.worked, "low": [Self.event("a", .domesticAbuse, .perpetrator, daysAgo: 300)]],
                                  weights: .standard, on: Self.today, limit: 1).map(\.person) == ["high"])
    }

    @Test func theSeriesFollowsTheScoreDownAsEventsAge() {
        let series = MatacScore.series(events: [Self.event("a", .domesticAbuse, .perpetrator, daysAgo: 400)], weights: .standard,
                                       from: Self.today.adding(days: -400), to: Self.today, stepDays: 100)
        #expect(series.map(\.total) == [38, 18, 13, 13, 8])
        #expect(MatacScore.series(events: [], weights: .standard, from: Self.today, to: Self.today.adding(days: -1), stepDays: 7).isEmpty)
    }

    @Test func aDecisionNeedsAReasonAndASelectionAnIntervention() throws {
        #expect(throws: MatacDecision.Problem.self) {
            try MatacDecision(outcome: .notSelected, reason: "  ", interventions: [], decidedOn: Self.today, weightsVersion: 1, scoreSeen: 40)
        }
        #expect(throws: MatacDecision.Problem.self) {
            try MatacDecision(outcome: .selected, reason: "Escalating", interventions: [], decidedOn: Self.today, weightsVersion: 1, scoreSeen: 40)
        }
        let decision = try MatacDecision(outcome: .selected, reason: " Escalating ", interventions: [.disruption],
                                         decidedOn: Self.today, weightsVersion: 1, scoreSeen: 40)
        #expect(decision.reason == "Escalating")
    }

    @Test func theStandardWeightsAreValidAndBrokenOnesNameEveryField() {
        #expect(MatacWeights.standard.problems().isEmpty)
        var broken = MatacWeights.standard
        broken.gravity.append(.init(category: .violence, points: -1))
        broken.gravity[0].category = "violnce"
        broken.serial.distinctVictims = 1
        broken.roles = ["perp"]
        let codes = broken.problems().map(\.code)
        #expect(Set(codes) == [.unknownCategory, .duplicateCategory, .negativePoints, .serialRuleTooWeak, .unknownRole])
        #expect(broken.problems().map(\.description).contains("gravity[0].category \"violnce\": not an event category Lantern knows"))
        #expect(broken.changes(since: .standard).contains("Serial rule: 2 victims in 1095 days to 1 victims in 1095 days"))
        #expect(MatacWeights.standard.changes(since: .standard).isEmpty)
    }

    // MARK: properties

    /// Events from integers: age in days (up to 3 years and a bit), category, role, victim.
    static let categories: [EventCategory] = [.domesticAbuse, .violence, .sexualOffence, .weaponOffence, .dvpo, .criminalDamage, .theft, .asb]
    static let roles: [PersonRole] = [.perpetrator, .suspect, .victim, .witness]

    static func events(_ codes: [Int]) -> [MatacEvent] {
        codes.enumerated().map { index, code in
            event("e\(index)", categories[(code / 1_200) % categories.count], roles[(code / 9_600) % roles.count],
                  daysAgo: code % 1_200, victims: code % 3 == 0 ? ["v\(code % 5)"] : [])
        }
    }

    static let codes = Gen.int(in: 0...999_999).array(of: 0...12)

    @Test func anotherEventNeverLowersTheScore() async {
        await propertyCheck(count: 300, input: Self.codes, Gen.int(in: 0...999_999)) { codes, extra in
            let before = MatacScore(events: Self.events(codes), weights: .standard, on: Self.today)
            var more = Self.events(codes)
            more.append(Self.events([extra])[0].with(id: "extra"))
            let after = MatacScore(events: more, weights: .standard, on: Self.today)
            #expect(after.total >= before.total)
            #expect(after.isSerial || !before.isSerial)
        }
    }

    @Test func aMoreRecentEventOrAnotherVictimNeverLowersTheScore() async {
        await propertyCheck(count: 300, input: Self.codes, Gen.int(in: 0...11), Gen.int(in: 1...400)) { codes, pick, closer in
            let events = Self.events(codes)
            guard !events.isEmpty else { return }
            let index = pick % events.count
            let before = MatacScore(events: events, weights: .standard, on: Self.today)
            var recent = events
            recent[index].occurredOn = CalendarDate(dayNumber: min(Self.today.dayNumber, recent[index].occurredOn.dayNumber + closer))
            #expect(MatacScore(events: recent, weights: .standard, on: Self.today).total >= before.total)
            var victim = events
            victim[index].victims.insert("new-victim")
            #expect(MatacScore(events: victim, weights: .standard, on: Self.today).total >= before.total)
        }
    }

    @Test func graverWeightsNeverLowerTheScoreAndTheTotalIsTheSumOfItsParts() async {
        await propertyCheck(count: 300, input: Self.codes, Gen.int(in: 0...5), Gen.int(in: 1...20)) { codes, which, extra in
            let events = Self.events(codes)
            let before = MatacScore(events: events, weights: .standard, on: Self.today)
            #expect(before.total == before.recency + before.frequency + before.gravity + before.victims)
            #expect(before.total >= 0 && before.explanation.count >= 4)
            var graver = MatacWeights.standard
            graver.gravity[which].points += extra
            #expect(MatacScore(events: events, weights: graver, on: Self.today).total >= before.total)
        }
    }
}

extension MatacEvent {
    func with(id: String) -> MatacEvent {
        var copy = self
        copy.eventID = id
        return copy
    }
}
