/// Recalling a misdirected share: the recipient is asked to delete or return
/// what was sent, then confirms they have. A confirmation is only meaningful
/// as an answer to a request, so it cannot come first or predate the request,
/// and once confirmed the request is not rewritten.
///
/// Instants are seconds since 1970 (UTC), passed in: it reads no clock.
public struct BreachRecall: Sendable, Hashable {
    public var askedOf: String
    public var askedAt: Int64
    public var confirmedAt: Int64?
    public var confirmedBy: String?

    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case noRecipient, inTheFuture, beforeDetection, alreadyConfirmed, confirmBeforeAsk, noConfirmer, confirmedBeforeAsked

        public var description: String {
            switch self {
            case .noRecipient: "Say whom the recall was asked of (the recipient and their organisation)."
            case .inTheFuture: "That time is in the future."
            case .beforeDetection: "A recall is asked after the breach is detected: check the time."
            case .alreadyConfirmed: "The recipient has already confirmed the recall; it is not asked again."
            case .confirmBeforeAsk: "Record the recall request first: a confirmation answers a request."
            case .noConfirmer: "Say who at the recipient confirmed the deletion or return."
            case .confirmedBeforeAsked: "The confirmation cannot be earlier than the request: check the time."
            }
        }
    }

    /// Asks (or re-asks, until confirmed) the recipient to recall the share.
    public static func ask(_ current: BreachRecall?, of recipient: String, at: Int64, detectedAt: Int64, now: Int64) throws -> BreachRecall {
        let recipient = trimmed(recipient)
        guard !recipient.isEmpty else { throw Refusal.noRecipient }
        guard current?.confirmedAt == nil else { throw Refusal.alreadyConfirmed }
        guard at <= now else { throw Refusal.inTheFuture }
        guard at >= detectedAt else { throw Refusal.beforeDetection }
        return BreachRecall(askedOf: String(recipient.prefix(300)), askedAt: at)
    }

    /// Records the recipient's confirmation of an asked recall.
    public static func confirm(_ current: BreachRecall?, by confirmer: String, at: Int64, now: Int64) throws -> BreachRecall {
        guard var recall = current else { throw Refusal.confirmBeforeAsk }
        guard recall.confirmedAt == nil else { throw Refusal.alreadyConfirmed }
        let confirmer = trimmed(confirmer)
        guard !confirmer.isEmpty else { throw Refusal.noConfirmer }
        guard at <= now else { throw Refusal.inTheFuture }
        guard at >= recall.askedAt else { throw Refusal.confirmedBeforeAsked }
        recall.confirmedAt = at
        recall.confirmedBy = String(confirmer.prefix(300))
        return recall
    }

    public init(askedOf: String, askedAt: Int64, confirmedAt: Int64? = nil, confirmedBy: String? = nil) {
        self.askedOf = askedOf
        self.askedAt = askedAt
        self.confirmedAt = confirmedAt
        self.confirmedBy = confirmedBy
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
