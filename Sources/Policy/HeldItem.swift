import LanternDomain

/// Something a partner holds about the subject, described for the policy: who
/// holds it, what kind of information it is, and the categories of its fields.
///
/// Use one per record, event or block of fields on a page (a police incident
/// whose notes mention an injury is `category: .crime, fields: [.identity, .health]`).
/// Contract: the item's own `category` decides whether it is seen at all;
/// each other field category is shown or masked on its own merits.
public struct HeldItem: Sendable, Hashable, Codable {
    /// Slug of the partner that holds (and is controller of) the item.
    public var holder: String
    /// What the item is about: an event's ``EventCategory/dataCategory``.
    public var category: DataCategory
    /// The categories of the item's fields, always including `category`.
    public var fields: CategorySet
    /// The subject asked for processing to be restricted (UK GDPR Art 18):
    /// the item is kept but used for nothing except answering their request.
    public var restricted: Bool
    /// Its retention period has ended, or its rule calls for a review: the
    /// holder's records officer may read it to decide its disposal.
    public var dueForDisposal: Bool

    public init(heldBy holder: String, category: DataCategory, fields: CategorySet = [], restricted: Bool = false,
                dueForDisposal: Bool = false) {
        self.holder = holder
        self.category = category
        var all = fields
        all.insert(category)
        self.fields = all
        self.restricted = restricted
        self.dueForDisposal = dueForDisposal
    }
}
