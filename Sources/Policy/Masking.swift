import LanternDomain

/// A masked field category and why it is masked.
///
/// Pages may list these ("Health: masked, no agreement covers it") so the
/// user knows what to ask for. Contract: `category` is never the item's own
/// category, which would make the whole item a denial.
public struct Masking: Sendable, Hashable {
    public let category: DataCategory
    public let denial: Denial
}
