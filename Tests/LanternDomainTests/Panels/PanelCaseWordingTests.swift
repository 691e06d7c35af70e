import LanternDomain
import Testing

/// Each panel type names a case's people in its own words: only a MARAC
/// speaks of a victim and a perpetrator and shows a DASH; an exploitation
/// case is about a child, with places, associates and a 12-week review.
@Suite struct PanelCaseWordingTests {
    static func says(_ wording: PanelCaseWording, _ word: String) -> Bool {
        wording.allText.contains { $0.lowercased().contains(word) }
    }

    @Test(arguments: PanelKind.allCases)
    func everyPanelTypeNamesEachSlotAndOffersProtectsChoicesOnce(_ kind: PanelKind) {
        let wording = PanelCaseWording.of(kind)
        #expect(wording.allText.allSatisfy { !$0.isEmpty })
        #expect(Set(wording.protects.map(\.value)).count == wording.protects.count, "each choice once")
        #expect(wording.protects.contains { $0.value == .other })
        #expect(wording.showsDASH == (kind == .marac), "the DASH is a MARAC instrument")
        #expect(wording.showsPlacesAndAssociates == (kind == .exploitation))
    }

    @Test(arguments: PanelKind.allCases)
    func victimAndPerpetratorAreMaracWordsAndNoOtherPanelCallsItsSubjectAVictim(_ kind: PanelKind) {
        let wording = PanelCaseWording.of(kind)
        #expect(Self.says(wording, "perpetrator") == (kind == .marac))
        // A MATAC case is about the person causing harm, an IOM case about the person managed, an exploitation case about a child.
        if [.matac, .iom, .exploitation].contains(kind) { #expect(!Self.says(wording, "victim")) }
        #expect(!wording.subject.lowercased().contains("victim") || kind == .marac)
    }

    @Test func anExploitationCaseIsAboutAChildWithPlacesAndATwelveWeekReview() {
        let wording = PanelCaseWording.of(.exploitation)
        #expect(wording.subject == "Child" && wording.reviewEveryWeeks == 12)
        #expect(!wording.protects.contains { $0.value == .victim } && wording.label(of: .child) == "Child")
        #expect(wording.label(of: .perpetrator) == "Disrupting adults of concern")
        #expect(PanelCaseWording.of(.marac).label(of: .perpetrator) == "Perpetrator", "MARAC's labels are unchanged")
    }

    @Test func theReviewStatusCountsDaysEitherSideOfTheDueDate() {
        let opened = CalendarDate(parsing: "2026-01-05")!
        let child = ExploitationCase(child: "c", openedOn: opened, risk: .high)
        #expect(child.nextReviewDue == CalendarDate(parsing: "2026-03-30")!)
        #expect(child.reviewStatus(on: opened).description == "due in 84 days")
        #expect(child.reviewStatus(on: CalendarDate(parsing: "2026-03-29")!).description == "due in 1 day")
        #expect(child.reviewStatus(on: CalendarDate(parsing: "2026-03-30")!) == .dueToday)
        let late = child.reviewStatus(on: CalendarDate(parsing: "2026-04-02")!)
        #expect(late.description == "overdue by 3 days" && late.isOverdue)
        var reviewed = child
        reviewed.reviews = [CalendarDate(parsing: "2026-03-25")!]
        #expect(reviewed.reviewStatus(on: CalendarDate(parsing: "2026-04-02")!).description == "due in 76 days", "the next falls 12 weeks after the last review")
    }
}
