import Foundation
import LanternDomain
import Testing

/// Which case sections of published minutes each partner reads: those it was
/// present for or holds an action on, every other one withheld.
@Suite struct MinutesReadershipTests {
    static let cases = (0..<4).map { _ in UUID() }
    /// Case 0: police and health present; 1: police present; 2: nobody present, housing holds an action; 3: nobody.
    static let sections = [
        MinutesCaseSection(caseID: cases[0], text: "", presentPartners: ["police", "health"]),
        MinutesCaseSection(caseID: cases[1], text: "", presentPartners: ["police"]),
        MinutesCaseSection(caseID: cases[2], text: "", presentPartners: []),
        MinutesCaseSection(caseID: cases[3], text: "", presentPartners: []),
    ]
    static let owners = MinutesReadership.owners(of: [(cases[2], "housing"), (cases[1], "housing"), (cases[2], "police")])

    @Test(arguments: [
        ("police", [0, 1, 2]),
        ("health", [0]),
        ("housing", [1, 2]),
        ("probation", []),
    ])
    func aPartnerReadsTheCasesItWasPresentForOrHoldsActionsOn(_ partner: String, _ readable: [Int]) {
        let read = MinutesReadership.readable(by: partner, sections: Self.sections, actionOwners: Self.owners)
        #expect(read == Set(readable.map { Self.cases[$0] }))
    }

    @Test func aCaseWithNoSectionIsNeverReadEvenWithAnAction() {
        let other = UUID()
        let read = MinutesReadership.readable(by: "police", sections: Self.sections, actionOwners: [other: ["police"]])
        #expect(!read.contains(other))
    }
}
