import LanternDomain
import PropertyBased
import Testing
@testable import Policy

/// Properties over random partnerships: the agreement is the law of the system.
struct AgreementCoverageTests {
    @Test func noPermitWithoutAnInForceFlowCoveringTheShare() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            let world = RandomWorld(seed: seed)
            let policy = AccessPolicy(agreements: world.agreements)
            let viewer = world.request.requester.partner
            for item in world.items {
                let decision = policy.decide(world.request, item: item)
                guard decision.isPermitted, case .agreed(let purpose) = world.request.purpose,
                      item.holder != viewer else { continue }
                for category in item.fields where decision.shows(category) {
                    #expect(world.inForceFlowCovers(item.holder, viewer, category, purpose),
                            "seed \(seed): \(category) from \(item.holder) to \(viewer) for \(purpose) shown")
                }
            }
        }
    }

    @Test func aCoveredShareIsPermittedOnceTheRequesterQualifies() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var world = RandomWorld(seed: seed)
            world.request.requester.roles = [.practitioner]
            world.request.purpose = .agreed(.holisticView)
            world.request.relationships = [.allocatedWorker]
            world.request.breakGlass = nil
            let policy = AccessPolicy(agreements: world.agreements)
            let viewer = world.request.requester.partner
            for item in world.items where item.holder != viewer {
                let decision = policy.decide(world.request, item: item)
                for category in item.fields {
                    let covered = world.inForceFlowCovers(item.holder, viewer, category, .holisticView)
                    let expected = covered && world.inForceFlowCovers(item.holder, viewer, item.category, .holisticView)
                    #expect(decision.shows(category) == expected, "seed \(seed): \(category) from \(item.holder)")
                }
            }
        }
    }

    @Test func everyDenialAndMaskHasACodeAndAReason() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            let world = RandomWorld(seed: seed)
            let policy = AccessPolicy(agreements: world.agreements)
            let record = policy.decide(world.request, record: world.items)
            var denials = record.decisions.compactMap(\.denial)
            for decision in record.decisions {
                if case .permitWithMasking(let masked, _, let reasons) = decision {
                    #expect(CategorySet(reasons.map(\.category)) == masked)
                    denials += reasons.map(\.denial)
                }
            }
            for denial in denials {
                #expect(!denial.code.rawValue.isEmpty)
                #expect(!denial.description.trimmingWhitespace().isEmpty)
            }
            #expect(record.decisions.count == world.items.count)
        }
    }

    @Test(arguments: [AgreementStatus.draft, .forApproval, .suspended, .withdrawn])
    func anAgreementNotApprovedPermitsNothing(_ status: AgreementStatus) async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var world = RandomWorld(seed: seed, statuses: [status])
            world.request.requester.roles = [.practitioner, .analyst, .panelChair]
            world.request.relationships = Set(CaseRelationship.allCases)
            world.request.breakGlass = nil
            world.request.purpose = .agreed(Purpose.allCases[seed % Purpose.allCases.count])
            let policy = AccessPolicy(agreements: world.agreements)
            for item in world.items where item.holder != world.request.requester.partner {
                let decision = policy.decide(world.request, item: item)
                #expect(!decision.isPermitted, "seed \(seed): \(decision.reason)")
            }
        }
    }

    @Test func anAgreementNotYetInForcePermitsNothing() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var world = RandomWorld(seed: seed, statuses: [.approved], startsLater: true)
            world.request.requester.roles = [.practitioner, .analyst, .panelChair]
            world.request.relationships = Set(CaseRelationship.allCases)
            world.request.breakGlass = nil
            world.request.purpose = .agreed(Purpose.allCases[seed % Purpose.allCases.count])
            let policy = AccessPolicy(agreements: world.agreements)
            for item in world.items where item.holder != world.request.requester.partner {
                let decision = policy.decide(world.request, item: item)
                #expect(!decision.isPermitted, "seed \(seed): \(decision.reason)")
                if let code = decision.denial?.code, code != .depersonalised {
                    #expect([.agreementNotYetInForce, .noAgreement, .noLawfulCondition].contains(code))
                }
            }
        }
    }

    @Test func theAgreementStartsOnItsInForceDay() {
        let start = Harrowmere.day("2025-06-01")
        var isp = Harrowmere.isp()
        isp.inForceFrom = start
        let policy = AccessPolicy(agreements: [isp], partners: Harrowmere.partners)
        let item = HeldItem(heldBy: Harrowmere.police, category: .crime)
        func decision(at moment: Moment) -> AccessDecision {
            policy.decide(Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding),
                                             now: moment), item: item)
        }
        #expect(decision(at: Moment(startOf: start)).isPermitted)
        #expect(decision(at: Moment(startOf: start).adding(seconds: -1)).denial?.code == .agreementNotYetInForce)
        // 23:30 UTC on the eve is 00:30 British Summer Time on the day itself.
        #expect(decision(at: Moment(secondsSince1970: Moment(startOf: start).secondsSince1970 - 1800,
                                    utcOffsetSeconds: 3600)).isPermitted)
    }

    @Test func anInForceAgreementWinsOverAWithdrawnOneCoveringTheSameShare() {
        let policy = AccessPolicy(agreements: [Harrowmere.isp(.withdrawn), Harrowmere.isp(.inForce)],
                                  partners: Harrowmere.partners)
        let request = Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding))
        #expect(policy.decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime)).isPermitted)
    }
}
