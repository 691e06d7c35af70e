import ArgumentParser
import Foundation
import LanternDomain
import Policy

/// `lantern bench policy`: the access decision's latency with many agreements
/// and flows in force (default 50 agreements, 500 flows), over a mix of
/// permitted, masked and denied requests.
struct PolicyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Access decision latency.")

    @ArgumentParser.Option var agreements = 50
    @ArgumentParser.Option(help: "Flows per agreement.") var flows = 10
    @ArgumentParser.Option var decisions = 200_000

    func run() async throws {
        let partners = (0..<24).map { Partner(slug: "partner-\($0)", name: "Partner \($0)", kind: PartnerKind.allCases[$0 % PartnerKind.allCases.count]) }
        var random = SystemRandomNumberGenerator()
        let statuses: [AgreementStatus] = [.approved, .approved, .approved, .suspended, .draft]
        let start = CalendarDate(year: 2020, month: 1, day: 1)!
        let all = (0..<agreements).map { a in
            Agreement(
                title: "Agreement \(a)", owner: partners[a % partners.count].slug, status: statuses[a % statuses.count],
                inForceFrom: start.adding(days: a * 20), reviewDue: start.adding(days: 3_000),
                approvedBy: "Board", approvedOn: start,
                flows: (0..<flows).map { f in
                    Flow(from: partners[(a + f) % partners.count].slug,
                         to: (0..<6).map { partners[(a + f + 1 + $0 * 3) % partners.count].slug },
                         categories: Array(DataCategory.allCases.shuffled(using: &random).prefix(5)),
                         purposes: Array(Purpose.allCases.shuffled(using: &random).prefix(3)),
                         art6: .publicTask, art9: f % 2 == 0 ? .healthOrSocialCare : nil,
                         art10: f % 3 == 0 ? .preventingUnlawfulActs : nil, format: .centralController)
                })
        }
        let policy = AccessPolicy(agreements: all, partners: partners)
        let roles: [[String]] = [["practitioner"], ["analyst"], ["panel-chair"], ["dpo"]]
        let now = Moment(secondsSince1970: 1_764_000_000)
        let requests = (0..<4_096).map { i in
            (AccessRequest(
                requester: Requester(userID: "user-\(i % 300)", partner: partners[i % partners.count].slug, roleNames: roles[i % roles.count]),
                purpose: .agreed(Purpose.allCases[i % Purpose.allCases.count]), subject: "person-\(i)",
                relationships: i % 3 == 0 ? [] : [.allocatedWorker], now: now),
             HeldItem(heldBy: partners[(i * 7) % partners.count].slug, category: DataCategory.allCases[i % DataCategory.allCases.count],
                      fields: CategorySet([.health, .crime])))
        }
        var latencies: [Double] = []
        latencies.reserveCapacity(decisions)
        var permitted = 0
        let clock = ContinuousClock()
        for i in 0..<decisions {
            let (request, item) = requests[i % requests.count]
            let before = clock.now
            let decision = policy.decide(request, item: item)
            latencies.append(LinkBench.seconds(clock.now - before) * 1e6)
            if decision.isPermitted { permitted += 1 }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(String(format: "decision       %d agreements, %d flows: median %.2f us, p99 %.2f us over %d decisions (%.0f%% permitted)",
                     agreements, agreements * flows, percentile(0.5), percentile(0.99), decisions,
                     100 * Double(permitted) / Double(decisions)))
    }
}
