/// The exemptions a holding partner may cite to withhold part of what a
/// subject is given, coded as councils code their redactions.
///
/// Use one on every ``Redaction``. Contract: ``code`` is stable (stored and
/// exported); ``citation`` is the provision in words for the pack.
public enum Exemption: String, Sendable, Hashable, Codable, CaseIterable {
    /// DPA 2018 Sch 2 Part 1 para 2: disclosing would be likely to prejudice
    /// the prevention or detection of crime or the prosecution of offenders.
    case crime = "sch2-para2-crime"
    /// DPA 2018 Sch 2 Part 3 para 16: it would identify another person who
    /// has not consented and disclosing without consent is not reasonable.
    case thirdParty = "sch2-para16-third-party"
    /// DPA 2018 Sch 3 Part 3: social work data whose disclosure would be
    /// likely to cause serious harm to the physical or mental health of the
    /// subject or another person.
    case seriousHarm = "sch3-serious-harm"
    /// DPA 2018 Part 3 s45(4): a restriction of the right of access for
    /// law-enforcement processing (to avoid prejudicing an investigation,
    /// to protect the rights of others, public or national security).
    case lawEnforcement = "part3-s45-4"

    public var citation: String {
        switch self {
        case .crime: "DPA 2018 Sch 2 para 2 (crime)"
        case .thirdParty: "DPA 2018 Sch 2 para 16 (third party)"
        case .seriousHarm: "DPA 2018 Sch 3 (serious harm)"
        case .lawEnforcement: "DPA 2018 Part 3 s45(4) (law enforcement)"
        }
    }

    /// What stands in the pack where the withheld text was.
    public var marker: String { "[withheld: \(citation)]" }
}
