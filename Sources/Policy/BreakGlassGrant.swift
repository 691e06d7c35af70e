/// Emergency access to a person the user has no relationship with: time
/// limited, with a mandatory reason, always flagged for the DPO's review.
///
/// Use it when a practitioner or panel chair declares an emergency (a risk to
/// life or of serious harm) and the caller has recorded it. Contract: a grant
/// without a real reason, ending before it starts, or longer than
/// ``maximumDuration`` cannot be constructed (the initialiser throws a typed
/// ``Problem``, and decoding re-checks). Break-glass stands in for the
/// relationship only: agreements and masking still apply, and every
/// permission it enables carries the grant for review.
public struct BreakGlassGrant: Sendable, Hashable, Codable {
    /// Why break-glass was needed, in the user's words.
    public let reason: String
    public let grantedAt: Moment
    public let expiresAt: Moment

    /// One working shift: long enough for an emergency, short enough that
    /// stale grants do not linger.
    public static let maximumDuration: Int64 = 8 * 3600
    /// A reason shorter than this ("x", "urgent") tells the DPO nothing.
    public static let minimumReasonLength = 10

    /// Why a grant could not be made.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case missingReason
        case reasonTooShort(minimum: Int)
        case endsBeforeItStarts
        case longerThanAllowed(maximumSeconds: Int64)

        /// Stable code for tests, logs and API clients.
        public var code: String {
            switch self {
            case .missingReason: "break-glass-missing-reason"
            case .reasonTooShort: "break-glass-reason-too-short"
            case .endsBeforeItStarts: "break-glass-ends-before-it-starts"
            case .longerThanAllowed: "break-glass-too-long"
            }
        }

        public var description: String {
            switch self {
            case .missingReason:
                "Break-glass needs a reason: say what the emergency is."
            case .reasonTooShort(let minimum):
                "Break-glass needs a reason of at least \(minimum) characters: say what the emergency is."
            case .endsBeforeItStarts:
                "Break-glass must end after it starts."
            case .longerThanAllowed(let seconds):
                "Break-glass lasts at most \(seconds / 3600) hours: ask again when it ends if the emergency continues."
            }
        }
    }

    public init(reason: String, grantedAt: Moment, expiresAt: Moment) throws(Problem) {
        let trimmed = reason.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .missingReason }
        guard trimmed.count >= Self.minimumReasonLength else {
            throw .reasonTooShort(minimum: Self.minimumReasonLength)
        }
        guard grantedAt < expiresAt else { throw .endsBeforeItStarts }
        guard expiresAt.secondsSince1970 - grantedAt.secondsSince1970 <= Self.maximumDuration else {
            throw .longerThanAllowed(maximumSeconds: Self.maximumDuration)
        }
        self.reason = trimmed
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
    }

    /// Whether the grant covers `moment`: from `grantedAt` up to, not including, `expiresAt`.
    public func isInForce(at moment: Moment) -> Bool {
        grantedAt <= moment && moment < expiresAt
    }

    private enum CodingKeys: String, CodingKey { case reason, grantedAt, expiresAt }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(reason: container.decode(String.self, forKey: .reason),
                      grantedAt: container.decode(Moment.self, forKey: .grantedAt),
                      expiresAt: container.decode(Moment.self, forKey: .expiresAt))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
