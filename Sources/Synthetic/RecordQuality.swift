/// How carefully one partner records people: the chance of each kind of
/// variation or gap in its people extract.
///
/// Contract: every rate is a probability in 0...1, applied independently per
/// record; a variation never makes a field invalid (a swapped day and month
/// is used only when the swapped date is real and not in the future).
struct RecordQuality: Sendable {
    /// A nickname instead of the given name (Bill for William), where one exists.
    var nickname: Double
    /// One keyboard slip (substitution, transposition, dropped or doubled letter).
    var givenTypo: Double
    var familyTypo: Double
    /// Whether middle names are kept when the person has one.
    var keepMiddle: Double
    var dobMissing: Double
    /// Day and month swapped (American order, or keyed the wrong way round).
    var dobSwap: Double
    /// A digit slip in the day or year.
    var dobTypo: Double
    var sexMissing: Double
    var addressMissing: Double
    var postcodeMissing: Double
    /// Street words abbreviated or the address in capitals.
    var addressStyle: Double
    var nhs: Double
    var phone: Double
    var email: Double
    var uprn: Double
    var cro: Double
    /// Previous surname recorded in `other_names` when the person has one.
    var otherNames: Double
    /// Chance the partner records other members of a household it works with.
    var listsFamily: Double
    /// Chance a family member's row declares how they are related.
    var declaresRelationship: Double
    /// Chance a person with two or more events was recorded twice, as two
    /// records that split the events between them.
    var duplicate: Double

    static let careful = RecordQuality(
        nickname: 0.02, givenTypo: 0.01, familyTypo: 0.01, keepMiddle: 0.8, dobMissing: 0.01,
        dobSwap: 0.01, dobTypo: 0.005, sexMissing: 0.01, addressMissing: 0.03, postcodeMissing: 0.02,
        addressStyle: 0.2, nhs: 0.9, phone: 0.5, email: 0.2, uprn: 0.0, cro: 0.0, otherNames: 0.4,
        listsFamily: 0.5, declaresRelationship: 0.8, duplicate: 0.005)

    static let ordinary = RecordQuality(
        nickname: 0.06, givenTypo: 0.03, familyTypo: 0.025, keepMiddle: 0.4, dobMissing: 0.06,
        dobSwap: 0.025, dobTypo: 0.01, sexMissing: 0.05, addressMissing: 0.08, postcodeMissing: 0.06,
        addressStyle: 0.35, nhs: 0.05, phone: 0.5, email: 0.25, uprn: 0.0, cro: 0.0, otherNames: 0.2,
        listsFamily: 0.2, declaresRelationship: 0.4, duplicate: 0.02)

    static let hurried = RecordQuality(
        nickname: 0.12, givenTypo: 0.05, familyTypo: 0.04, keepMiddle: 0.15, dobMissing: 0.25,
        dobSwap: 0.04, dobTypo: 0.02, sexMissing: 0.1, addressMissing: 0.15, postcodeMissing: 0.1,
        addressStyle: 0.5, nhs: 0.0, phone: 0.7, email: 0.15, uprn: 0.0, cro: 0.0, otherNames: 0.1,
        listsFamily: 0.3, declaresRelationship: 0.5, duplicate: 0.03)

    /// A copy with some rates changed, for partners that differ from a tier.
    func with(_ change: (inout RecordQuality) -> Void) -> RecordQuality {
        var copy = self
        change(&copy)
        return copy
    }
}
