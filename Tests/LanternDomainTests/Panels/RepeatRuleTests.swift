import LanternDomain
import PropertyBased
import Testing

/// Repeats within 12 months of the last referral, and the watch over open cases.
@Suite struct RepeatRuleTests {
    static let referred = CalendarDate(year: 2026, month: 1, day: 31)!

    @Test func theWindowRunsTwelveMonthsFromTheReferralDate() {
        let rule = RepeatRule()
        #expect(rule.lapses(after: Self.referred) == CalendarDate(year: 2027, month: 1, day: 31)!)
        #expect(rule.isRepeat(eventOn: Self.referred, lastReferral: Self.referred))
        #expect(rule.isRepeat(eventOn: CalendarDate(year: 2027, month: 1, day: 31)!, lastReferral: Self.referred))
        #expect(!rule.isRepeat(eventOn: CalendarDate(year: 2027, month: 2, day: 1)!, lastReferral: Self.referred))
        #expect(!rule.isRepeat(eventOn: Self.referred.adding(days: -1), lastReferral: Self.referred))
    }

    @Test func theMonthlyListShowsCasesLapsingThatMonth() {
        let rule = RepeatRule()
        let cases = [("a", Self.referred), ("b", CalendarDate(year: 2026, month: 1, day: 1)!), ("c", CalendarDate(year: 2026, month: 2, day: 1)!)]
        #expect(rule.lapsing(cases.map { (item: $0.0, lastReferral: $0.1) }, inMonthOf: CalendarDate(year: 2027, month: 1, day: 15)!) == ["a", "b"])
    }

    @Test func theWatchAgreesWithTheRuleForEveryEvent() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...9), Gen.int(in: -400...400)) { person, offset in
            let cases = (0..<5).map { RepeatWatch<Int, Int>.OpenCase(id: $0, victim: $0, perpetrators: [$0 + 5], lastReferral: Self.referred) }
            let watch = RepeatWatch(cases: cases, rule: RepeatRule())
            let day = Self.referred.adding(days: offset)
            let matches = watch.matches([(person: person, on: day)])
            let expected = RepeatRule().isRepeat(eventOn: day, lastReferral: Self.referred)
            #expect(matches.map(\.caseID) == (expected ? [person % 5] : []))
        }
    }
}
