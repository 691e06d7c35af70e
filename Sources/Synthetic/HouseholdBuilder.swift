/// Builds the true households of the fictional population: who lives
/// together, their names, ages, identifiers and address history.
///
/// Contract: a household depends only on the seed and its index (each has its
/// own random stream), has 1-7 members, and no date of birth, move or
/// surname change after the reference day.
struct HouseholdBuilder: Sendable {
    let seed: UInt64
    let reference: Int
    let windowStart: Int
    let gazetteer: Gazetteer
    /// Current addresses use slots below this; earlier ones the slots above.
    let previousSlotBase: Int

    private enum Composition: Sendable {
        case single, couple, family, loneParent, threeGenerations, adultChildren, sharers
    }

    private static let compositions = WeightedTable<Composition>([
        (.single, 27), (.couple, 22), (.family, 22), (.loneParent, 12), (.threeGenerations, 5),
        (.adultChildren, 7), (.sharers, 5),
    ])

    /// Adult age bands (lowest age, weight), roughly the shape of an English borough.
    private static let adultAges = WeightedTable<Int>([
        (18, 11), (25, 17), (35, 16), (45, 17), (55, 15), (65, 12), (75, 8), (85, 4),
    ])

    private static let childCounts = WeightedTable<Int>([(1, 35), (2, 40), (3, 17), (4, 8)])

    func build(index: Int, firstPerson: Int, maxPeople: Int, _ random: inout SeededGenerator) -> Household {
        var members: [Member] = []
        let surname = Surnames.draw(&random)
        var next = firstPerson
        func add(_ member: Member) -> Int {
            members.append(member)
            next += 1
            return members.count - 1
        }
        switch HouseholdBuilder.compositions.sample(&random) {
        case .single:
            _ = add(adult(next, age: adultAge(&random, 18, 95), female: random.chance(0.52), family: surname, &random))
        case .couple:
            _ = couple(&members, &next, ages: 20...90, surname: surname, &random)
        case .family:
            let parents = couple(&members, &next, ages: 22...55, surname: surname, &random)
            addChildren(&members, &next, parents: parents, surname: surname, &random)
        case .loneParent:
            let female = random.chance(0.86)
            let parent = add(adult(next, age: adultAge(&random, 18, 55), female: female, family: surname, &random))
            let childSurname = random.chance(0.4) ? Surnames.draw(&random) : surname
            addChildren(&members, &next, parents: [parent], surname: childSurname, &random)
        case .threeGenerations:
            let parents = couple(&members, &next, ages: 24...50, surname: surname, &random)
            addChildren(&members, &next, parents: parents, surname: surname, most: 3, &random)
            let eldest = members[parents[0]].age
            let grandparents = random.chance(0.5) ? 1 : 2
            var added: [Int] = []
            for order in 0..<grandparents {
                let age = min(95, eldest + random.between(20, 32))
                let female = grandparents == 1 ? random.chance(0.7) : order == 1
                added.append(add(adult(next, age: age, female: female, family: surname, &random)))
            }
            if added.count == 2 { link(&members, added[0], added[1]) }
            members[parents[0]].parents = added
        case .adultChildren:
            let parents = random.chance(0.6)
                ? couple(&members, &next, ages: 45...80, surname: surname, &random)
                : [add(adult(next, age: adultAge(&random, 45, 80), female: random.chance(0.75), family: surname, &random))]
            let youngest = parents.map { members[$0].age }.min() ?? 45
            for _ in 0..<(random.chance(0.7) ? 1 : 2) {
                let age = random.between(18, max(18, min(35, youngest - 18)))
                var child = adult(next, age: age, female: random.chance(0.5), family: surname, &random)
                child.parents = parents
                _ = add(child)
            }
        case .sharers:
            for _ in 0..<random.between(2, 3) {
                _ = add(adult(next, age: random.between(18, 40), female: random.chance(0.5),
                              family: Surnames.draw(&random), &random))
            }
        }
        if members.count > maxPeople { trim(&members, to: maxPeople) }
        return placed(index: index, members: members, &random)
    }

