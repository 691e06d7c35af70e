/// One true person in the fictional population, as they really are (before
/// any partner records them, imperfectly).
struct Member: Sendable {
    /// Global person index: `person_id` in the ground truth is derived from it.
    let person: Int
    let female: Bool
    /// Indices into ``GivenNames``.
    let given: Int
    let middle: Int?
    let family: String
    /// The surname before a change (marriage), if any.
    var previousFamily: String?
    /// Day number of the surname change when it fell inside the five years;
    /// nil when it happened before them.
    var renamedOn: Int?
    /// Day number of the date of birth.
    let dob: Int
    /// Age in whole years on the reference day.
    let age: Int
    /// Member indices of this person's parents in the household.
    var parents: [Int] = []
    /// Member index of this person's partner in the household.
    var partner: Int?
    var email: String?
    var nhs: String?
    var cro: String?

    /// Age in whole years on `day` for someone born on `dob` (both day numbers).
    static func age(born dob: Int, on day: Int) -> Int {
        let birth = SyntheticDate(dayNumber: dob)
        let date = SyntheticDate(dayNumber: day)
        var years = date.year - birth.year
        if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }

    var givenName: GivenName { GivenNames.name(given, female: female) }
}

/// One true household: its members, where it lives and has lived, and the
/// issues that bring it to partners' attention.
struct Household: Sendable {
    let index: Int
    var members: [Member]
    let address: Address
    /// The address before a move inside the five years, if the household moved.
    let previous: Address?
    /// Day number of that move.
    let movedOn: Int?
    /// Day number the household moved into its first address on record.
    let settledOn: Int
    let phone: String
    /// 0 (quiet) to 3 (multiple, serious needs).
    let level: Int
    var issues: [IssueCase] = []

    /// The address a partner whose knowledge dates from `day` would hold.
    func address(asOf day: Int) -> (address: Address, from: Int) {
        if let previous, let movedOn {
            return day < movedOn ? (previous, settledOn) : (address, movedOn)
        }
        return (address, settledOn)
    }
}
