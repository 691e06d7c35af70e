import Linkage

/// Random households of people who must never be merged (twins, triplets, a parent and
/// child of one name, "Jr" and "Sr"), each with a few records and some records missing a
/// given name or date of birth that could bridge them. Invented names and example
/// postcodes only.
struct Family {
    enum Kind: CaseIterable { case twins, triplets, sameNameParentAndChild, juniorAndSenior, closeNamedTwins }

    var records: [LinkageRecord] = []
    /// True person of each record, by record id.
    var truth: [String: String] = [:]
    /// Records with a given name and a date of birth (not bridges).
    var named: Set<String> = []
    var kind: Kind

    /// Given names that are neither nicknames nor spellings of one another.
    static let givenNames = ["Ava", "Noah", "Isla", "Oscar", "Freya", "Hugo", "Ruby", "Finn", "Mabel", "Tariq", "Zainab", "Wren"]
    /// Twins' names that Jaro-Winkler scores as close spellings but are two registered names.
    static let closeNamePairs = [("Isla", "Isabella"), ("Jack", "Jacob"), ("Oliver", "Olivia"), ("Daniel", "Danielle"),
                                 ("Emily", "Emilia"), ("Harry", "Harvey")]
    static let familyNames = ["Dunmore", "Aldercott", "Penhallow", "Quarrie", "Tregarth", "Okorie"]

    /// `place` picks the postcode district, so that families built for one run do not share
    /// an address by chance.
    init(seed: Int, place: Int = 14) {
        var random = SeededGenerator(seed: UInt64(truncatingIfNeeded: seed) &+ 99)
        kind = Kind.allCases.randomElement(using: &random)!
        let surname = Self.familyNames.randomElement(using: &random)!
        let house = Int.random(in: 1...80, using: &random)
        let phone = "07700 9\(Int.random(in: 10_000...99_999, using: &random))"
        let childYear = Int.random(in: 2008...2020, using: &random)
        let month = Int.random(in: 1...12, using: &random), day = Int.random(in: 13...28, using: &random)
        let childDOB = LinkageRecord.dateOfBirth(year: childYear, month: month, day: day)
        var names = Self.givenNames.shuffled(using: &random)
        // (given name, date of birth, sex) of each person in the household.
        var people: [(String, String, String)] = []
        switch kind {
        case .twins, .triplets:
            for _ in 0..<(kind == .twins ? 2 : 3) {
                people.append((names.removeLast(), childDOB, Bool.random(using: &random) ? "F" : "M"))
            }
        case .closeNamedTwins:
            let (first, second) = Self.closeNamePairs.randomElement(using: &random)!
            let sex = Bool.random(using: &random) ? "F" : "M"
            people.append((first, childDOB, sex))
            people.append((second, childDOB, sex))
        case .sameNameParentAndChild, .juniorAndSenior:
            let given = names.removeLast()
            let sex = Bool.random(using: &random) ? "F" : "M"
            // A parent born on another day of the year (one digit apart in the year and the
            // same day is what a typing slip looks like, so it is not a conflict).
            let parentYear = childYear - Int.random(in: 18...40, using: &random)
            let parentMonth = month % 12 + 1, parentDay = Int.random(in: 1...12, using: &random)
            people.append((given, LinkageRecord.dateOfBirth(year: parentYear, month: parentMonth, day: parentDay), sex))
            people.append((given, childDOB, sex))
        }
        var next = 0
        func add(_ person: Int, given: String?, dob: String?, sex: String?, suffix: String = "") {
            let id = "r\(next)"
            next += 1
            records.append(LinkageRecord(
                recordID: id, source: "test", givenNames: given.map { $0 + suffix }, familyName: surname,
                dateOfBirth: dob, sex: sex, addressLine: "\(house) Quarry Lane", postcode: "SS\(place) 1DL",
                phone: Bool.random(using: &random) ? phone : nil))
            truth[id] = "p\(person)"
            if given != nil, dob != nil { named.insert(id) }
        }
        for (person, (given, dob, sex)) in people.enumerated() {
            let suffix = kind == .juniorAndSenior ? (person == 0 ? " Sr" : " Jr") : ""
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                add(person, given: given, dob: dob, sex: Bool.random(using: &random) ? sex : nil, suffix: suffix)
            }
        }
        // Bridges: a record of one person missing the given name or the date of birth.
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let person = Int.random(in: 0..<people.count, using: &random)
            let (given, dob, sex) = people[person]
            let keepSex = Bool.random(using: &random) ? sex : nil
            if Bool.random(using: &random) {
                add(person, given: nil, dob: dob, sex: keepSex)
            } else {
                add(person, given: given, dob: nil, sex: keepSex)
            }
        }
    }

    /// Pairs of records in one output person that belong to different true people.
    func falseMerges(_ personOf: (String) -> Int?) -> [(String, String)] {
        var out: [(String, String)] = []
        let ids = records.map(\.recordID)
        for x in ids.indices {
            for y in (x + 1)..<ids.count {
                let a = ids[x], b = ids[y]
                guard let pa = personOf(a), pa == personOf(b), truth[a] != truth[b] else { continue }
                out.append((a, b))
            }
        }
        return out
    }
}
