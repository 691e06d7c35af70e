import LanternDomain
import PropertyBased
import Testing
@testable import Policy

/// Request and response: a holding partner's yes to an access request stands
/// in for the relationship, for that partner's items only, and never for an
/// agreement.
struct AccessRequestGrantTests {
    @Test func aGrantOpensOnlyTheGrantingPartnersItemsAndNoMoreThanARelationshipWould() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            let policy = AccessPolicy(agreements: world.agreements)
            var rng = SplitMix(seed: seed &+ 17)
            let granted = Set(RandomWorld.partnerSlugs.filter { _ in Bool.random(using: &rng) })
            var asked = world.request
            asked.relationships = []
            asked.breakGlass = nil
            asked.grantedBy = granted
            var related = asked
            related.relationships = Set(CaseRelationship.allCases)
            related.grantedBy = []
            var bare = asked
            bare.grantedBy = []
            let withGrant = policy.decide(asked, record: world.items)
            let withRelationship = policy.decide(related, record: world.items)
            let withNeither = policy.decide(bare, record: world.items)
            guard let refusal = withNeither.refusal, [.noRelationship, .notOnPanelCase].contains(refusal.code) else {
                // Where no relationship is needed (or the role may not read at all) a grant changes nothing.
                #expect(withGrant.decisions == withNeither.decisions && withGrant.refusal == withNeither.refusal)
                return
            }
            for index in withGrant.visibleIndices {
                #expect(granted.contains(world.items[index].holder), "only the granting partners' items")
                #expect(withGrant.decisions[index] == withRelationship.decisions[index], "the same masking and clause")
            }
            for index in withRelationship.visibleIndices where granted.contains(world.items[index].holder) {
                #expect(withGrant.visibleIndices.contains(index), "a yes opens what the agreement allows")
            }
            for (index, decision) in withGrant.decisions.enumerated() where !granted.contains(world.items[index].holder) {
                #expect(!decision.isPermitted)
            }
        }
    }

    @Test func withoutAGrantOrRelationshipOnlyTheCountIsShown() {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView))
        let record = Harrowmere.policy().decide(request, record: RecordDecisionTests.record)
        #expect(record.refusal?.code == .noRelationship && record.visibleIndices.isEmpty)
        var granted = request
        granted.grantedBy = [Harrowmere.police]
        let answered = Harrowmere.policy().decide(granted, record: RecordDecisionTests.record)
        #expect(answered.refusal == nil)
        #expect(!answered.visibleIndices.isEmpty)
        #expect(answered.visibleIndices.allSatisfy { RecordDecisionTests.record[$0].holder == Harrowmere.police })
        #expect(answered.summary != nil, "what other partners hold is still counted, not shown")
    }
}
