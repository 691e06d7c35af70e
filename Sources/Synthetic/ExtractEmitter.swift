/// Writes a planned household's rows into the partners' extracts and the
/// ground truth, numbering each partner's records as it goes.
///
/// Contract: each partner's record ids are unique across the run; every
/// people row gets one ground-truth row; events and involvements refer to a
/// people row of the same partner written before them; declared relationships
/// point at another record of the same partner and household.
struct ExtractEmitter {
    let reference: Int
    let windowStart: Int
    let gazetteer: Gazetteer
    private let people: PersonRowRenderer
    private var personCounters: [Int]
    private var eventCounters: [Int]
    private var involvementCounters: [Int]
    private(set) var summary: GenerationSummary

    init(reference: Int, windowStart: Int, gazetteer: Gazetteer) {
        self.reference = reference
        self.windowStart = windowStart
        self.gazetteer = gazetteer
        people = PersonRowRenderer(reference: reference)
        let count = PartnerProfile.all.count
        personCounters = [Int](repeating: 0, count: count)
        eventCounters = [Int](repeating: 0, count: count)
        involvementCounters = [Int](repeating: 0, count: count)
        summary = GenerationSummary(partners: PartnerProfile.all.map(\.slug))
    }

    mutating func emit(_ household: Household, _ records: [PlannedRecord], _ random: inout SeededGenerator,
                       into sink: inout some ExtractSink) {
        let partners = PartnerProfile.all
        var ids: [String] = []
        ids.reserveCapacity(records.count)
        for record in records {
            let partner = record.partner
            ids.append(IdentityNumbers.recordID(prefix: partners[partner].personPrefix,
                                                counter: personCounters[partner], salt: partner * 3))
            personCounters[partner] += 1
        }
        let householdID = GenerationSummary.householdID(household.index)
        let totalInvolvements = records.reduce(0) { $0 + $1.involvements.count }
        var leadGiven = totalInvolvements < 2
        for (index, record) in records.enumerated() {
            let partner = partners[record.partner]
            let member = household.members[record.member]
            let asOf = record.events.last?.day ?? record.involvements.last?.started
                ?? random.between(max(windowStart, member.dob), reference)
            let relation = relation(for: index, records, ids, household, partner, &random)
            sink.write(file: partner.peopleFile, line: people.row(
                member: member, household: household, partner: partner, recordID: ids[index],
                asOf: asOf, relation: relation, &random))
            var truth = CSVLine(capacity: 64)
            truth.add(partner.slug)
            truth.add(ids[index])
            truth.add(GenerationSummary.personID(member.person))
            truth.add(householdID)
            sink.write(file: PartnerProfile.groundTruthFile, line: truth.text)
            summary.peopleRows[record.partner] += 1

            for event in record.events {
                sink.write(file: partner.eventsFile, line: eventRow(
                    event, personID: ids[index], partner: record.partner, household: household, &random))
                summary.eventRows[record.partner] += 1
            }
            for involvement in record.involvements {
                let lead = !leadGiven
                leadGiven = true
                sink.write(file: partner.involvementsFile, line: involvementRow(
                    involvement, personID: ids[index], partner: record.partner, lead: lead, &random))
                summary.involvementRows[record.partner] += 1
            }
        }
        summary.households += 1
        summary.people += household.members.count
    }

    /// The relationship this record's row declares, if the partner records one.
    private func relation(for index: Int, _ records: [PlannedRecord], _ ids: [String], _ household: Household,
                          _ partner: PartnerProfile, _ random: inout SeededGenerator) -> PersonRowRenderer.Relation? {
        let record = records[index]
        let member = household.members[record.member]
        func recordOf(_ other: Int) -> Int? {
            records.firstIndex { $0.partner == record.partner && $0.member == other && $0.copy == 0 }
        }
        var found: (Int, String)?
        if let parent = member.parents.lazy.compactMap(recordOf).first {
            let parentAge = household.members[records[parent].member].age
            let caring = parentAge >= 70 && member.age >= 18 && random.chance(0.4)
            found = (parent, caring ? "carer" : "child")
        } else if let partnerIndex = member.partner, partnerIndex < record.member, let other = recordOf(partnerIndex) {
            found = (other, "partner")
        } else if !member.parents.isEmpty,
                  let sibling = household.members.indices.first(where: {
                      $0 < record.member && household.members[$0].parents == member.parents && recordOf($0) != nil
                  }) {
            found = (recordOf(sibling)!, "sibling")
        }
        guard let found, random.chance(partner.quality.declaresRelationship) else { return nil }
        return PersonRowRenderer.Relation(recordID: ids[found.0], relationship: found.1)
    }

