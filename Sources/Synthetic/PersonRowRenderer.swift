/// Writes one partner's people row for one true person, with that partner's
/// habits and slips: nicknames, typos, swapped day and month, gaps, an old
/// address or a previous surname.
///
/// Contract: the row has the 17 columns of ``PartnerProfile/peopleColumns``
/// and passes every rule of `docs/import-format.md`: dates are real and not
/// after the reference day, postcodes are UK-shaped, NHS numbers pass
/// modulus 11, CRO numbers have the `NNNNNN/YYL` shape.
struct PersonRowRenderer: Sendable {
    let reference: Int

    struct Relation: Sendable {
        let recordID: String
        let relationship: String
    }

    func row(member: Member, household: Household, partner: PartnerProfile, recordID: String,
             asOf: Int, relation: Relation?, _ random: inout SeededGenerator) -> String {
        let quality = partner.quality
        let age = member.age
        var line = CSVLine(capacity: 220)
        line.add(recordID)

        let name = member.givenName
        var given = name.name
        if !name.nicknames.isEmpty && random.chance(quality.nickname) {
            given = random.pick(name.nicknames)
        }
        if random.chance(quality.givenTypo) { given = NameVariation.typo(given, &random) }
        if let middle = member.middle, random.chance(quality.keepMiddle) {
            given += " " + GivenNames.name(middle, female: member.female).name
        }
        line.add(given)

        var family = member.family
        var other: String?
        if let previous = member.previousFamily {
            if let renamed = member.renamedOn, asOf < renamed {
                family = previous
            } else if random.chance(quality.otherNames) {
                other = previous
            }
        }
        if random.chance(quality.familyTypo) { family = NameVariation.typo(family, &random) }
        if partner.kind == "police" && random.chance(0.3) { family = family.uppercased() }
        line.add(family)
        line.add(other)

        line.add(dateOfBirth(member.dob, quality: quality, british: partner.britishDates, &random))

        if random.chance(quality.sexMissing) {
            line.add(random.chance(0.3) ? "U" : nil)
        } else if partner.sexAsWords {
            line.add(member.female ? "female" : "male")
        } else {
            line.add(member.female ? "F" : "M")
        }

        let (address, from) = household.address(asOf: asOf)
        if random.chance(quality.addressMissing) {
            line.add(nil)
            line.add(random.chance(quality.postcodeMissing) ? nil : address.postcode)
            line.add(nil)
            line.add(nil)
        } else {
            let styled = random.chance(quality.addressStyle)
                ? NameVariation.restyle(address: address.line, &random) : address.line
            line.add(styled)
            line.add(random.chance(quality.postcodeMissing)
                     ? nil : NameVariation.restyle(postcode: address.postcode, &random))
            line.add(random.chance(quality.uprn) ? String(address.uprn) : nil)
            let since = max(from, member.dob)
            line.add(random.chance(0.5) ? date(since, british: partner.britishDates) : nil)
        }

        // Children's records carry the family's number as a contact.
        let phoneChance = age >= 16 ? quality.phone : quality.phone * 0.4
        line.add(random.chance(phoneChance) ? NameVariation.restyle(phone: household.phone, &random) : nil)
        line.add(member.email != nil && random.chance(quality.email) ? member.email : nil)
        if let nhs = member.nhs, random.chance(quality.nhs) {
            line.add(IdentityNumbers.formatNHS(nhs, style: random.below(3)))
        } else {
            line.add(nil)
        }
        line.add(member.cro != nil && random.chance(quality.cro) ? member.cro : nil)
        line.add(relation?.recordID)
        line.add(relation?.relationship)
        line.add(SyntheticEthnicity.recorded(for: member, household: household, by: partner))
        return line.text
    }

    func date(_ day: Int, british: Bool) -> String {
        let date = SyntheticDate(dayNumber: min(day, reference))
        return british ? date.british : date.iso
    }

    /// The date of birth as recorded: missing, swapped or slipped, but always
    /// a real day no later than the reference day.
    private func dateOfBirth(_ dob: Int, quality: RecordQuality, british: Bool,
                             _ random: inout SeededGenerator) -> String? {
        if random.chance(quality.dobMissing) { return nil }
        let truth = SyntheticDate(dayNumber: dob)
        var recorded = truth
        if random.chance(quality.dobSwap), truth.day <= 12, truth.day != truth.month,
           let swapped = SyntheticDate(year: truth.year, month: truth.day, day: truth.month) {
            recorded = swapped
        } else if random.chance(quality.dobTypo) {
            switch random.below(3) {
            case 0: recorded = SyntheticDate(year: truth.year, month: truth.month, day: truth.day % 28 + 1) ?? truth
            case 1: recorded = truth.adding(years: random.chance(0.5) ? 1 : -1)
            default: recorded = truth.adding(years: -10)
            }
        }
        if recorded.dayNumber > reference { recorded = truth }
        return british ? recorded.british : recorded.iso
    }
}
