/// A synthetic ethnic group for each invented person, drawn from a hash of
/// the household (so families mostly share one) rather than from the seeded
/// generator, so adding it changes no other generated value.
///
/// Shares follow the 2021 Census for England and Wales (White 81.7%, Asian
/// 9.3%, Black 4.0%, Mixed 2.9%, Other 2.1%). Only the partners that record
/// ethnicity (police, health, children's social care, the domestic abuse
/// service) fill the column, and not always.
enum SyntheticEthnicity {
    static let recordedBy: Set<String> = ["police", "health", "childrens-social-care", "domestic-abuse-service"]

    static func recorded(for member: Member, household: Household, by partner: PartnerProfile) -> String? {
        guard recordedBy.contains(partner.kind) else { return nil }
        // About one record in five leaves it blank.
        if mix(UInt64(member.person) &* 31 &+ UInt64(partner.slug.utf8.count)) % 100 < 20 { return nil }
        // One person in ten of a mixed family differs from the household's group.
        let unit = mix(UInt64(member.person)) % 10 == 0 ? UInt64(member.person) &+ 1_000_003 : UInt64(household.index)
        let draw = mix(unit &* 7919) % 1000
        switch draw {
        case ..<817: return "D\(1 + draw % 5)"
        case ..<910: return "A\(1 + draw % 5)"
        case ..<950: return "B\(1 + draw % 3)"
        case ..<979: return "C\(1 + draw % 4)"
        default: return "E\(1 + draw % 2)"
        }
    }

    /// SplitMix64's finaliser: a fixed scramble, not a random draw.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
