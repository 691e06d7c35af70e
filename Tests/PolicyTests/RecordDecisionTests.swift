import LanternDomain
import Testing
@testable import Policy

struct RecordDecisionTests {
    static let record = [
        HeldItem(heldBy: Harrowmere.police, category: .crime, fields: [.identity]),
        HeldItem(heldBy: Harrowmere.police, category: .crime, fields: [.health]),
        HeldItem(heldBy: Harrowmere.health, category: .health),
        HeldItem(heldBy: Harrowmere.childrens, category: .socialCare),
        HeldItem(heldBy: Harrowmere.council, category: .housing),
        HeldItem(heldBy: Harrowmere.council, category: .financial),
        HeldItem(heldBy: Harrowmere.health, category: .identity),
    ]

    @Test func showsMasksAndCountsWhatIsWithheldWithoutNamingPartners() throws {
        // setup: a police officer allocated to the person
        let request = Harrowmere.request([.practitioner], at: Harrowmere.police, purpose: .agreed(.holisticView),
                                         relationships: [.allocatedWorker])
        // act
        let record = Harrowmere.policy().decide(request, record: Self.record)
        // validate
        #expect(record.refusal == nil)
        #expect(record.visibleIndices == [0, 1, 4])
        #expect(record.decisions[1].masked.isEmpty) // the officer's own force's record
        #expect(record.withheld.map(\.holder) == [Harrowmere.childrens, Harrowmere.council, Harrowmere.health])
        #expect(record.withheldItemCount == 4)
        let summary = try #require(record.summary)
        #expect(summary == "4 further items held by 3 partners: request access.")
        for partner in Harrowmere.partners { #expect(!summary.contains(partner.name)) }
        #expect(record.auditCode == "permit_with_masking") // some items withheld
    }

    @Test func noRelationshipShowsOnlyHowManyPartnersKnowThePerson() throws {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView))
        let record = Harrowmere.policy().decide(request, record: Self.record)
        #expect(record.refusal?.code == .noRelationship)
        #expect(record.visibleIndices.isEmpty)
        #expect(record.withheld.count == 4)
        let summary = try #require(record.summary)
        #expect(summary.hasPrefix("Known to 4 partners."))
        #expect(summary.contains("request access (request and response)"))
        for partner in Harrowmere.partners { #expect(!summary.contains(partner.name)) }
        #expect(record.auditCode == "deny")
    }

    @Test func anAdministratorGetsNoCountsAtAll() {
        let request = Harrowmere.request([.admin], at: Harrowmere.council, purpose: .agreed(.holisticView))
        let record = Harrowmere.policy().decide(request, record: Self.record)
        #expect(record.withheld.isEmpty)
        #expect(record.summary == record.refusal?.description)
        #expect(record.summary?.contains("partners") == false)
    }

    @Test func maskedFieldsMakeTheReadPermitWithMasking() throws {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         relationships: [.allocatedWorker])
        let record = Harrowmere.policy().decide(request, record: [
            HeldItem(heldBy: Harrowmere.police, category: .crime, fields: [.health]),
        ])
        #expect(record.auditCode == "permit_with_masking")
        #expect(record.summary == nil)
        #expect(!record.needsDPOReview)
    }

    @Test func aBreakGlassReadOfARecordNeedsReview() throws {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         breakGlass: try Harrowmere.grant())
        let record = Harrowmere.policy().decide(request, record: Self.record)
        #expect(record.needsDPOReview)
        #expect(record.visibleIndices == [0, 1, 2, 3, 6]) // 3 is her own service's
    }

    @Test func anEmptyRecordWithholdsNothing() {
        let request = Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding))
        let record = Harrowmere.policy().decide(request, record: [])
        #expect(record.summary == nil)
        #expect(record.auditCode == "deny")
    }

    @Test func depersonalisedItemsAreNotOfferedForRequest() {
        let request = Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.evaluation))
        let record = Harrowmere.policy().decide(request, record: [
            HeldItem(heldBy: Harrowmere.police, category: .identity),
            HeldItem(heldBy: Harrowmere.police, category: .crime, fields: [.identity]),
        ])
        #expect(record.decisions[0].denial?.code == .depersonalised)
        #expect(record.decisions[1].masked == [.identity])
        #expect(record.withheld.isEmpty)
        #expect(record.summary == nil)
    }

    @Test func theDPOSeesEveryItemForARightsRequestCitingTheRight() {
        let request = Harrowmere.request([.dpo], at: Harrowmere.council, purpose: .rightsRequest,
                                         relationships: [.rightsRequestSubject])
        let record = Harrowmere.policy(.suspended).decide(request, record: Self.record)
        #expect(record.visibleIndices.count == Self.record.count)
        #expect(record.auditCode == "permit")
        let clause = record.decisions[2].permission?.clause
        #expect(clause?.authority == .rightsRequest)
        #expect(clause?.citation.contains("agree any exemption (DPA 2018 Schedule 2) with Harrowmere Health ICB") == true)
    }
}