    private mutating func eventRow(_ event: PlannedEvent, personID: String, partner index: Int,
                                   household: Household, _ random: inout SeededGenerator) -> String {
        let partner = PartnerProfile.all[index]
        var line = CSVLine(capacity: 200)
        line.add(IdentityNumbers.recordID(prefix: partner.eventPrefix, counter: eventCounters[index],
                                          salt: index * 3 + 1))
        eventCounters[index] += 1
        line.add(personID)
        line.add(event.kind.category)
        line.add(event.kind.role)
        line.add(people.date(event.day, british: partner.britishDates))
        line.add(random.chance(0.85) ? EventVocabulary.summary(for: event.kind.category, &random) : nil)
        let place = random.below(20)
        if place < 9 {
            line.add(household.address(asOf: event.day).address.postcode)
        } else if place < 15 {
            line.add(gazetteer.postcode(anyStreet: &random))
        } else {
            line.add(nil)
        }
        if EventVocabulary.opinionCategories.contains(event.kind.category) && random.chance(0.3) {
            line.add("opinion")
            line.add(EventVocabulary.opinionBasis(for: event.kind.category, &random))
        } else {
            line.add(random.chance(0.5) ? "fact" : nil)
            line.add(nil)
        }
        var latest = event.day
        if random.chance(0.6) {
            latest = min(reference, event.day + random.between(0, 120))
            line.add(people.date(latest, british: partner.britishDates))
        } else {
            line.add(nil)
        }
        if event.day + 30 <= reference && random.chance(0.65) {
            line.add(people.date(min(reference, latest + random.between(0, 200)), british: partner.britishDates))
        } else {
            line.add(nil)
        }
        return line.text
    }

    private mutating func involvementRow(_ involvement: PlannedInvolvement, personID: String, partner index: Int,
                                         lead: Bool, _ random: inout SeededGenerator) -> String {
        let partner = PartnerProfile.all[index]
        let rule = CareRules.involvements[involvement.rule]
        let service = rule.services[involvement.service]
        var line = CSVLine(capacity: 200)
        line.add(IdentityNumbers.recordID(prefix: partner.involvementPrefix, counter: involvementCounters[index],
                                          salt: index * 3 + 2))
        involvementCounters[index] += 1
        line.add(personID)
        line.add(service)
        line.add(rule.workType)
        if random.chance(0.8) {
            let female = random.chance(0.7)
            let given = GivenNames.name(GivenNames.draw(female: female, birthYear: 1985, &random), female: female)
            line.add(given.name + " " + Surnames.draw(&random))
        } else {
            line.add(nil)
        }
        line.add(random.chance(0.9) ? rule.workerRole : nil)
        line.add(lead ? "yes" : (random.chance(0.5) ? "no" : nil))
        line.add(random.chance(0.6) ? ExtractEmitter.teamEmail(service, partner: partner) : nil)
        line.add(people.date(involvement.started, british: partner.britishDates))
        line.add(involvement.ended.map { people.date($0, british: partner.britishDates) })
        return line.text
    }

    /// `early.help.team.north@harrowmere-council.example.org` from a service name.
    static func teamEmail(_ service: String, partner: PartnerProfile) -> String {
        HouseholdBuilder.asciiLetters(service, spacesAsDots: true) + "@" + partner.slug + ".example.org"
    }
}
