/// A rule that proposes candidate pairs: records that share the rule's key are compared.
///
/// Linkage unions several rules so that a pair missed by one (a typo in the surname) is
/// caught by another (same date of birth). Contract: a record with a missing part of a
/// rule's key gets no key for that rule; keys are 64-bit hashes, never 0.
public enum BlockingRule: Int, CaseIterable, Codable, Sendable {
    /// Same valid NHS number.
    case nhsNumber
    /// Same date of birth, with day and month in either order.
    case dateOfBirth
    /// Surname sounds alike and same year and month of birth.
    case surnameSoundAndBirthMonth
    /// Same full postcode and same first letter of given name.
    case postcodeAndInitial
    /// Same phone number.
    case phone
    /// Same email address.
    case email
    /// Same given name (or nickname group) and same postcode sector.
    case givenNameAndSector
    /// Given name (or nickname group) and surname sounds alike.
    case givenNameAndSurnameSound
    /// Same CRO number.
    case croNumber
    /// Same UPRN (property reference).
    case uprn
    /// Same house (or flat) number in the same full postcode.
    case houseAndPostcode
    /// Same house number and first street word, and surname sounds alike (catches a
    /// missing or mistyped postcode).
    case houseStreetAndSurnameSound
    /// Given name and surname sound alike in either order, in the same postcode area
    /// (catches given and family name written the wrong way round).
    case namesEitherOrderAndArea
    /// Same house number and first street word in the same postcode area, and the same two
    /// initials in either order (catches a surname typo or swapped names where the postcode
    /// was mistyped too).
    case houseStreetAndInitials

    public var summaryName: String {
        switch self {
        case .nhsNumber: "nhs-number"
        case .dateOfBirth: "date-of-birth"
        case .surnameSoundAndBirthMonth: "surname-sound+birth-month"
        case .postcodeAndInitial: "postcode+initial"
        case .phone: "phone"
        case .email: "email"
        case .givenNameAndSector: "given-name+postcode-sector"
        case .givenNameAndSurnameSound: "given-name+surname-sound"
        case .croNumber: "cro-number"
        case .uprn: "uprn"
        case .houseAndPostcode: "house+postcode"
        case .houseStreetAndSurnameSound: "house+street+surname-sound"
        case .namesEitherOrderAndArea: "names-either-order+postcode-area"
        case .houseStreetAndInitials: "house+street+initials"
        }
    }

    /// A key that names one person (NHS or CRO number): its pairs are one person however
    /// alike their relatives look.
    var isPersonIdentifier: Bool { self == .nhsNumber || self == .croNumber }

    /// Fields whose evidence is biased among this rule's pairs, so EM does not learn their
    /// match probabilities from them.
    var fieldsFixedDuringTraining: Set<ComparisonField> {
        switch self {
        case .nhsNumber: [.nhsNumber]
        case .dateOfBirth: [.dateOfBirth]
        case .surnameSoundAndBirthMonth: [.familyName, .dateOfBirth]
        case .postcodeAndInitial: [.address, .givenName]
        case .phone: [.phone]
        case .email: [.email]
        case .givenNameAndSector: [.givenName, .address]
        case .givenNameAndSurnameSound: [.givenName, .familyName]
        case .croNumber: [.croNumber]
        case .uprn, .houseAndPostcode: [.address]
        case .houseStreetAndSurnameSound: [.address, .familyName]
        case .namesEitherOrderAndArea, .houseStreetAndInitials: [.givenName, .familyName, .address]
        }
    }

