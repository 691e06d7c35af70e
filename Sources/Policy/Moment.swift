import LanternDomain

/// The instant a decision is made, passed in by the caller: policy never reads
/// the clock.
///
/// Use `Moment(secondsSince1970:)` with the request's time. Contract: `day` is
/// the calendar day at that instant after applying `utcOffsetSeconds` (pass
/// 3600 during British Summer Time so that agreements start at local
/// midnight); break-glass expiry compares `secondsSince1970`.
public struct Moment: Sendable, Hashable, Comparable, Codable {
    public let secondsSince1970: Int64
    public let utcOffsetSeconds: Int64
    public let day: CalendarDate

    public init(secondsSince1970: Int64, utcOffsetSeconds: Int64 = 0) {
        self.secondsSince1970 = secondsSince1970
        self.utcOffsetSeconds = utcOffsetSeconds
        let local = secondsSince1970 + utcOffsetSeconds
        // Floor division, so instants before 1970 fall on the right day.
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        self.day = CalendarDate(dayNumber: Int(dayNumber))
    }

    /// Midnight UTC at the start of `day`.
    public init(startOf day: CalendarDate) {
        self.init(secondsSince1970: Int64(day.dayNumber) * 86_400)
    }

    public func adding(seconds: Int64) -> Moment {
        Moment(secondsSince1970: secondsSince1970 + seconds, utcOffsetSeconds: utcOffsetSeconds)
    }

    public static func < (lhs: Moment, rhs: Moment) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    private enum CodingKeys: String, CodingKey { case secondsSince1970, utcOffsetSeconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(secondsSince1970: try container.decode(Int64.self, forKey: .secondsSince1970),
                  utcOffsetSeconds: try container.decodeIfPresent(Int64.self, forKey: .utcOffsetSeconds) ?? 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(secondsSince1970, forKey: .secondsSince1970)
        try container.encode(utcOffsetSeconds, forKey: .utcOffsetSeconds)
    }
}
