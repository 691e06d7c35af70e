/// Notice that an agreement is being withdrawn: who gave it, when, and the
/// day from which nothing new is shared under the agreement.
///
/// Use it on a withdrawn ``Agreement``. Contract: the Information Sharing
/// Protocol asks for at least ``minimumNoticeDays`` of notice, so
/// `effectiveOn` is never earlier than `noticeGivenOn` plus that; an
/// agreement that was in force when notice was given stays in force until
/// (not including) `effectiveOn`, and one that was not never shares again.
public struct Withdrawal: Sendable, Hashable, Codable {
    /// Four weeks, as the protocol's withdrawal clause asks.
    public static let minimumNoticeDays = 28

    /// Slug of the partner that gave notice.
    public var partner: String
    public var noticeGivenOn: CalendarDate
    /// The first day nothing new is shared under the agreement.
    public var effectiveOn: CalendarDate
    /// Whether the agreement was approved and in force when notice was given,
    /// and so keeps sharing during the notice period.
    public var sharesDuringNotice: Bool
    /// What happens to what the partner shared once withdrawal takes effect;
    /// nil (notice given before this was asked) means it is returned, the
    /// protocol's first choice ("return to the sharing partner").
    public var sharedData: SharedDataOnWithdrawal?

    public init(partner: String, noticeGivenOn: CalendarDate, effectiveOn: CalendarDate, sharesDuringNotice: Bool,
                sharedData: SharedDataOnWithdrawal? = nil) {
        self.partner = partner
        self.noticeGivenOn = noticeGivenOn
        self.effectiveOn = effectiveOn
        self.sharesDuringNotice = sharesDuringNotice
        self.sharedData = sharedData
    }

    /// The earliest effective date for notice given on `day`.
    public static func earliestEffectiveDate(noticeGivenOn day: CalendarDate) -> CalendarDate {
        day.adding(days: minimumNoticeDays)
    }
}

/// What the agreement says becomes of a withdrawing partner's shared records
/// after the effective date (seed 003: disposal, or return to the sharer).
public enum SharedDataOnWithdrawal: String, Sendable, Hashable, Codable, CaseIterable {
    /// Exported in the import format for the partner, then removed.
    case returnToPartner = "return"
    /// Disposed of, with a certificate.
    case dispose
}