    /// The key of record `i`, or 0 when the record lacks a part of it.
    func key(_ r: StandardisedRecords, _ i: Int) -> UInt64 {
        let tag = UInt64(rawValue + 1)
        switch self {
        case .nhsNumber: return r.nhs[i] == 0 ? 0 : TextFolding.combine(tag, r.nhs[i])
        case .croNumber: return r.cro[i] == 0 ? 0 : TextFolding.combine(tag, r.cro[i])
        case .phone: return r.phone[i] == 0 ? 0 : TextFolding.combine(tag, r.phone[i])
        case .email: return r.email[i] == 0 ? 0 : TextFolding.combine(tag, r.email[i])
        case .uprn: return r.uprn[i] == 0 ? 0 : TextFolding.combine(tag, r.uprn[i])
        case .houseAndPostcode:
            let p = r.postcode[i], h = r.house[i]
            if p == 0, h != 0, let written = Self.writtenPostcode(r, i) {
                return TextFolding.combine(TextFolding.combine(tag, written), UInt64(UInt32(bitPattern: h)) << 2 ^ UInt64(UInt32(bitPattern: r.flat[i])))
            }
            if p & 0x3FFF == 0 || h == 0 { return 0 }
            return TextFolding.combine(tag, p << 24 | UInt64(UInt32(bitPattern: h)) << 2 ^ UInt64(UInt32(bitPattern: r.flat[i])))
        case .houseStreetAndSurnameSound:
            // A flat in a named building keys by its flat number, as "20 Westbury Court" does.
            let h = r.house[i] != 0 ? r.house[i] : r.flat[i], street = r.street[i * StandardisedRecords.streetSlots], f = r.family[i]
            if h == 0 || street == 0 || f < 0 { return 0 }
            let place = UInt64(UInt32(bitPattern: h)) << 32 | UInt64(street)
            return TextFolding.combine(TextFolding.combine(tag, place), UInt64(r.names.phonetic[Int(f)]))
        case .namesEitherOrderAndArea:
            let g = r.given[i], f = r.family[i], area = Self.postcodeArea(r, i)
            if g < 0 || f < 0 || area == 0 { return 0 }
            let a = UInt64(r.names.phonetic[Int(g)]), b = UInt64(r.names.phonetic[Int(f)])
            return TextFolding.combine(TextFolding.combine(tag, min(a, b) << 32 | max(a, b)), area)
        case .houseStreetAndInitials:
            let h = r.house[i] != 0 ? r.house[i] : r.flat[i], street = r.street[i * StandardisedRecords.streetSlots]
            let g = r.given[i], f = r.family[i], area = Self.postcodeArea(r, i)
            if h == 0 || street == 0 || g < 0 || f < 0 || area == 0 { return 0 }
            let a = UInt64(r.names.firstByte(g)), b = UInt64(r.names.firstByte(f))
            let place = UInt64(UInt32(bitPattern: h)) << 32 | UInt64(street)
            return TextFolding.combine(TextFolding.combine(TextFolding.combine(tag, place), area), min(a, b) << 8 | max(a, b))
        case .dateOfBirth:
            let d = r.birthDate[i]
            if d == 0 { return 0 }
            let month = d / 100 % 100, day = d % 100
            return TextFolding.combine(tag, UInt64(d / 10_000) << 16 | UInt64(min(month, day)) << 8 | UInt64(max(month, day)))
        case .surnameSoundAndBirthMonth:
            let f = r.family[i], d = r.birthDate[i]
            if f < 0 || d == 0 { return 0 }
            return TextFolding.combine(tag, UInt64(r.names.phonetic[Int(f)]) << 24 | UInt64(d / 100))
        case .postcodeAndInitial:
            let p = r.postcode[i], g = r.given[i]
            if p == 0, g >= 0, let written = Self.writtenPostcode(r, i) {
                return TextFolding.combine(TextFolding.combine(tag, written), UInt64(r.names.firstByte(g)))
            }
            if p & 0x3FFF == 0 || g < 0 { return 0 }
            return TextFolding.combine(tag, p << 8 | UInt64(r.names.firstByte(g)))
        case .givenNameAndSector:
            let p = r.postcode[i], g = r.given[i]
            if p & 0x3FFF == 0 || g < 0 { return 0 }
            return TextFolding.combine(tag, Self.givenKey(r, g) << 32 | (p >> 10))
        case .givenNameAndSurnameSound:
            let f = r.family[i], g = r.given[i]
            if f < 0 || g < 0 { return 0 }
            return TextFolding.combine(tag, Self.givenKey(r, g) << 32 | UInt64(r.names.phonetic[Int(f)]))
        }
    }

    /// A second key that splits one of this rule's blocks when it is too large to compare
    /// pair by pair (a common date of birth, a common name in a dense area), or 0 when the
    /// record lacks it. Each is chosen to keep the pairs the rule exists to find: the date
    /// of birth rule finds a woman whose surname changed, so it is split by given name, not
    /// by surname; rules on names are split by year of birth, and so on. Pairs from split
    /// blocks are not used to train the model, since the second key biases its field.
    func refinement(_ r: StandardisedRecords, _ i: Int) -> UInt64 {
        switch self {
        case .nhsNumber, .croNumber:
            return 0
        case .dateOfBirth, .postcodeAndInitial:
            let g = r.given[i]
            return g < 0 ? 0 : Self.givenKey(r, g)
        case .surnameSoundAndBirthMonth, .houseStreetAndSurnameSound:
            let g = r.given[i]
            return g < 0 ? 0 : UInt64(r.names.firstByte(g))
        case .givenNameAndSector, .givenNameAndSurnameSound:
            let d = r.birthDate[i]
            return d == 0 ? 0 : UInt64(d / 10_000)
        case .phone, .email, .uprn, .houseAndPostcode:
            let f = r.family[i]
            return f < 0 ? 0 : UInt64(r.names.phonetic[Int(f)])
        case .namesEitherOrderAndArea, .houseStreetAndInitials:
            // The full postcode: swapped names often come with a different date of birth.
            let p = r.postcode[i]
            return p != 0 ? p : r.postcodeText[i]
        }
    }

    /// The postcode's area, coarse enough to survive a slip in its last characters: the
    /// district (outward code) of a UK postcode, or the first half of a postcode that is
    /// not UK-shaped, as written. 0 when there is none.
    @inline(__always)
    static func postcodeArea(_ r: StandardisedRecords, _ i: Int) -> UInt64 {
        let p = r.postcode[i]
        if p != 0 { return p >> 14 }
        let text = r.postcodeText[i]
        if text == 0 { return 0 }
        let kept = (FieldText.length(text) + 1) / 2
        return text & ~(UInt64.max >> UInt64(8 * kept)) | 1 << 63
    }

    /// The text of a postcode that is not UK-shaped (a foreign or mistyped one), as written,
    /// so records that share it still meet: kept as evidence, not dropped as missing. The
    /// high bit keeps these keys apart from any UK postcode's.
    @inline(__always)
    static func writtenPostcode(_ r: StandardisedRecords, _ i: Int) -> UInt64? {
        let text = r.postcodeText[i]
        return text == 0 ? nil : text | 1 << 63
    }

    /// A given name's nickname group when it has one, else the name itself.
    @inline(__always)
    static func givenKey(_ r: StandardisedRecords, _ g: Int32) -> UInt64 {
        let group = r.names.nicknameGroups[Int(g)] & 0xFFFF
        return group != 0 ? UInt64(group) : UInt64(g) + 0x1_0000
    }
}
