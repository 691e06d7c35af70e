import LanternDomain
import PropertyBased
import Testing
@testable import Policy

/// The DPO reads personal data only to answer a recorded rights request, and
/// only about its subject: over random worlds, nothing else opens a thing.
struct RightsRequestReadTests {
    @Test func withoutTheRequestNothingIsReadWhateverElseTheDPOHas() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            var request = world.request
            request.requester.roles = [.dpo]
            request.purpose = .rightsRequest
            request.relationships.remove(.rightsRequestSubject)
            var rng = SplitMix(seed: seed &+ 5)
            request.grantedBy = Set(RandomWorld.partnerSlugs.filter { _ in Bool.random(using: &rng) })
            let record = AccessPolicy(agreements: world.agreements).decide(request, record: world.items)
            #expect(record.visibleIndices.isEmpty, "seed \(seed): the DPO read without a rights request")
            if !world.items.isEmpty {
                #expect(record.refusal?.code == .noRightsRequest || record.refusal?.code == .breakGlassNotForRole)
            }
        }
    }

    @Test func withTheRequestEveryPartnersItemsAreReadCitingTheRight() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            var request = world.request
            request.requester.roles = [.dpo]
            request.purpose = .rightsRequest
            request.relationships = [.rightsRequestSubject]
            request.breakGlass = nil
            let record = AccessPolicy(agreements: world.agreements).decide(request, record: world.items)
            #expect(record.visibleIndices.count == world.items.count)
            #expect(record.decisions.allSatisfy { $0.permission?.clause.authority == .rightsRequest })
        }
    }

    @Test(arguments: Role.allCases.filter { $0 != .dpo })
    func theSubjectOfARightsRequestIsNoCaseworkForAnyOtherRole(_ role: Role) {
        let request = Harrowmere.request([role], at: Harrowmere.council, purpose: .agreed(.holisticView),
                                         relationships: [.rightsRequestSubject])
        let decision = Harrowmere.policy().decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime))
        #expect(!decision.isPermitted)
    }
}
