import LanternDomain
import PropertyBased
import Testing

/// Retention rules: the dates they give, the schedule validated whole, holds
/// and what is due.
@Suite struct RetentionRuleTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    struct Case: Sendable, CustomTestStringConvertible {
        var trigger: RetentionRule.Trigger
        var years: Int
        var months: Int
        var due: String?
        var testDescription: String { "\(trigger.rawValue) + \(years)y\(months)m" }
    }

    /// Received 2020-06-01, last action 2021-02-28, closed 2022-01-31, born 2008-02-29, alive.
    static let dates = RetentionDates(received: day("2020-06-01"), lastAction: day("2021-02-28"), closed: day("2022-01-31"),
                                      dateOfBirth: day("2008-02-29"))

    @Test(arguments: [
        Case(trigger: .received, years: 6, months: 0, due: "2026-06-01"),
        Case(trigger: .lastAction, years: 7, months: 0, due: "2028-02-28"),
        Case(trigger: .caseClosure, years: 6, months: 1, due: "2028-02-29"),
        Case(trigger: .dateOfBirth, years: 75, months: 0, due: "2083-02-28"),
        Case(trigger: .eighteenthBirthday, years: 3, months: 0, due: "2029-02-28"),
        Case(trigger: .dateOfDeath, years: 15, months: 0, due: nil),
    ])
    func dueDatesFollowTheTrigger(_ c: Case) {
        let rule = RetentionRule(recordClass: "people", trigger: c.trigger, years: c.years, months: c.months, action: .destroy, basis: "test")
        #expect(rule.dueOn(Self.dates)?.description == c.due)
    }

    @Test func anOpenCaseIsNeverDueByClosure() {
        let rule = RetentionRule(recordClass: "involvements", trigger: .caseClosure, years: 0, action: .destroy, basis: "test")
        #expect(rule.dueOn(RetentionDates(received: Self.day("2001-01-01"))) == nil)
    }

    @Test func theSeedsScheduleCoversEveryClassAndIsValid() {
        let standard = RetentionRuleSet.standard
        #expect(standard.problems().isEmpty)
        for code in RecordClass.all { #expect(standard.rule(for: code, partner: "any-partner") != nil, "\(code) has no default rule") }
        // The seeds' figures: MARAC 6 years, DV outreach 7 years after last action, IOM review 6 years after closure.
        #expect(standard.rule(for: "events:marac-referral", partner: "p")?.years == 6)
        let outreach = standard.rule(for: "events:domestic-abuse", partner: "p")
        #expect(outreach?.years == 7 && outreach?.trigger == .lastAction)
        let iom = standard.rule(for: "events:licence-breach", partner: "p")
        #expect(iom?.years == 6 && iom?.trigger == .caseClosure && iom?.action == .review)
    }

    @Test func aRuleWithNoTriggerOrANegativePeriodIsRefusedWithItsReason() {
        var set = RetentionRuleSet.standard
        set.rules[0].trigger = nil
        set.rules[1].years = -1
        let codes = set.problems().map(\.code)
        #expect(codes == ["no-trigger", "negative-period"])
        #expect(set.problems()[0].description.contains("Rule 1"))
    }

    @Test func aPartnersOwnRuleWinsOverTheDefaultAndDuplicatesAreRefused() {
        var set = RetentionRuleSet.standard
        set.rules.append(RetentionRule(recordClass: "people", partner: "police", trigger: .lastAction, years: 3, action: .destroy, basis: "force"))
        #expect(set.rule(for: "people", partner: "police")?.years == 3)
        #expect(set.rule(for: "people", partner: "council")?.years == 8)
        set.rules.append(set.rules.last!)
        #expect(set.problems().map(\.code) == ["duplicate"])
    }

    @Test func aValidSetStaysValidWhateverItsPeriods() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...150), Gen.int(in: 0...11)) { years, months in
            var set = RetentionRuleSet.standard
            set.rules[0].years = years
            set.rules[0].months = months
            #expect(set.problems().isEmpty)
            set.rules[0].years = -years - 1
            #expect(set.problems().map(\.code) == ["negative-period"])
        }
    }

    @Test func aHoldKeepsWhatItCoversWhileInForce() {
        let item = HoldableItem(partner: "police", recordClass: "events:asb", person: "p1", household: "h1", dated: Self.day("2019-05-05"))
        let start = Self.day("2026-01-01")
        let scopes: [(LegalHold.Scope, Bool)] = [
            (.person("p1"), true), (.person("p2"), false), (.household("h1"), true), (.partner("police"), true),
            (.partner("council"), false), (.recordClass("events:asb"), true), (.recordClass("people"), false),
            (.dateRange(from: Self.day("2019-01-01"), to: Self.day("2019-12-31")), true),
            (.dateRange(from: Self.day("2020-01-01"), to: Self.day("2020-12-31")), false),
        ]
        for (scope, covered) in scopes {
            let hold = LegalHold(reference: "INQ-1", issuer: .inquiry, reason: "inquiry into care", scope: scope, startsOn: start,
                                 endsOn: Self.day("2027-01-01"))
            #expect(hold.covers(item, on: Self.day("2026-06-01")) == covered, "\(scope.label)")
            #expect(!hold.covers(item, on: Self.day("2025-12-31")), "not before it starts")
            #expect(!hold.covers(item, on: Self.day("2027-01-02")), "not after it ends")
            var lifted = hold
            lifted.liftedOn = Self.day("2026-03-01")
            #expect(!lifted.covers(item, on: Self.day("2026-06-01")), "not once lifted")
        }
    }

    @Test func aPersonRecordIsDueOnlyWhenEverythingRecordedAgainstItIsDueAndNothingHeld() {
        let set = RetentionRuleSet(version: 1, rules: [
            RetentionRule(recordClass: "people", trigger: .lastAction, years: 1, action: .destroy, basis: "test"),
            RetentionRule(recordClass: "events:asb", trigger: .lastAction, years: 1, action: .destroy, basis: "test"),
            RetentionRule(recordClass: "events:looked-after", trigger: .dateOfBirth, years: 75, action: .destroy, basis: "test"),
        ])
        func event(_ id: String, _ category: String, _ last: String) -> RetentionCandidate {
            RetentionCandidate(table: "events", id: id, partner: "police", recordClass: "events:" + category,
                               dates: RetentionDates(received: Self.day("2020-01-01"), lastAction: Self.day(last), dateOfBirth: Self.day("2010-01-01")),
                               person: "p1", household: "h1")
        }
        let old = event("e1", "asb", "2020-01-01")
        let recent = event("e2", "asb", "2025-06-01")
        let care = event("e3", "looked-after", "2020-01-01")
        func person(_ dependents: [RetentionCandidate]) -> RetentionCandidate {
            RetentionCandidate(table: "source_records", id: "r1", partner: "police", recordClass: "people",
                               dates: RetentionDates(received: Self.day("2020-01-01"), lastAction: Self.day("2020-01-01")),
                               person: "p1", household: "h1", dependents: dependents)
        }
        let today = Self.day("2026-01-01")
        #expect(set.due([person([old])], on: today, holds: []).map(\.candidate.id) == ["r1"])
        #expect(set.due([person([old, recent])], on: today, holds: []).isEmpty, "a recent event keeps the person record")
        #expect(set.due([person([old, care])], on: today, holds: []).isEmpty, "a 75-year record keeps the person record")
        let hold = LegalHold(reference: "LIT-9", issuer: .litigation, reason: "claim against the council", scope: .household("h1"),
                             startsOn: Self.day("2025-01-01"))
        #expect(set.due([person([old]), old], on: today, holds: [hold]).map(\.heldBy) == [["LIT-9"], ["LIT-9"]])
    }

    @Test func aCertificateReadsTheSameEveryTimeAndNamesNoOne() {
        let certificate = DisposalCertificate(batch: "DB-2026-0001", partner: "police", recordClass: "people", reason: "retention", ruleVersion: 2,
                                              counts: ["source_records": 3, "events": 5, "people": 2], held: 1, approvedBy: "u-1",
                                              approverRole: "records", disposedAt: "2026-11-30 10:00 UTC", method: "deleted")
        #expect(certificate.canonicalText == certificate.canonicalText)
        #expect(certificate.canonicalText.contains("removed.events=5\nremoved.people=2\nremoved.source_records=3"))
        #expect(certificate.total == 10)
    }
}
