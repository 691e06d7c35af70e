/// Person evidence on which two records disagree outright: the facts that do not change
/// over a life the way surnames, addresses and phone numbers do.
///
/// Use it to apply the cannot-link rule: two records with any conflict are different
/// people (twins, triplets, a parent and child of one name) and are never put in one
/// person, directly or through a chain of records, unless a reviewer says otherwise.
/// Contract: empty when the records agree, when either side is missing the field, or when
/// a valid NHS or CRO number is the same on both (a strong identifier outweighs a
/// mistyped name or date). Given names conflict only when they are not the same, a known
/// nickname (even with one typing slip) or other given name, a close spelling or a
/// matching initial; when they are two commonly registered names more than one slip apart
/// that merely look alike (Isla and Isabella); when one partner keeps the two records
/// under two registered names that are forms of one another (twins Alexander and Alfie on
/// one roll) and the run learned that one partner's two records are usually two people;
/// or when the given names agree and both middle names are written but differ; dates of birth when they are further apart than a day/month swap and a
/// one-part typing slip; sex only when one record says male and the other female.
public struct PersonConflict: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let givenName = PersonConflict(rawValue: 1)
    public static let sex = PersonConflict(rawValue: 2)
    public static let dateOfBirth = PersonConflict(rawValue: 4)

    /// Fields in the order a reviewer reads them.
    public var fields: [ComparisonField] {
        var out: [ComparisonField] = []
        if contains(.givenName) { out.append(.givenName) }
        if contains(.dateOfBirth) { out.append(.dateOfBirth) }
        if contains(.sex) { out.append(.sex) }
        return out
    }

    /// "different given name and different sex"
    public var description: String {
        let words = fields.map { field -> String in
            switch field {
            case .givenName: "different given name"
            case .dateOfBirth: "dates of birth far apart"
            default: "different sex"
            }
        }
        switch words.count {
        case 0: return "no conflict"
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
        }
    }
}

extension RecordComparator {
    /// The cannot-link test between two records (see `PersonConflict`). Reads only the
    /// name, date, sex and identifier arrays; allocates nothing.
    @inline(__always)
    func personConflict(_ i: Int, _ j: Int) -> PersonConflict {
        let r = records
        let a = min(i, j), b = max(i, j)
        let x = row(a).pointee, y = row(b).pointee
        if x.nhs != 0, x.nhs == y.nhs { return [] }
        if x.cro != 0, x.cro == y.cro { return [] }
        var conflict: PersonConflict = []
        let ga = x.given, gb = y.given
        if ga >= 0, gb >= 0 {
            let level = nameLevels(a, b).0
            if level == 6, !NicknameTable.shareGroup(r.names.nearNicknameGroups[Int(ga)], r.names.nearNicknameGroups[Int(gb)]) {
                conflict.insert(.givenName)
            } else if level == 3 || level == 4, distinctKnownNames(ga, gb) {
                // Isla and Isabella, Jack and Jacob: spelt alike, but two names a family chose.
                conflict.insert(.givenName)
            } else if level == 1, middleNamesConflict(x.middle, y.middle) {
                // Brothers both called Muhammad, one Muhammad Leo and one Muhammad Tyler.
                conflict.insert(.givenName)
            } else if level == 2, twoRegisteredNamesOnOnePartnersRecords(a, b) {
                // Twins Alexander and Alfie on one school roll: the nickname table files
                // Alfie under Alexander, but a partner keeping two records under two names
                // each registered in its own right is keeping two children.
                conflict.insert(.givenName)
            }
        }
        // Beyond a swap or a one-part slip: "same year only" and "within two years" are as
        // much a different birthday as ten years apart.
        if dateLevel(a, b) >= 4, !swapAndSlip(x.birthDate, y.birthDate) { conflict.insert(.dateOfBirth) }
        let sa = x.sex, sb = y.sex
        if sa != sb, sa == RecordedSex.male.rawValue || sa == RecordedSex.female.rawValue,
           sb == RecordedSex.male.rawValue || sb == RecordedSex.female.rawValue {
            conflict.insert(.sex)
        }
        return conflict
    }

