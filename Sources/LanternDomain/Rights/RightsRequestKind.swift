/// The rights a person may exercise over what the partnership holds
/// (UK GDPR Arts 15-21; DPA 2018 Part 3 ss45-47 for law-enforcement data).
/// One request may carry several.
public enum RightsRequestKind: String, Sendable, Hashable, Codable, CaseIterable {
    case access
    case rectification
    case erasure
    case restriction
    case objection

    public var label: String {
        switch self {
        case .access: "Access (a copy of what is held)"
        case .rectification: "Rectification (correcting what is wrong)"
        case .erasure: "Erasure"
        case .restriction: "Restriction of use"
        case .objection: "Objection to processing"
        }
    }
}

/// The law a request is answered under: which one follows from the
/// holding partners. Police and other competent authorities answer for
/// law-enforcement processing under DPA 2018 Part 3; everyone else under
/// UK GDPR. A request whose subject is held by both is answered under both.
public enum RightsRegime: String, Sendable, Hashable, Codable, CaseIterable {
    case ukGDPR = "uk-gdpr"
    case dpa2018Part3 = "dpa-2018-part-3"

    public var label: String {
        switch self {
        case .ukGDPR: "UK GDPR"
        case .dpa2018Part3: "DPA 2018 Part 3 (law enforcement)"
        }
    }

    /// The regimes that apply to a subject held by partners of these kinds.
    public static func applying(toHoldersOfKinds kinds: some Sequence<PartnerKind>) -> [RightsRegime] {
        var regimes: [RightsRegime] = []
        var any = false
        var lawEnforcement = false
        var other = false
        for kind in kinds {
            any = true
            if kind == .police || kind == .probation { lawEnforcement = true } else { other = true }
        }
        if other || !any { regimes.append(.ukGDPR) }
        if lawEnforcement { regimes.append(.dpa2018Part3) }
        return regimes
    }
}
