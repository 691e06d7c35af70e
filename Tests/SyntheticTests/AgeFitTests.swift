@testable import Synthetic
import Testing

/// Events and services fit the person's age on the day: no talking therapies
/// or school exclusions for infants, no school for adults, no probation for
/// children under 10. Checked on the planner's own output, with true dates of birth.
@Suite struct AgeFitTests {
    @Test func everyPlannedEventAndServiceFitsTheMembersAgeOnTheDay() {
        let reference = Fixture.reference.dayNumber
        let builder = HouseholdBuilder(seed: 7, reference: reference, windowStart: reference - 5 * 365,
                                       gazetteer: Gazetteer(seed: 7, households: 20_000), previousSlotBase: 20_000)
        let planner = CarePlanner(reference: reference)
        var events = 0, services = 0, placed = 0
        var categoriesSeen: Set<String> = []
        for index in 0..<4_000 {
            var random = SeededGenerator(seed: 7, stream: UInt64(index))
            let household = builder.build(index: index, firstPerson: placed, maxPeople: 20_000 - placed, &random)
            placed += household.members.count
            for record in planner.plan(household, &random) {
                let dob = household.members[record.member].dob
                for event in record.events {
                    let age = Member.age(born: dob, on: event.day)
                    #expect(AgeFit.event(event.kind).contains(age), "\(event.kind.category) (\(event.kind.role)) at age \(age)")
                    categoriesSeen.insert(event.kind.category)
                    events += 1
                }
                for involvement in record.involvements {
                    let rule = CareRules.involvements[involvement.rule]
                    let age = Member.age(born: dob, on: involvement.started)
                    #expect(AgeFit.involvement(workType: rule.workType, service: rule.services[involvement.service]).contains(age),
                            "\(rule.services[involvement.service]) from age \(age)")
                    services += 1
                }
            }
        }
        #expect(events > 10_000 && services > 1_000, "the check ran over a real sample")
        #expect(categoriesSeen.isSuperset(of: ["mental-health", "exclusion", "community-order", "cp-plan", "domestic-abuse"]),
                "the categories with age limits were drawn, so the check means something")
    }

    @Test(arguments: [("mental-health", "subject", 0, false), ("mental-health", "subject", 30, true),
                      ("exclusion", "subject", 30, false), ("exclusion", "subject", 12, true),
                      ("community-order", "subject", 9, false), ("theft", "suspect", 9, false), ("theft", "victim", 3, true),
                      ("domestic-abuse", "victim", 15, false), ("cp-plan", "subject", 0, true), ("cp-plan", "subject", 30, false)])
    func knownAges(_ category: String, _ role: String, _ age: Int, _ fits: Bool) {
        #expect(AgeFit.event(EventKind(category: category, role: role)).contains(age) == fits)
    }
}
