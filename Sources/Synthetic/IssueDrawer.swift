/// Decides which issues a household has in the five years, whom each is
/// about and when it happens.
///
/// Contract: quiet households (level 0) get one light issue, troubled ones
/// more (level 3: four to six), so a minority of households carry multiple
/// needs for case finding; every issue's period lies inside the five years
/// and starts no earlier than its subject's ``Issue/minimumAge``.
struct IssueDrawer: Sendable {
    let reference: Int
    let windowStart: Int

    func draw(for household: Household, _ random: inout SeededGenerator) -> [IssueCase] {
        let wanted: Int
        switch household.level {
        case 0: wanted = random.chance(0.15) ? 2 : 1
        case 1: wanted = random.chance(0.6) ? 2 : 1
        case 2: wanted = 2 + random.below(2)
        default: wanted = 4 + random.below(3)
        }
        var drawn: [IssueCase] = []
        var used: [Issue] = []
        for _ in 0..<wanted * 3 where drawn.count < wanted {
            guard let issue = pick(light: household.level == 0, excluding: used, &random) else { break }
            used.append(issue)
            if let found = place(issue, in: household, &random) { drawn.append(found) }
        }
        return drawn
    }

    private func pick(light: Bool, excluding used: [Issue], _ random: inout SeededGenerator) -> Issue? {
        var total = 0
        for issue in Issue.allCases where !used.contains(issue) {
            total += light ? issue.lightWeight : issue.fullWeight
        }
        guard total > 0 else { return nil }
        var ticket = random.below(total)
        for issue in Issue.allCases where !used.contains(issue) {
            ticket -= light ? issue.lightWeight : issue.fullWeight
            if ticket < 0 { return issue }
        }
        return nil
    }

    /// Chooses the subject (and other party) and the period, or nil when no member fits.
    private func place(_ issue: Issue, in household: Household, _ random: inout SeededGenerator) -> IssueCase? {
        let members = household.members
        let ages = members.map { $0.age }
        func choose(_ fits: (Int) -> Bool, preferMale: Bool = false) -> Int? {
            let candidates = members.indices.filter(fits)
            guard !candidates.isEmpty else { return nil }
            if preferMale, random.chance(0.75), let male = candidates.first(where: { !members[$0].female }) {
                return male
            }
            return candidates[random.below(candidates.count)]
        }
        var other: Int?
        let subject: Int?
        switch issue {
        case .crimeVictim: subject = choose { ages[$0] >= 12 }
        case .domesticAbuse:
            subject = choose({ ages[$0] >= 18 && members[$0].female }) ?? choose { ages[$0] >= 18 }
            if let subject, let partner = members[subject].partner, ages[partner] >= 16 { other = partner }
        case .asb: subject = choose({ ages[$0] >= 12 }, preferMale: true)
        case .offending: subject = choose({ ages[$0] >= 14 && ages[$0] < 70 }, preferMale: true)
        case .substance: subject = choose { ages[$0] >= 16 && ages[$0] < 75 }
        case .mentalHealth: subject = choose { ages[$0] >= 12 }
        case .childProtection, .send: subject = choose { ages[$0] < 18 && ages[$0] >= issue.minimumAge + 1 }
        case .schoolConcern: subject = choose { ages[$0] >= 6 && ages[$0] <= 16 }
        case .housing, .financial: subject = choose { ages[$0] >= 18 }
        case .exploitation: subject = choose { ages[$0] >= 11 && ages[$0] <= 17 }
        case .adultVulnerability: subject = choose { ages[$0] >= 65 }
        case .fire: subject = choose { ages[$0] >= 10 }
        }
        guard let subject else { return nil }
        let birth = SyntheticDate(dayNumber: members[subject].dob)
        let earliest = max(windowStart, birth.adding(years: issue.minimumAge).dayNumber)
        guard earliest <= reference else { return nil }
        let from = random.between(earliest, reference)
        let until = min(reference, from + random.between(30, 900))
        return IssueCase(issue: issue, subject: subject, other: other, from: from, until: until)
    }
}
