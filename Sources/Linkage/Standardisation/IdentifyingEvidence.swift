/// Whether a record carries anything that can tell one person from another.
///
/// A row with only an address or a phone number says who lives somewhere, not who
/// someone is: linking it would join it to whoever else shares that address. Contract:
/// a record is identifiable when, after standardisation, it has a name (placeholders such
/// as "Unknown" removed), a real date of birth, or a valid NHS or CRO number.
extension LinkageRecord {
    // The name is judged last: standardising it costs more than the other checks together,
    // and a file reader asks this of every row before the row is standardised for real.
    public var hasIdentifyingEvidence: Bool {
        switch BirthDate.parse(dateOfBirth) {
        case .valid(let date), .swapped(let date):
            if !PlaceholderDates.always.contains(date.packed) { return true }
        case .invalid, .missing: break
        }
        if case .valid = IdentifierStandardiser.nhsNumber(nhsNumber) { return true }
        if case .valid = IdentifierStandardiser.croNumber(croNumber) { return true }
        let name = NameStandardiser.standardise(givenNames: givenNames, familyName: familyName, otherNames: otherNames)
        return name.firstGiven != nil || name.family != nil
    }
}
