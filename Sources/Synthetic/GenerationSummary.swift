/// What a generation run wrote: households, people and rows per partner.
///
/// Use it to report a run (`lantern generate` prints it) and in benchmarks.
/// Contract: the arrays are indexed like ``partners`` (partner slugs in
/// `partnership.json` order); totals are sums of the arrays.
public struct GenerationSummary: Sendable, Hashable, Codable {
    public let partners: [String]
    public internal(set) var households = 0
    public internal(set) var people = 0
    public internal(set) var peopleRows: [Int]
    public internal(set) var eventRows: [Int]
    public internal(set) var involvementRows: [Int]

    init(partners: [String]) {
        self.partners = partners
        peopleRows = [Int](repeating: 0, count: partners.count)
        eventRows = peopleRows
        involvementRows = peopleRows
    }

    public var totalPeopleRows: Int { peopleRows.reduce(0, +) }
    public var totalEventRows: Int { eventRows.reduce(0, +) }
    public var totalInvolvementRows: Int { involvementRows.reduce(0, +) }

    /// Source records per true person.
    public var recordsPerPerson: Double { people == 0 ? 0 : Double(totalPeopleRows) / Double(people) }

    /// The ground truth's `person_id` for person index `index` (`T0000001`).
    public static func personID(_ index: Int) -> String {
        var text = "T"
        SyntheticDate.appendDigits(index + 1, width: 7, to: &text)
        return text
    }

    /// The ground truth's `household_id` for household index `index` (`H0000001`).
    public static func householdID(_ index: Int) -> String {
        var text = "H"
        SyntheticDate.appendDigits(index + 1, width: 7, to: &text)
        return text
    }
}
