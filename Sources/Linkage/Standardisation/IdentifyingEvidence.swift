/// Whether a record carries anything that can tell one person from another.
///
/// A row with only an address or a phone number says who lives somewhere, not who
/// someone is: linking it would join it to whoever else shares that address. Contract:
/// a record is identifiable when, after standardisation, it has a name (placeholders such
/// as "Unknown" removed), a real date of birth, or a valid NHS or CRO number.
extension LinkageRecord {
    public var hasIdentifyingEvidence: Bool {
        let name = NameStandardiser.standardise(givenNames: givenNames, familyName: familyName, otherNames: otherNames)
        if name.firstGiven != nil || name.family != nil { return true }
        switch BirthDate.parse(dateOfBirth) {
        case .valid(let date), .swapped(let date):
            if !PlaceholderDates.always.contains(date.packed) { return true }
        case .invalid, .missing: break
        }
        if case .valid = IdentifierStandardiser.nhsNumber(nhsNumber) { return true }
        if case .valid = IdentifierStandardiser.croNumber(croNumber) { return true }
        return false
    }
}
