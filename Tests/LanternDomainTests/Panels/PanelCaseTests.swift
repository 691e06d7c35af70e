import LanternDomain
import PropertyBased
import Testing

/// A case's life, actions, minutes and who may attend.
@Suite struct PanelCaseTests {
    static let area = PanelAreaConfiguration.standard(kind: .marac, slug: "harrowmere-marac", name: "Harrowmere MARAC",
                                                      attendingPartners: ["police", "health"],
                                                      signatories: ["police", "health", "homes"], agreementTitle: "Harrowmere ISP")

    @Test func theUsualPathFromReferralToClosure() {
        var state = PanelCaseState.referred
        for step in [PanelCaseStep.accept, .list, .researchComplete, .hear, .openActions, .review, .close(reason: "Risk reduced")] {
            guard case .moves(let next) = PanelCaseTransition.apply(step, to: state) else {
                Issue.record("\(step.name) refused from \(state)")
                return
            }
            state = next
        }
        #expect(state == .closed)
    }

    @Test func aReturnNeedsItsReason() {
        #expect(PanelCaseTransition.apply(.giveBack(reason: " "), to: .referred)
            == .refused(.init(code: .reasonRequired, message: "Say why the referral is returned.")))
        #expect(PanelCaseTransition.apply(.giveBack(reason: "No DASH attached"), to: .referred) == .moves(to: .returned))
    }

    @Test func emergencyListingSkipsAcceptance() {
        #expect(PanelCaseTransition.apply(.emergencyList, to: .referred) == .moves(to: .listed))
    }

    @Test func nothingMovesAClosedCaseExceptReopening() async {
        let steps: [PanelCaseStep] = [.accept, .giveBack(reason: "x"), .resubmit, .list, .emergencyList, .researchComplete, .hear,
                                      .openActions, .review, .close(reason: "x"), .transferOut(toArea: "elsewhere"), .reopen]
        await propertyCheck(count: 100, input: Gen.int(in: 0...(steps.count - 1))) { index in
            let outcome = PanelCaseTransition.apply(steps[index], to: .closed)
            if steps[index] == .reopen {
                #expect(outcome == .moves(to: .accepted))
            } else if case .moves = outcome {
                Issue.record("a closed case moved by \(steps[index].name)")
            }
        }
    }

    @Test func anOpenCaseCanBeTransferred() {
        #expect(PanelCaseTransition.apply(.transferOut(toArea: "Eastmoor MARAC"), to: .actionsOpen) == .moves(to: .transferredOut))
        #expect(PanelCaseTransition.apply(.transferOut(toArea: "Eastmoor MARAC"), to: .closed)
            != .moves(to: .transferredOut))
    }

    @Test func anActionNeedsItsOwnerAndDueDate() {
        let action = PanelAction(text: "Fit a door alarm", protects: .victim, owningPartner: "harrowmere-homes", owner: " ", due: nil)
        #expect(action.problems.map(\.field) == ["owner", "due"])
        let due = CalendarDate(year: 2026, month: 11, day: 10)!
        var ready = action
        ready.owner = "Hal Housing"
        ready.due = due
        #expect(ready.problems.isEmpty)
        #expect(!ready.isOverdue(on: due))
        #expect(ready.isOverdue(on: due.adding(days: 1)))
        ready.status = .notDoneByAgency
        #expect(ready.problems.map(\.field) == ["outcome"])
        ready.outcome = "Contractor did not attend"
        #expect(!ready.isOverdue(on: due.adding(days: 9)), "only open actions are overdue")
    }

    @Test func publishedMinutesAreNeverEditedInPlace() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...5), Gen.bool) { version, published in
            let minutes = MeetingMinutes(version: version, text: "first", publishedOn: published ? CalendarDate(year: 2026, month: 11, day: 3) : nil)
            let edited = minutes.editing(to: "second")
            #expect(edited.text == "second")
            #expect(edited.version == (published ? version + 1 : version))
            #expect(!edited.isPublished)
            #expect(minutes.text == "first")
        }
    }

    @Test func minutesAreDueThreeWorkingDaysLater() {
        // Friday 18 December 2026: the weekend is skipped (Monday, Tuesday, Wednesday).
        #expect(MeetingMinutes.due(after: CalendarDate(year: 2026, month: 12, day: 18)!, workingDays: 3) == CalendarDate(year: 2026, month: 12, day: 23)!)
        #expect(MeetingMinutes.due(after: CalendarDate(year: 2026, month: 11, day: 5)!, workingDays: 3) == CalendarDate(year: 2026, month: 11, day: 10)!)
    }

    @Test func onlyPartiesToTheAgreementMayAttend() {
        let parties: Set<String> = ["police", "health", "homes", "fire"]
        #expect(AttendeeEligibility.refusal(partner: "homes", partnerName: "Homes", area: Self.area, agreementParties: parties) == nil)
        let refusal = AttendeeEligibility.refusal(partner: "fire", partnerName: "Fire and Rescue", area: Self.area, agreementParties: parties)
        #expect(refusal?.field == "partner")
        #expect(refusal?.message.contains("Fire and Rescue is not a party to Harrowmere ISP") == true)
        #expect(AttendeeEligibility.refusal(partner: "health", partnerName: "Health", area: Self.area, agreementParties: ["police"]) != nil)
    }

    @Test func configurationIsVersionedAndChecked() {
        #expect(Self.area.problems.isEmpty)
        let revised = Self.area.revised { $0.dashHighThreshold = 12 }
        #expect(revised.version == 2 && Self.area.version == 1)
        var broken = Self.area
        broken.dashHighThreshold = 40
        broken.attendingPartners.append("fire")
        #expect(broken.problems.map(\.field) == ["dashHighThreshold", "attendingPartners"])
        #expect(Set(PanelKind.allCases.map(\.rawValue)).count == 6)
    }
}
