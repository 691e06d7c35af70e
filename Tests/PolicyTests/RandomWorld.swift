import LanternDomain
@testable import Policy

/// A random partnership, agreements and request built from one seed, with a
/// brute-force oracle for coverage that reads the agreements directly.
struct RandomWorld {
    static let partnerSlugs = ["p-police", "p-council", "p-health", "p-housing", "p-schools"]

    var agreements: [Agreement]
    var request: AccessRequest
    var items: [HeldItem]

    /// - Parameter statuses: the statuses agreements may have.
    /// - Parameter startsLater: whether every agreement starts after `now`.
    init(seed: Int, statuses: [AgreementStatus] = AgreementStatus.allCases, startsLater: Bool? = nil) {
        var rng = SplitMix(seed: seed)
        let now = Harrowmere.now
        func pick<T>(_ values: [T]) -> T { values.randomElement(using: &rng)! }
        func some<T>(_ values: [T], atMost: Int) -> [T] {
            Array(values.shuffled(using: &rng).prefix(Int.random(in: 1...atMost, using: &rng)))
        }
        agreements = (0..<Int.random(in: 1...3, using: &rng)).map { number in
            let later = startsLater ?? Bool.random(using: &rng)
            let offset = later ? Int.random(in: 1...400, using: &rng) : -Int.random(in: 0...2000, using: &rng)
            return Agreement(
                title: "Agreement \(number)", owner: pick(Self.partnerSlugs), status: pick(statuses),
                inForceFrom: now.day.adding(days: offset), reviewDue: now.day.adding(days: 300),
                flows: (0..<Int.random(in: 1...5, using: &rng)).map { _ in
                    Flow(from: pick(Self.partnerSlugs), to: some(Self.partnerSlugs, atMost: 3),
                         categories: some(DataCategory.allCases, atMost: 5), purposes: some(Purpose.allCases, atMost: 3),
                         art6: .publicTask, art9: Bool.random(using: &rng) ? .substantialPublicInterest : nil,
                         art10: Bool.random(using: &rng) ? .protectingThePublic : nil, format: .selfService)
                })
        }
        let roles = Set(some(Role.allCases, atMost: 2))
        let relationships = Set(CaseRelationship.allCases.filter { _ in Bool.random(using: &rng) })
        request = AccessRequest(
            requester: Requester(userID: "u", partner: pick(Self.partnerSlugs), roles: roles),
            purpose: pick(AccessPurpose.all), subject: "person-\(seed)", relationships: relationships,
            breakGlass: Bool.random(using: &rng) ? nil : try! BreakGlassGrant(
                reason: "Emergency: risk to life reported", grantedAt: now.adding(seconds: -3600),
                expiresAt: now.adding(seconds: Int64.random(in: -1800...3600, using: &rng))),
            now: now)
        items = (0..<Int.random(in: 0...8, using: &rng)).map { _ in
            HeldItem(heldBy: pick(Self.partnerSlugs), category: pick(DataCategory.allCases),
                     fields: CategorySet(some(DataCategory.allCases, atMost: 3)))
        }
    }

    /// The oracle: an approved agreement in force today with a flow from
    /// `holder` to `recipient` that lawfully carries `category` for `purpose`.
    func inForceFlowCovers(_ holder: String, _ recipient: String, _ category: DataCategory, _ purpose: Purpose) -> Bool {
        agreements.contains { agreement in
            agreement.status == .approved && agreement.inForceFrom <= request.now.day
                && agreement.flows.contains { flow in
                    flow.from == holder && flow.to.contains(recipient) && flow.purposes.contains(purpose)
                        && flow.categories.contains(category)
                        && (!category.isSpecialCategory || flow.art9 != nil)
                        && (!category.isCriminalOffence || flow.art10 != nil)
                }
        }
    }
}
