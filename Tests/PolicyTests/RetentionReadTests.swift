import LanternDomain
import PropertyBased
import Testing
@testable import Policy

/// Rule 5r: a records officer reads, for the retention purpose only, their
/// own partner's records that are due for disposal or review; another
/// partner's records never (the disposal preview counts them), and nothing
/// for any other purpose. Over random worlds, whatever the agreements,
/// relationships and other roles say.
struct RetentionReadTests {
    static func marked(_ world: RandomWorld, seed: Int) -> [HeldItem] {
        var rng = SplitMix(seed: seed &+ 23)
        return world.items.map { item in
            var item = item
            item.dueForDisposal = Bool.random(using: &rng)
            item.restricted = Int.random(in: 0..<6, using: &rng) == 0
            return item
        }
    }

    @Test func aRecordsOfficerReadsExactlyTheirOwnDueRecordsForRetention() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            var request = world.request
            request.requester.roles = [.records]
            request.purpose = .retention
            request.breakGlass = nil
            let items = Self.marked(world, seed: seed)
            let record = AccessPolicy(agreements: world.agreements).decide(request, record: items)
            for (index, item) in items.enumerated() {
                let expected = item.holder == request.requester.partner && item.dueForDisposal && !item.restricted
                #expect(record.decisions[index].isPermitted == expected, "seed \(seed): item \(item)")
                if let permission = record.decisions[index].permission {
                    #expect(permission.clause.authority == .retention && permission.clause.holder == request.requester.partner)
                    #expect(record.decisions[index].masked.isEmpty, "their own record is read whole")
                }
                if !expected, !item.restricted {
                    #expect(record.decisions[index].denial?.code == (item.holder == request.requester.partner ? .notDueForDisposal : .notOwnRecords))
                }
            }
        }
    }

    @Test func theRetentionPurposeOpensNothingForAnyOtherRole() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            var request = world.request
            request.requester.roles.remove(.records)
            request.purpose = .retention
            let items = Self.marked(world, seed: seed)
            let record = AccessPolicy(agreements: world.agreements).decide(request, record: items)
            #expect(record.visibleIndices.isEmpty, "seed \(seed): \(request.requester.roles) read for retention")
        }
    }

    @Test func aRecordsOfficerReadsNothingForAnyOtherPurposeDueOrNot() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            var request = world.request
            request.requester.roles = [.records]
            if request.purpose == .retention { request.purpose = .agreed(.holisticView) }
            let items = Self.marked(world, seed: seed)
            let record = AccessPolicy(agreements: world.agreements).decide(request, record: items)
            #expect(record.visibleIndices.isEmpty, "seed \(seed): a records officer read for \(request.purpose)")
        }
    }

    @Test func beingDueChangesNothingForAnyOtherPurpose() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...1_000_000)) { seed in
            let world = RandomWorld(seed: seed)
            guard world.request.purpose != .retention else { return }
            let policy = AccessPolicy(agreements: world.agreements)
            let due = world.items.map { item -> HeldItem in
                var item = item
                item.dueForDisposal = true
                return item
            }
            #expect(policy.decide(world.request, record: due).decisions == policy.decide(world.request, record: world.items).decisions,
                    "seed \(seed): a due record read differently for \(world.request.purpose)")
        }
    }
}
