import LanternDomain
import PropertyBased
import Testing

/// The four referral routes and the required fields.
@Suite struct ReferralTests {
    static let area = PanelAreaConfiguration.standard(kind: .marac, slug: "harrowmere-marac", name: "Harrowmere MARAC",
                                                      attendingPartners: ["police"], agreementTitle: "ISP")
    static let day = CalendarDate(year: 2026, month: 11, day: 2)!

    static func referral(count: Int = 15, reason: String = "", events: Int = 0, last: CalendarDate? = nil,
                         told: Bool? = true, whyNot: String = "", wishes: String = "Wants to stay safe at home") -> MaracReferral {
        let score = DASHInstrument.safeLives24.score(DASHTests.answers(yes: count))
        return MaracReferral(victim: "v", perpetrators: ["p"], children: [], referrer: "Ida IDVA", partner: "harrowmere-da-service",
                             referredOn: day, dash: score, judgementReason: reason, recentEvents: events, lastReferral: last,
                             victimTold: told, whyNotTold: whyNot, victimWishes: wishes)
    }

    @Test func eachRouteIsFound() {
        #expect(Self.referral(count: 14).check(in: Self.area).routes == [.visibleHighRisk(count: 14)])
        #expect(Self.referral(count: 5, reason: "Threats to kill after separation").check(in: Self.area).routes
            == [.professionalJudgement(reason: "Threats to kill after separation")])
        #expect(Self.referral(count: 5, events: 3).check(in: Self.area).routes == [.escalation(events: 3, months: 12)])
        let last = Self.day.addingMonths(-11)
        #expect(Self.referral(count: 5, last: last).check(in: Self.area).routes == [.repeat(lastReferral: last)])
    }

    @Test func belowEveryThresholdMeetsNoRoute() {
        let check = Self.referral(count: 13, events: 2, last: Self.day.addingMonths(-13)).check(in: Self.area)
        #expect(check.routes.isEmpty)
        #expect(check.missing.map(\.field) == ["route"])
        #expect(!check.isComplete)
    }

    @Test func theEscalationCountIsConfigurable() {
        var area = Self.area
        area.escalationEvents = 5
        #expect(Self.referral(count: 5, events: 4).check(in: area).routes.isEmpty)
        #expect(Self.referral(count: 5, events: 5).check(in: area).routes == [.escalation(events: 5, months: 12)])
    }

    @Test func theVictimsWishesAndWhetherTheyWereToldAreRequired() {
        #expect(Self.referral(wishes: " ").check(in: Self.area).missing.map(\.field) == ["victimWishes"])
        #expect(Self.referral(told: nil).check(in: Self.area).missing.map(\.field) == ["victimTold"])
        #expect(Self.referral(told: false).check(in: Self.area).missing.map(\.field) == ["whyNotTold"])
        #expect(Self.referral(told: false, whyNot: "Perpetrator reads her phone").check(in: Self.area).isComplete)
        let all = Self.referral(told: nil, wishes: "").check(in: Self.area).missing.map(\.field)
        #expect(all == ["victimTold", "victimWishes"], "every missing field is listed at once")
    }

    @Test func aCompleteReferralAlwaysHasARoute() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...24), Gen.int(in: 0...6), Gen.bool) { count, events, judged in
            let check = Self.referral(count: count, reason: judged ? "Stalking" : "", events: events).check(in: Self.area)
            #expect(check.isComplete == !check.routes.isEmpty)
            #expect(check.routes.contains(.visibleHighRisk(count: count)) == (count >= 14))
        }
    }

    @Test func raisingTheLevelByJudgementNeedsTheReason() {
        let score = DASHInstrument.safeLives24.score(DASHTests.answers(yes: 6), judgement: .high)
        var referral = Self.referral(count: 6)
        referral.dash = score
        #expect(referral.check(in: Self.area).missing.map(\.field) == ["judgementReason"])
    }
}
