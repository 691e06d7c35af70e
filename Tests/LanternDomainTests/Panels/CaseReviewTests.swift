import LanternDomain
import PropertyBased
import Testing

/// The ASB case review: the threshold over matched reports, the working-day
/// clocks over bank holidays, and the published yearly counts.
@Suite struct CaseReviewTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static func complaint(_ ref: String, _ incident: String, reported: String? = nil, agency: String = "police", hate: Bool = false) -> ASBComplaint {
        ASBComplaint(agency: agency, reference: ref, incidentOn: day(incident), reportedOn: day(reported ?? incident), isHateIncident: hate)
    }

    @Test func threeSeparateIncidentsReportedInTimeMeetTheThreshold() {
        let check = CaseReviewThreshold(complaints: [
            Self.complaint("A", "2026-06-10"),
            Self.complaint("B", "2026-08-01", reported: "2026-08-20"),
            Self.complaint("C", "2026-10-02", agency: "housing"),
        ], rules: .standard, appliedOn: Self.day("2026-11-02"))
        #expect(check.met && check.separateIncidents == 3 && check.excluded.isEmpty)
        #expect(check.explanation == "3 separate incidents reported in time in the 6 months before 2026-11-02; the threshold is 3. The threshold is met.")
    }

    @Test func lateOldDuplicateAndFutureReportsDoNotCountAndEachSaysWhy() {
        let check = CaseReviewThreshold(complaints: [
            Self.complaint("old", "2026-05-02"),
            Self.complaint("late", "2026-07-01", reported: "2026-08-02"),
            Self.complaint("A", "2026-09-01", agency: "council"),
            Self.complaint("A-dup", "2026-09-01", agency: "police"),
            Self.complaint("B", "2026-10-15"),
            Self.complaint("future", "2026-11-05"),
        ], rules: .standard, appliedOn: Self.day("2026-11-02"))
        #expect(!check.met && check.separateIncidents == 2)
        #expect(Dictionary(uniqueKeysWithValues: check.excluded.map { ($0.complaint.reference, $0.reason) }) == [
            "old": "the incident is more than 6 months before the application",
            "late": "reported more than 1 month after the incident",
            "A-dup": "the same incident as another report (2026-09-01), counted once",
            "future": "the incident is after the application",
        ])
    }

    @Test func aLocalHateIncidentRuleMeetsTheThresholdOnItsOwn() {
        var rules = CaseReviewRules.standard
        rules.hateIncidents = 1
        let complaints = [Self.complaint("H", "2026-10-01", hate: true)]
        #expect(CaseReviewThreshold(complaints: complaints, rules: rules, appliedOn: Self.day("2026-11-02")).met)
        #expect(!CaseReviewThreshold(complaints: complaints, rules: .standard, appliedOn: Self.day("2026-11-02")).met)
    }

    @Test func theClocksCountWorkingDaysOverChristmas() {
        // Received Friday 18 December 2026: Christmas (Fri), Boxing Day's substitute (Mon 28) and New Year's Day are not working days.
        var clock = CaseReviewClock(rules: .standard, received: Self.day("2026-12-18"))
        #expect(clock.acknowledgeBy == Self.day("2027-01-06"))
        #expect(clock.decideBy == Self.day("2027-01-13"))
        #expect(clock.meetBy == nil)
        clock.acknowledgedOn = Self.day("2027-01-07")
        clock.decidedOn = Self.day("2027-01-13")
        clock.thresholdMet = true
        #expect(clock.meetBy == Self.day("2027-02-10"))
        let states = clock.deadlines(on: Self.day("2027-02-11")).map(\.state)
        #expect(states == [.metLate, .metOnTime, .overdue])
        clock.thresholdMet = false
        #expect(clock.deadlines(on: Self.day("2027-02-11")).last?.state == .notNeeded)
    }

    @Test func aSpringBankHolidayMovesTheAcknowledgement() {
        // Wednesday 20 May 2026: Monday 25 May is the spring bank holiday.
        #expect(CaseReviewClock(rules: .standard, received: Self.day("2026-05-20")).acknowledgeBy == Self.day("2026-06-04"))
    }

    @Test func theYearlyCountsAreThePublishedFour() {
        let (from, to) = CaseReviewCounts.financialYear(startingIn: 2026)
        let counts = CaseReviewCounts([
            .init(received: Self.day("2026-04-10"), thresholdMet: false, meetingOn: nil, madeRecommendations: false),
            .init(received: Self.day("2026-05-10"), thresholdMet: true, meetingOn: Self.day("2026-06-10"), madeRecommendations: true),
            .init(received: Self.day("2026-09-10"), thresholdMet: true, meetingOn: Self.day("2026-10-01"), madeRecommendations: false),
            .init(received: Self.day("2027-03-20"), thresholdMet: nil, meetingOn: nil, madeRecommendations: false),
            .init(received: Self.day("2026-03-01"), thresholdMet: true, meetingOn: Self.day("2026-04-02"), madeRecommendations: true),
        ], from: from, to: to)
        #expect([counts.applications, counts.thresholdNotMet, counts.reviewsCarriedOut, counts.reviewsWithRecommendations] == [4, 1, 3, 2])
    }

    @Test func everyDueDateIsAWorkingDayAndMoreComplaintsNeverUnmeetTheThreshold() async {
        await propertyCheck(count: 300, input: Gen.int(in: 19_000...22_000), Gen.int(in: 0...200).array(of: 0...6)) { start, offsets in
            let received = CalendarDate(dayNumber: start)
            let clock = CaseReviewClock(rules: .standard, received: received)
            for due in [clock.acknowledgeBy, clock.decideBy] {
                #expect(!due.weekday.isWeekend && !BankHolidays.englandAndWales.contains(due))
            }
            // Ten working days are two weeks from a weekday, 12 days from a Sunday.
            #expect(clock.acknowledgeBy.dayNumber - received.dayNumber >= 12 && clock.decideBy > clock.acknowledgeBy)
            let complaints = offsets.enumerated().map { index, offset in
                ASBComplaint(agency: "police", reference: "R\(index)", incidentOn: received.adding(days: -offset), reportedOn: received.adding(days: -offset + offset % 40))
            }
            let before = CaseReviewThreshold(complaints: complaints, rules: .standard, appliedOn: received)
            let more = complaints + [ASBComplaint(agency: "council", reference: "extra", incidentOn: received.adding(days: -1), reportedOn: received)]
            let after = CaseReviewThreshold(complaints: more, rules: .standard, appliedOn: received)
            #expect(after.separateIncidents >= before.separateIncidents && (after.met || !before.met))
            #expect(before.counted.count + before.excluded.count == complaints.count)
        }
    }
}
