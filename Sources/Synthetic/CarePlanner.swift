/// One person as one partner knows them, before rendering: the events and
/// involvements the partner recorded about them.
struct PlannedRecord: Sendable {
    let partner: Int
    let member: Int
    /// 0, or 1 for a second record of the same person at the same partner.
    var copy = 0
    var events: [PlannedEvent] = []
    var involvements: [PlannedInvolvement] = []
}

struct PlannedEvent: Sendable {
    let kind: EventKind
    let day: Int
}

struct PlannedInvolvement: Sendable {
    let rule: Int
    /// Which of the rule's services: one that works with people of the member's age.
    let service: Int
    let started: Int
    let ended: Int?
}

/// Turns a household's issues into the partners' records of its members.
///
/// Contract: every member ends up known to at least one partner; records are
/// ordered by partner then member; each event falls inside its issue's period,
/// on or after the member's birth and ``Issue/minimumAge`` (for the subject),
/// and never after the reference day; every event and service fits the
/// member's age on its day (``AgeFit``).
struct CarePlanner: Sendable {
    let reference: Int

    func plan(_ household: Household, _ random: inout SeededGenerator) -> [PlannedRecord] {
        var records: [PlannedRecord] = []
        func slot(_ partner: Int, _ member: Int) -> Int {
            if let found = records.firstIndex(where: { $0.partner == partner && $0.member == member }) {
                return found
            }
            records.append(PlannedRecord(partner: partner, member: member))
            return records.count - 1
        }
        // More events per record in troubled households: the heavy tail.
        let more = [0.52, 0.6, 0.68, 0.75][household.level]
        for issue in household.issues {
            for rule in CareRules.events where rule.issue == issue.issue && random.chance(rule.chance) {
                for member in targets(rule.target, issue, household) {
                    let birth = SyntheticDate(dayNumber: household.members[member].dob)
                    let minimum = member == issue.subject ? issue.issue.minimumAge : 0
                    let earliest = max(issue.from, birth.adding(years: minimum).dayNumber)
                    guard earliest <= issue.until else { continue }
                    let index = slot(rule.partner, member)
                    for _ in 0...random.geometric(more, cap: 10) {
                        let day = random.between(earliest, issue.until)
                        let age = Member.age(born: household.members[member].dob, on: day)
                        // A kind that fits the member's age on the day, or none at all.
                        var kind = rule.events.sample(&random)
                        for _ in 0..<6 where !AgeFit.event(kind).contains(age) { kind = rule.events.sample(&random) }
                        guard AgeFit.event(kind).contains(age) else { continue }
                        records[index].events.append(PlannedEvent(kind: kind, day: day))
                    }
                }
            }
            for (ruleIndex, rule) in CareRules.involvements.enumerated()
            where rule.issue == issue.issue && random.chance(rule.chance) {
                for member in targets(rule.target, issue, household) {
                    let earliest = max(issue.from, household.members[member].dob)
                    guard earliest <= issue.until else { continue }
                    let started = random.between(earliest, issue.until)
                    let age = Member.age(born: household.members[member].dob, on: started)
                    let fitting = rule.services.indices.filter {
                        AgeFit.involvement(workType: rule.workType, service: rule.services[$0]).contains(age)
                    }
                    guard !fitting.isEmpty else { continue }
                    let service = random.pick(fitting)
                    let end = started + random.between(14, 600)
                    let ended = random.chance(0.55) && end <= reference ? end : nil
                    records[slot(rule.partner, member)].involvements.append(
                        PlannedInvolvement(rule: ruleIndex, service: service, started: started, ended: ended))
                }
            }
        }
        listFamilies(&records, household, &random)
        for index in records.indices {
            records[index].events.sort { $0.day < $1.day }
        }
        duplicate(&records, &random)
        records.sort { ($0.partner, $0.member, $0.copy) < ($1.partner, $1.member, $1.copy) }
        return records
    }

    private func targets(_ target: RuleTarget, _ issue: IssueCase, _ household: Household) -> [Int] {
        switch target {
        case .subject: return [issue.subject]
        case .other: return issue.other.map { [$0] } ?? []
        case .children:
            return household.members.indices.filter { household.members[$0].age < 18 }
        }
    }

    /// Some people are recorded twice by one partner (a new record opened
    /// instead of finding the old one); the later events go to the new record.
    private func duplicate(_ records: inout [PlannedRecord], _ random: inout SeededGenerator) {
        for index in records.indices where records[index].events.count >= 2
            && random.chance(PartnerProfile.all[records[index].partner].quality.duplicate) {
            let split = records[index].events.count / 2
            var second = PlannedRecord(partner: records[index].partner, member: records[index].member, copy: 1)
            second.events = Array(records[index].events[split...])
            records[index].events.removeLast(records[index].events.count - split)
            records.append(second)
        }
    }

    /// Schools record pupils and their parents, not the whole household.
    private func mayList(_ partner: Int, _ member: Int, _ household: Household) -> Bool {
        guard partner == PartnerProfile.schools else { return true }
        let age = household.members[member].age
        if (3...18).contains(age) { return true }
        return household.members.contains { $0.age < 19 && $0.parents.contains(member) }
    }

    /// Partners that work with a family often record its other members; anyone
    /// still unknown is known to a partner suited to their age.
    private func listFamilies(_ records: inout [PlannedRecord], _ household: Household,
                              _ random: inout SeededGenerator) {
        let partners = PartnerProfile.all
        var known = [Bool](repeating: false, count: household.members.count)
        for record in records { known[record.member] = true }
        var working: [Int] = []
        for record in records where !working.contains(record.partner) { working.append(record.partner) }
        working.sort()
        for partner in working {
            for member in household.members.indices
            where mayList(partner, member, household)
                && !records.contains(where: { $0.partner == partner && $0.member == member })
                && random.chance(partners[partner].quality.listsFamily) {
                records.append(PlannedRecord(partner: partner, member: member))
                known[member] = true
            }
        }
        for member in household.members.indices where !known[member] {
            let age = household.members[member].age
            let family = working.first {
                partners[$0].quality.listsFamily >= 0.5 && mayList($0, member, household)
            }
            let partner: Int
            if let family {
                partner = family
            } else if age < 4 {
                partner = PartnerProfile.health
            } else if age < 17 {
                partner = PartnerProfile.schools
            } else {
                partner = random.chance(0.6) ? PartnerProfile.health : PartnerProfile.homes
            }
            records.append(PlannedRecord(partner: partner, member: member))
        }
    }
}
