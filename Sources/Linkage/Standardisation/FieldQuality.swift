/// Counts of raw values that standardisation could not use, by field.
///
/// Reported in `LinkageSummary` so that a partner's data quality is visible. Contract:
/// a value counted here was treated as missing (or, for phones, compared as plain digits);
/// `swappedDates` counts dates read only after swapping day and month.
public struct FieldQuality: Codable, Sendable, Equatable {
    public var records = 0
    public var missingNames = 0
    /// Names written but unusable: placeholder words ("Unknown", "Baby"), titles or digits only.
    public var placeholderNames = 0
    public var invalidDates = 0
    public var swappedDates = 0
    /// Default dates such as 1900-01-01, or one date on thousands of records: "not known".
    public var placeholderDates = 0
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
        placeholderNames += other.placeholderNames
        invalidDates += other.invalidDates
        swappedDates += other.swappedDates
        placeholderDates += other.placeholderDates
        invalidPostcodes += other.invalidPostcodes
        invalidPhones += other.invalidPhones
        invalidEmails += other.invalidEmails
        invalidNHSNumbers += other.invalidNHSNumbers
        invalidCRONumbers += other.invalidCRONumbers
        invalidUPRNs += other.invalidUPRNs
        oversizedFields += other.oversizedFields
    }
}
