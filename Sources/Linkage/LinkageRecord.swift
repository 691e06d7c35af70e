/// One person as one partner knows them: the raw input to linkage.
///
/// Use it to hand partner records to `LinkageRun`, `LinkageIndex` or the standardisers.
/// Contract: every field except `recordID` is optional and may be messy; linkage
/// standardises each field, counts values it cannot read in the run's summary and treats
/// them as missing (or, for phone numbers, compares them as plain digits). Nothing in a
/// record makes linkage crash. `recordID` should be unique within one run or index.
public struct LinkageRecord: Hashable, Sendable, Codable {
    public var recordID: String
    /// The partner's slug, kept for explanations and evaluation by source.
    public var source: String
    public var givenNames: String?
    public var familyName: String?
    /// Previous surnames or aliases (one per element, or `;`-separated).
    public var otherNames: [String]
    /// `YYYY-MM-DD` or `DD/MM/YYYY` (see `BirthDate.parse`).
    public var dateOfBirth: String?
    public var sex: String?
    public var addressLine: String?
    public var postcode: String?
    public var uprn: String?
    public var phone: String?
    public var email: String?
    public var nhsNumber: String?
    public var croNumber: String?

    public init(
        recordID: String, source: String = "", givenNames: String? = nil, familyName: String? = nil,
        otherNames: [String] = [], dateOfBirth: String? = nil, sex: String? = nil, addressLine: String? = nil,
        postcode: String? = nil, uprn: String? = nil, phone: String? = nil, email: String? = nil,
        nhsNumber: String? = nil, croNumber: String? = nil
    ) {
        self.recordID = recordID
        self.source = source
        self.givenNames = givenNames
        self.familyName = familyName
        self.otherNames = otherNames
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.addressLine = addressLine
        self.postcode = postcode
        self.uprn = uprn
        self.phone = phone
        self.email = email
        self.nhsNumber = nhsNumber
        self.croNumber = croNumber
    }

    /// A date of birth from its parts, in the `YYYY-MM-DD` form linkage reads.
    public static func dateOfBirth(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
