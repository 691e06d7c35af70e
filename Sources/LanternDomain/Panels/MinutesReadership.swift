import Foundation

/// One case's part of a meeting's minutes: what was said about it, and
/// which partners were in the room for its discussion.
public struct MinutesCaseSection: Sendable, Codable, Hashable {
    public var caseID: UUID
    public var text: String
    public var presentPartners: Set<String>

    public init(caseID: UUID, text: String, presentPartners: Set<String>) {
        self.caseID = caseID
        self.text = text
        self.presentPartners = presentPartners
    }
}

/// Which case sections of published minutes a partner reads.
///
/// Use it wherever minutes are shown to someone who is not the panel's
/// chair or coordinator (the meeting page, the print view). Practice
/// (SafeLives minutes guidance; panels-and-rights §1.5): minutes go to the
/// attendees only, and each partner sees the cases it was present for or
/// holds actions on. Contract: a partner reads a case's section only when it
/// is among the section's present partners or owns an action on that case;
/// the rest are withheld whole (the page may count them, never name them).
public enum MinutesReadership {
    /// The cases of `sections` that `partner` reads.
    public static func readable(by partner: String, sections: [MinutesCaseSection], actionOwners: [UUID: Set<String>]) -> Set<UUID> {
        Set(sections.filter { $0.presentPartners.contains(partner) || (actionOwners[$0.caseID]?.contains(partner) ?? false) }.map(\.caseID))
    }

    /// The owning partners of each case's actions, as ``readable(by:sections:actionOwners:)`` takes them.
    public static func owners(of actions: [(caseID: UUID, partner: String)]) -> [UUID: Set<String>] {
        actions.reduce(into: [:]) { $0[$1.caseID, default: []].insert($1.partner) }
    }
}
