import Foundation
import Testing
@testable import Synthetic

@Suite struct PartnershipTests {
    static let decoded: SyntheticPartnership? = {
        let text = Fixture.extracts.text(of: "partnership.json")
        return try? JSONDecoder().decode(SyntheticPartnership.self, from: Data(text.utf8))
    }()

    @Test func partnershipJSONParsesToTheSameValue() throws {
        let partnership = try #require(Self.decoded)
        #expect(partnership == PartnershipGenerator.partnership(referenceDate: Fixture.reference))
        #expect(Fixture.extracts.text(of: "partnership.json")
                == PartnershipGenerator.partnershipJSON(referenceDate: Fixture.reference) + "\n")
        let object = try JSONSerialization.jsonObject(
            with: Data(Fixture.extracts.text(of: "partnership.json").utf8)) as? [String: Any]
        let flows = ((object?["agreements"] as? [[String: Any]])?.first?["flows"] as? [[String: Any]]) ?? []
        #expect(flows.allSatisfy { $0.keys.contains("art9") && $0.keys.contains("art10") },
                "absent conditions are written as null")
    }

    @Test func partnersAreFictionalAndWellFormed() throws {
        let partnership = try #require(Self.decoded)
        let kinds: Set<String> = ["police", "council", "childrens-social-care", "adult-social-care", "health",
                                  "housing", "probation", "education", "domestic-abuse-service", "fire"]
        #expect(Set(partnership.partners.map(\.slug)).count == partnership.partners.count)
        for partner in partnership.partners {
            #expect(kinds.contains(partner.kind))
            #expect(partner.slug.allSatisfy { $0.isLowercase || $0 == "-" })
            #expect(partner.dpoContact.hasSuffix(".example.org"))
        }
    }

    @Test func agreementIsApprovedAndInForceForTheWholeHistory() throws {
        let agreement = try #require(Self.decoded?.agreements.first)
        let start = PartnershipGenerator.windowStart(for: Fixture.reference)
        #expect(agreement.status == "approved")
        #expect(agreement.inForceFrom < start)
        #expect(agreement.approvedOn <= agreement.inForceFrom)
        #expect(agreement.reviewDue > Fixture.reference)
        #expect(!agreement.approvedBy.isEmpty)
        #expect(start == SyntheticDate(year: 2020, month: 7, day: 1))
    }

    /// Each partner has a flow to every other partner covering identity,
    /// involvement and the data category of every event it actually sent,
    /// with the Art 9 or Art 10 condition those categories need.
    @Test func flowsCoverEveryCategoryEachPartnerSends() throws {
        let partnership = try #require(Self.decoded)
        let flows = try #require(partnership.agreements.first?.flows)
        let art6: Set<String> = ["public-task", "legal-obligation", "vital-interests", "legitimate-interests"]
        let art9: Set<String> = ["substantial-public-interest", "health-or-social-care", "social-protection", "vital-interests"]
        let art10: Set<String> = ["safeguarding-children", "safeguarding-individuals-at-risk",
                                  "preventing-unlawful-acts", "protecting-the-public"]
        let formats: Set<String> = ["meeting", "request-and-response", "self-service", "central-controller", "automated"]
        let purposes: Set<String> = ["case-finding", "joining-caseloads", "holistic-view", "risk-modelling",
                                     "risk-panels", "evaluation"]
        for partner in partnership.partners {
            let mine = flows.filter { $0.from == partner.slug }
            let covered = Set(mine.flatMap(\.categories))
            let sent = Set(Fixture.table("\(partner.slug)/events.csv").column("category")
                .compactMap { Rules.dataCategoryOfEvent[$0] })
            #expect(sent.isSubset(of: covered), "\(partner.slug) sends \(sent.subtracting(covered))")
            #expect(covered.isSuperset(of: ["identity", "involvement"]))
            let others = Set(partnership.partners.map(\.slug)).subtracting([partner.slug])
            #expect(Set(mine.flatMap(\.to)) == others)
            for flow in mine {
                #expect(art6.contains(flow.art6))
                #expect(formats.contains(flow.format))
                #expect(Set(flow.purposes).isSubset(of: purposes) && !flow.purposes.isEmpty)
                #expect(!flow.statutes.isEmpty)
                let categories = Set(flow.categories)
                if categories.isDisjoint(with: Rules.special) { #expect(flow.art9 == nil) } else {
                    #expect(art9.contains(flow.art9 ?? ""), "\(partner.slug) shares special category data")
                }
                if categories.isDisjoint(with: Rules.criminal) { #expect(flow.art10 == nil) } else {
                    #expect(art10.contains(flow.art10 ?? ""), "\(partner.slug) shares criminal offence data")
                }
            }
        }
    }
}
