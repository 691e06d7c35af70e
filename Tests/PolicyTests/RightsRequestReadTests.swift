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

    /// Restriction (Art 18): a restricted item is read for the subject's
    /// rights request and nothing else, and restricting one item changes no
    /// other item's decision.
    @Test func aRestrictedItemIsReadOnlyForTheRightsRequestAndNothingElseChanges() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            let policy = AccessPolicy(agreements: world.agreements)
            var rng = SplitMix(seed: seed &+ 11)
            let restricted = world.items.map { item -> HeldItem in
                var item = item
                item.restricted = Bool.random(using: &rng)
                return item
            }
            let before = policy.decide(world.request, record: world.items)
            let after = policy.decide(world.request, record: restricted)
            for (index, item) in restricted.enumerated() {
                if item.restricted {
                    if world.request.purpose != .rightsRequest {
                        #expect(!after.decisions[index].isPermitted, "seed \(seed): a restricted item was read for \(world.request.purpose)")
                    } else {
                        #expect(after.decisions[index] == before.decisions[index], "the rights request reads it as before")
                    }
                } else {
                    #expect(after.decisions[index] == before.decisions[index], "seed \(seed): restricting another item changed this one")
                }
            }
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
