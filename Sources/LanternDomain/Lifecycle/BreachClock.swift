/// The two clocks a personal data breach starts: partners told within 48
/// hours of detection (the Information Sharing Protocol, section 10), and the
/// ICO told within 72 hours of becoming aware where the breach is likely to
/// risk people's rights and freedoms (UK GDPR Art 33), with reasons either way.
///
/// Instants are seconds since 1970 (UTC), passed in: it reads no clock.
public struct BreachClock: Sendable, Hashable, Codable {
    public static let partnerHours: Int64 = 48
    public static let icoHours: Int64 = 72

    /// What was decided about telling the ICO.
    public enum ICODecision: Sendable, Hashable, Codable {
        case reported(reference: String, at: Int64)
        /// Not reportable: unlikely to result in a risk to people, with the reason.
        case notReported(reason: String, at: Int64)
    }

    /// Why a change to a breach is refused.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Code: String, Sendable, Hashable {
            case noDetectionTime = "no-detection-time"
            case awareBeforeDetected = "aware-before-detected"
            case inTheFuture = "in-the-future"
            case noReason = "no-reason"
            case noReference = "no-reference"
            case lateWithoutReason = "late-without-reason"
            case alreadyDecided = "already-decided"
        }
        public let code: Code
        public let description: String
    }

    public var detectedAt: Int64
    public var awareAt: Int64
    public var partnersToldAt: Int64?
    public var ico: ICODecision?
    /// Why the ICO was told after 72 hours (Art 33(1) requires it).
    public var lateReason: String?

    /// A breach detected (and become aware of) at the given instants; either
    /// missing, or awareness before detection, or either after `now`, is refused.
    public init(detectedAt: Int64?, awareAt: Int64? = nil, now: Int64) throws {
        guard let detectedAt else {
            throw Refusal(code: .noDetectionTime, description: "Say when the breach was detected: both clocks run from it.")
        }
        let aware = awareAt ?? detectedAt
        guard aware >= detectedAt else {
            throw Refusal(code: .awareBeforeDetected, description: "Awareness cannot come before detection.")
        }
        guard detectedAt <= now, aware <= now else {
            throw Refusal(code: .inTheFuture, description: "Detection and awareness cannot be in the future.")
        }
        self.detectedAt = detectedAt
        self.awareAt = aware
    }

    public var partnersDue: Int64 { detectedAt + Self.partnerHours * 3600 }
    public var icoDue: Int64 { awareAt + Self.icoHours * 3600 }

    /// Hours left (negative once missed) on the partners' clock, `nil` once they were told.
    public func partnerHoursLeft(at now: Int64) -> Int64? {
        partnersToldAt == nil ? Self.hours(partnersDue - now) : nil
    }

    /// Hours left (negative once missed) on the ICO clock, `nil` once decided.
    public func icoHoursLeft(at now: Int64) -> Int64? {
        ico == nil ? Self.hours(icoDue - now) : nil
    }

    public func partnersTold(at instant: Int64) -> BreachClock {
        var clock = self
        clock.partnersToldAt = clock.partnersToldAt ?? max(instant, detectedAt)
        return clock
    }

    /// The ICO decision: a report needs its reference, not reporting needs a
    /// reason, and either after 72 hours needs the reason for the delay.
    public func deciding(_ decision: ICODecision, lateReason: String? = nil) throws -> BreachClock {
        guard ico == nil else { throw Refusal(code: .alreadyDecided, description: "The ICO decision is already recorded.") }
        let at: Int64
        switch decision {
        case .reported(let reference, let instant):
            guard !reference.allSatisfy(\.isWhitespace) else {
                throw Refusal(code: .noReference, description: "Give the ICO's reference for the report.")
            }
            at = instant
        case .notReported(let reason, let instant):
            guard !reason.allSatisfy(\.isWhitespace) else {
                throw Refusal(code: .noReason, description: "Say why the breach is unlikely to risk people's rights and freedoms: a decision not to report must be reasoned and kept.")
            }
            at = instant
        }
        let late = (lateReason ?? "").allSatisfy(\.isWhitespace) ? nil : lateReason
        if at > icoDue && late == nil {
            throw Refusal(code: .lateWithoutReason, description: "The 72 hours ran out: give the reason for the delay (UK GDPR Art 33(1)).")
        }
        var clock = self
        clock.ico = decision
        clock.lateReason = late
        return clock
    }

    /// Whole hours, rounded towards the deadline (a minute left is 0 hours left, not 1).
    static func hours(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 3600 : -((-seconds + 3599) / 3600)
    }
}