    /// Day and month swapped and one part mistyped as well (2001-08-10, 2000-10-08): two
    /// slips, but still one birthday rather than two.
    @inline(__always)
    private func swapAndSlip(_ x: Int32, _ y: Int32) -> Bool {
        let day = y % 100, month = y / 100 % 100
        guard day >= 1, day <= 12 else { return false }
        let swapped = y / 10_000 * 10_000 + day * 100 + month
        return BirthDateAgreement.compare(x, swapped).rawValue <= BirthDateAgreement.oneComponentOff.rawValue
    }

    /// Two commonly registered given names, neither a nickname or transliteration of the
    /// other, more than one typing slip apart: alike to Jaro-Winkler, but not one name
    /// mistyped (a slip of a known name rarely makes another one two edits away).
    @inline(__always)
    private func distinctKnownNames(_ ga: Int32, _ gb: Int32) -> Bool {
        let names = records.names
        guard names.knownGiven[Int(ga)], names.knownGiven[Int(gb)] else { return false }
        if NicknameTable.shareGroup(names.nicknameGroups[Int(ga)], names.nicknameGroups[Int(gb)]) { return false }
        return !names.isOneEditApart(ga, gb)
    }

    /// Two records one partner keeps under different ids whose given names differ, are
    /// forms of one another (not one record's middle name) and are both commonly registered
    /// names, where the run's model says one partner's two records are usually two people.
    /// A nickname is what one partner writes where another writes the registered name; one
    /// partner holding a child twice, once under each of two registered names, is rarer
    /// than twins whose names the table calls forms of one another.
    @inline(__always)
    private func twoRegisteredNamesOnOnePartnersRecords(_ a: Int, _ b: Int) -> Bool {
        let x = row(a).pointee, y = row(b).pointee
        guard partnersKeepPeopleApart, x.partner != 0, x.partner == y.partner else { return false }
        let ga = x.given, gb = y.given
        guard ga != gb, ga != y.middle, x.middle != gb else { return false }
        let names = records.names
        guard names.knownGiven[Int(ga)], names.knownGiven[Int(gb)] else { return false }
        // Only where one of them is filed under two formal names (Alfie under Alexander and
        // Alfred): a name of its own more often than the pet form of either. One partner's
        // duplicate record writing Billy for William stays one person.
        return names.nicknameGroups[Int(ga)] >> 16 != 0 || names.nicknameGroups[Int(gb)] >> 16 != 0
    }

    /// Two middle names, both written out in full, that are not forms of one another.
    @inline(__always)
    private func middleNamesConflict(_ ma: Int32, _ mb: Int32) -> Bool {
        if ma < 0 || mb < 0 || ma == mb { return false }
        let names = records.names
        if names.length(ma) == 1 || names.length(mb) == 1 { return names.firstByte(ma) != names.firstByte(mb) }
        if NicknameTable.shareGroup(names.nearNicknameGroups[Int(ma)], names.nearNicknameGroups[Int(mb)]) { return false }
        return names.similarity(ma, mb) < 0.80 && !names.isOneEditApart(ma, mb)
    }

    /// Whether two records carry the same person evidence, so that a cluster needs to keep
    /// only one of them to check the cannot-link rule against newcomers. Every array
    /// `personConflict` reads is compared, so the answer is exact, never a hash.
    @inline(__always)
    func sameIdentity(_ i: Int, _ j: Int) -> Bool {
        let x = row(i).pointee, y = row(j).pointee
        return x.given == y.given && x.family == y.family && x.middle == y.middle
            && x.familyPartA == y.familyPartA && x.birthDate == y.birthDate && x.sex == y.sex
            && x.nhs == y.nhs && x.cro == y.cro
            && (!partnersKeepPeopleApart || x.partner == y.partner)
    }
}
