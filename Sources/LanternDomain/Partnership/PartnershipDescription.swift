/// A partnership as written in `partnership.json`: its partners and agreements.
///
/// `lantern init --partnership FILE` and the demo load one into a new store.
public struct PartnershipDescription: Sendable, Codable, Hashable {
    public var name: String
    public var partners: [Partner]
    public var agreements: [Agreement]

    public init(name: String, partners: [Partner], agreements: [Agreement]) {
        self.name = name
        self.partners = partners
        self.agreements = agreements
    }

    /// Problems that make the description unusable, in words a DPO can act on.
    public func problems() -> [String] {
        var found: [String] = []
        let slugs = Set(partners.map(\.slug))
        if slugs.count != partners.count { found.append("two partners share a slug") }
        for agreement in agreements {
            if !slugs.contains(agreement.owner) {
                found.append("agreement \"\(agreement.title)\": owner \(agreement.owner) is not a partner")
            }
            for flow in agreement.flows {
                for slug in [flow.from] + flow.to where !slugs.contains(slug) {
                    found.append("agreement \"\(agreement.title)\": flow names unknown partner \(slug)")
                }
            }
            if agreement.status == .approved && agreement.approvedBy == nil {
                found.append("agreement \"\(agreement.title)\" is approved but does not say who approved it")
            }
        }
        return found
    }
}