    /// Gives the household an address history, a phone number and its level of need.
    private func placed(index: Int, members: [Member], _ random: inout SeededGenerator) -> Household {
        let level = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3][random.below(20)]
        let moved = random.chance(level >= 2 ? 0.35 : 0.18)
        let movedOn = moved ? random.between(windowStart + 30, reference) : nil
        let settledOn = (movedOn ?? reference) - random.between(200, 20 * 365)
        var household = Household(
            index: index, members: members, address: gazetteer.address(slot: index),
            previous: moved ? gazetteer.address(slot: previousSlotBase + index) : nil,
            movedOn: movedOn, settledOn: settledOn, phone: Gazetteer.phone(household: index), level: level)
        household.issues = IssueDrawer(reference: reference, windowStart: windowStart)
            .draw(for: household, &random)
        for issue in household.issues where issue.issue == .offending || issue.issue == .domesticAbuse {
            for member in [issue.subject, issue.other].compactMap({ $0 })
            where member < household.members.count && (issue.issue == .offending || member == issue.other) {
                let year = SyntheticDate(dayNumber: issue.from).year - random.below(6)
                let earliest = SyntheticDate(dayNumber: household.members[member].dob).year + 10
                household.members[member].cro = IdentityNumbers.croNumber(
                    person: household.members[member].person, year: max(year, earliest))
            }
        }
        return household
    }

    private func adultAge(_ random: inout SeededGenerator, _ low: Int, _ high: Int) -> Int {
        for _ in 0..<8 {
            let age = HouseholdBuilder.adultAges.sample(&random) + random.below(10)
            if (low...high).contains(age) { return age }
        }
        return random.between(low, high)
    }

    private func adult(_ person: Int, age: Int, female: Bool, family: String,
                       _ random: inout SeededGenerator) -> Member {
        var member = self.person(person, age: age, female: female, family: family, &random)
        if random.chance(0.55) {
            let local = HouseholdBuilder.asciiLetters(member.givenName.name) + "."
                + HouseholdBuilder.asciiLetters(family) + String(random.between(1, 99))
            member.email = local + ["@example.com", "@example.net", "@example.org"][random.below(3)]
        }
        return member
    }

    private func person(_ person: Int, age: Int, female: Bool, family: String,
                        _ random: inout SeededGenerator) -> Member {
        let birthday = SyntheticDate(dayNumber: reference).adding(years: -age).dayNumber - random.below(365)
        let year = SyntheticDate(dayNumber: birthday).year
        let given = GivenNames.draw(female: female, birthYear: year, &random)
        var middle: Int?
        if random.chance(0.45) {
            let candidate = GivenNames.draw(female: female, birthYear: year, &random)
            if candidate != given { middle = candidate }
        }
        return Member(person: person, female: female, given: given, middle: middle, family: family,
                      dob: birthday, age: Member.age(born: birthday, on: reference),
                      nhs: IdentityNumbers.nhsNumber(person: person))
    }

    /// Two adults living as a couple; a married woman often has a previous surname.
    private func couple(_ members: inout [Member], _ next: inout Int, ages: ClosedRange<Int>,
                        surname: String, _ random: inout SeededGenerator) -> [Int] {
        let firstAge = adultAge(&random, ages.lowerBound, ages.upperBound)
        let secondAge = min(95, max(18, firstAge + random.between(-6, 6)))
        let sameSex = random.chance(0.06)
        let firstFemale = random.chance(0.5)
        let secondFemale = sameSex ? firstFemale : !firstFemale
        let married = random.chance(0.6)
        let first = adult(next, age: firstAge, female: firstFemale, family: surname, &random)
        next += 1
        var second = adult(next, age: secondAge, female: secondFemale,
                           family: married ? surname : Surnames.draw(&random), &random)
        next += 1
        if married && secondFemale && !sameSex && random.chance(0.85) {
            second.previousFamily = Surnames.draw(&random)
            if random.chance(0.25) { second.renamedOn = random.between(windowStart, reference) }
        }
        members.append(first)
        members.append(second)
        link(&members, members.count - 2, members.count - 1)
        return [members.count - 2, members.count - 1]
    }

    /// Adds up to `most` children (so no household has more than seven members).
    private func addChildren(_ members: inout [Member], _ next: inout Int, parents: [Int], surname: String,
                             most: Int = 4, _ random: inout SeededGenerator) {
        let mother = parents.first { members[$0].female } ?? parents[0]
        let oldest = max(0, min(17, members[mother].age - 18))
        // Eldest first, then one to four years between siblings; now and then twins or
        // triplets, and now and then a son with his father's names. Linkage must keep all of
        // these apart, so the generator makes enough of them to measure it.
        var age = random.between(0, oldest)
        var sameBirth: [Member] = []
        let father = parents.first { !members[$0].female }.map { members[$0] }
        for _ in 0..<min(most, HouseholdBuilder.childCounts.sample(&random)) {
            guard age >= 0 else { break }
            var child = person(next, age: age, female: random.chance(0.49), family: surname, &random)
            if let twin = sameBirth.last, random.chance(sameBirth.count == 1 ? 0.08 : 0.1) {
                // Twins never share a first name, and one twin's first name is not the
                // other's middle name (parents choose names that tell twins apart).
                var given = child.given
                let year = SyntheticDate(dayNumber: twin.dob).year
                func clashes(_ name: Int) -> Bool {
                    sameBirth.contains { $0.female == child.female && ($0.given == name || $0.middle == name) }
                }
                for _ in 0..<8 where clashes(given) { given = GivenNames.draw(female: child.female, birthYear: year, &random) }
                let middle = child.middle.flatMap { m in m == given || clashes(m) ? nil : m }
                child = Member(person: child.person, female: child.female, given: given, middle: middle,
                               family: child.family, dob: twin.dob, age: twin.age, nhs: child.nhs)
            } else {
                if let father, !child.female, random.chance(0.04) {
                    child = Member(person: child.person, female: false, given: father.given, middle: father.middle,
                                   family: child.family, dob: child.dob, age: child.age, nhs: child.nhs)
                }
                age -= random.between(1, 4)
                sameBirth = []
            }
            child.parents = parents
            members.append(child)
            sameBirth.append(child)
            next += 1
        }
    }

    /// The ASCII letters of `text` in lower case (for email addresses), keeping
    /// dots where `text` has spaces.
    static func asciiLetters(_ text: String, spacesAsDots: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 65...90: bytes.append(byte + 32)
            case 97...122, 48...57: bytes.append(byte)
            case 32 where spacesAsDots: bytes.append(UInt8(ascii: "."))
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func link(_ members: inout [Member], _ a: Int, _ b: Int) {
        members[a].partner = b
        members[b].partner = a
    }

    /// Drops members past `count` (only the last household, to hit the people total exactly).
    private func trim(_ members: inout [Member], to count: Int) {
        members.removeLast(members.count - count)
        for index in members.indices {
            members[index].parents = members[index].parents.filter { $0 < count }
            if let partner = members[index].partner, partner >= count { members[index].partner = nil }
        }
    }
}
