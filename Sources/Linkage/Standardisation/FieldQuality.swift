/// Counts of raw values that standardisation could not use, by field.
///
/// Reported in `LinkageSummary` so that a partner's data quality is visible. Contract:
/// a value counted here was treated as missing (or, for phones, compared as plain digits);
/// `swappedDates` counts dates read only after swapping day and month.
public struct FieldQuality: Codable, Sendable, Equatable {
    public var records = 0
    public var missingNames = 0
    public var invalidDates = 0
    public var swappedDates = 0
    public var invalidPostcodes = 0
    public var invalidPhones = 0
    public var invalidEmails = 0
    public var invalidNHSNumbers = 0
    public var invalidCRONumbers = 0
    public var invalidUPRNs = 0
    public var oversizedFields = 0

    public init() {}

    mutating func add(_ other: FieldQuality) {
        records += other.records
        missingNames += other.missingNames
        invalidDates += other.invalidDates
        swappedDates += other.swappedDates
        invalidPostcodes += other.invalidPostcodes
        invalidPhones += other.invalidPhones
        invalidEmails += other.invalidEmails
        invalidNHSNumbers += other.invalidNHSNumbers
        invalidCRONumbers += other.invalidCRONumbers
        invalidUPRNs += other.invalidUPRNs
        oversizedFields += other.oversizedFields
    }
}
