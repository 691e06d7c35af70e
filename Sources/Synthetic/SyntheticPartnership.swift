/// The fictional Harrowmere partnership as written to `partnership.json`: its
/// partners and one approved information sharing agreement.
///
/// Use ``PartnershipGenerator/partnership(referenceDate:)`` to get it as a
/// value (the demo needs no file) and ``json`` for the exact file text, which
/// `lantern init --partnership FILE` loads. Contract: the agreement is
/// approved, in force from before the five years of generated history, due
/// for review after the reference date, and has one flow from each partner to
/// every other partner covering identity, involvement and every data category
/// of the events that partner sends, with the Art 9 / Art 10 condition each
/// special category or criminal offence category needs.
public struct SyntheticPartnership: Sendable, Hashable, Codable {
    public var name: String
    public var partners: [Partner]
    public var agreements: [Agreement]

    /// A partner agency (fictional, with invented `ZZ9...` ICO registration numbers).
    public struct Partner: Sendable, Hashable, Codable {
        public var slug: String
        public var name: String
        public var kind: String
        public var icoRegistration: String
        public var dpoContact: String
    }

    /// An information sharing agreement between the partners.
    public struct Agreement: Sendable, Hashable, Codable {
        public var title: String
        public var owner: String
        public var status: String
        public var inForceFrom: SyntheticDate
        public var reviewDue: SyntheticDate
        public var approvedBy: String
        public var approvedOn: SyntheticDate
        public var flows: [Flow]
    }

    /// One permitted flow: from a partner to others, for these categories and purposes.
    public struct Flow: Sendable, Hashable, Codable {
        public var from: String
        public var to: [String]
        public var categories: [String]
        public var purposes: [String]
        public var art6: String
        public var art9: String?
        public var art10: String?
        public var statutes: [String]
        public var format: String
    }

    /// The partnership for five years of history ending on `reference`.
    init(reference: SyntheticDate) {
        let start = PartnershipGenerator.windowStart(for: reference)
        let profiles = PartnerProfile.all
        name = "Harrowmere Safeguarding and Community Safety Partnership"
        partners = profiles.map {
            Partner(slug: $0.slug, name: $0.name, kind: $0.kind, icoRegistration: $0.icoRegistration,
                    dpoContact: $0.dpoContact)
        }
        let criminal: Set<String> = ["asb", "crime", "domestic-abuse", "exploitation", "probation"]
        let special: Set<String> = ["health", "social-care"]
        let flows = profiles.indices.map { index -> Flow in
            let profile = profiles[index]
            let categories = CareRules.dataCategories(of: index)
            var purposes = ["case-finding", "joining-caseloads", "holistic-view", "risk-modelling",
                            "risk-panels", "evaluation"]
            if profile.kind == "health" || profile.kind == "domestic-abuse-service" {
                purposes.removeAll { $0 == "risk-modelling" }
            }
            let art9: String? = categories.contains(where: special.contains) ? {
                switch profile.kind {
                case "health": "health-or-social-care"
                case "childrens-social-care", "adult-social-care": "social-protection"
                default: "substantial-public-interest"
                }
            }() : nil
            let art10: String? = categories.contains(where: criminal.contains) ? {
                switch profile.kind {
                case "police", "probation": "preventing-unlawful-acts"
                case "childrens-social-care", "education": "safeguarding-children"
                case "adult-social-care", "health", "domestic-abuse-service": "safeguarding-individuals-at-risk"
                default: "protecting-the-public"
                }
            }() : nil
            return Flow(from: profile.slug, to: profiles.map(\.slug).filter { $0 != profile.slug },
                        categories: categories, purposes: purposes, art6: profile.art6, art9: art9,
                        art10: art10, statutes: profile.statutes, format: profile.format)
        }
        agreements = [Agreement(
            title: "Harrowmere Information Sharing Protocol",
            owner: "harrowmere-council", status: "approved",
            inForceFrom: SyntheticDate(year: start.year - 1, month: 4, day: 1)!,
            reviewDue: SyntheticDate(year: reference.year + 1, month: 3, day: 31)!,
            approvedBy: "Harrowmere Community Safety Partnership Board",
            approvedOn: SyntheticDate(year: start.year - 1, month: 3, day: 14)!,
            flows: flows)]
    }

    /// The `partnership.json` text: two-space indented, keys in a fixed order,
    /// `null` for an absent Art 9 or Art 10 condition, ending with a newline
    /// when written through a sink.
    public var json: String {
        var out = JSONText()
        out.open("{")
        out.field("name", name)
        out.key("partners")
        out.open("[")
        for partner in partners {
            out.open("{")
            out.field("slug", partner.slug)
            out.field("name", partner.name)
            out.field("kind", partner.kind)
            out.field("icoRegistration", partner.icoRegistration)
            out.field("dpoContact", partner.dpoContact)
            out.close("}")
        }
        out.close("]")
        out.key("agreements")
        out.open("[")
        for agreement in agreements {
            out.open("{")
            out.field("title", agreement.title)
            out.field("owner", agreement.owner)
            out.field("status", agreement.status)
            out.field("inForceFrom", agreement.inForceFrom.iso)
            out.field("reviewDue", agreement.reviewDue.iso)
            out.field("approvedBy", agreement.approvedBy)
            out.field("approvedOn", agreement.approvedOn.iso)
            out.key("flows")
            out.open("[")
            for flow in agreement.flows {
                out.open("{")
                out.field("from", flow.from)
                out.field("to", flow.to)
                out.field("categories", flow.categories)
                out.field("purposes", flow.purposes)
                out.field("art6", flow.art6)
                out.field("art9", flow.art9)
                out.field("art10", flow.art10)
                out.field("statutes", flow.statutes)
                out.field("format", flow.format)
                out.close("}")
            }
            out.close("]")
            out.close("}")
        }
        out.close("]")
        out.close("}")
        return out.text
    }
}
