import LanternDomain
import Testing

/// Every redaction carries its exemption and reason; objection and erasure
/// decisions carry theirs.
@Suite struct RedactionTests {
    @Test(arguments: ["", "   ", "\n\t"])
    func aRedactionWithoutAReasonIsRefused(_ reason: String) {
        #expect(throws: Redaction.Refusal.self) {
            try Redaction(item: "event:E-1", holder: "police", exemption: .crime, reason: reason)
        }
    }

    @Test(arguments: Exemption.allCases)
    func eachExemptionCitesItsProvision(_ exemption: Exemption) throws {
        let redaction = try Redaction(item: "event:E-1", holder: "police", exemption: exemption, reason: "  Live investigation  ")
        #expect(redaction.reason == "Live investigation")
        #expect(exemption.marker.contains("DPA 2018"))
        #expect(Exemption(rawValue: exemption.rawValue) == exemption)
    }

    @Test func theFourCodesAreTheOnesCouncilsUse() {
        #expect(Exemption.crime.citation.contains("Sch 2 para 2"))
        #expect(Exemption.thirdParty.citation.contains("Sch 2 para 16"))
        #expect(Exemption.seriousHarm.citation.contains("Sch 3"))
        #expect(Exemption.lawEnforcement.citation.contains("s45(4)"))
    }

    @Test func anObjectionIsUpheldUnlessCompellingGroundsAreGiven() {
        #expect(RightsDecision.objection(compellingGrounds: nil).leavesCaseFinding)
        #expect(RightsDecision.objection(compellingGrounds: "  ").leavesCaseFinding)
        let kept = RightsDecision.objection(compellingGrounds: "Child protection enquiry open")
        #expect(!kept.leavesCaseFinding && kept.outcome == .compellingGrounds && kept.reason == "Child protection enquiry open")
    }

    @Test func anErasureRefusedNeedsItsReason() throws {
        #expect(throws: RightsDecision.Refusal.self) { try RightsDecision.erasure(agreed: false, reason: " ") }
        #expect(try RightsDecision.erasure(agreed: false, reason: "Kept under MoPI").outcome == .erasureRefused)
        #expect(try RightsDecision.erasure(agreed: true, reason: nil).outcome == .erasureAgreed)
    }
}
