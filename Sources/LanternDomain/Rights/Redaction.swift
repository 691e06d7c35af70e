/// One item of a subject's information that its holding partner withholds
/// from the disclosure pack, with the exemption it relies on and why.
///
/// Use ``init(item:holder:exemption:reason:)`` to make one from a reviewer's
/// form: it refuses a redaction without a reason, because the partner must
/// be able to show the ICO why the exemption applied. Contract: `item` is the
/// pack's key for the item (`event:RECORD`, `record:RECORD`,
/// `involvement:RECORD`) and belongs to `holder`.
public struct Redaction: Sendable, Hashable, Codable {
    /// Why a redaction is refused.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Code: String, Sendable, Hashable { case noReason = "no-reason", noItem = "no-item" }
        public let code: Code
        public let description: String
    }

    public var item: String
    public var holder: String
    public var exemption: Exemption
    public var reason: String

    public init(item: String, holder: String, exemption: Exemption, reason: String) throws {
        let reason = reason.trimmingSpaces()
        guard !item.isEmpty, !holder.isEmpty else {
            throw Refusal(code: .noItem, description: "Choose the item to withhold.")
        }
        guard !reason.isEmpty else {
            throw Refusal(code: .noReason, description: "Say why \(exemption.citation) applies to this item: every redaction needs its reason, for the requester's complaint and the ICO.")
        }
        self.item = item
        self.holder = holder
        self.exemption = exemption
        self.reason = String(reason.prefix(1_000))
    }
}
