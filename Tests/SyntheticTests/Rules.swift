/// The rules of `docs/import-format.md`, written out independently of the
/// generator so the tests check the generator against the document.
enum Rules {
    static let peopleColumns = "record_id,given_names,family_name,other_names,date_of_birth,sex,address_line,postcode,uprn,address_from,phone,email,nhs_number,cro_number,related_record_id,relationship,ethnicity"

    /// An ONS 2021 19-category code: a letter A-E and a number within its group.
    static func isEthnicGroupCode(_ text: String) -> Bool {
        let sizes: [Character: Int] = ["A": 5, "B": 3, "C": 4, "D": 5, "E": 2]
        guard text.count == 2, let letter = text.first, let size = sizes[letter], let number = Int(String(text.dropFirst())) else { return false }
        return (1...size).contains(number)
    }
    static let eventColumns = "record_id,person_record_id,category,role,occurred_on,summary,location_postcode,nature,opinion_basis,last_action_on,closed_on"
    static let involvementColumns = "record_id,person_record_id,service,work_type,worker_name,worker_role,lead_professional,contact,started_on,ended_on"

    static let dataCategoryOfEvent: [String: String] = {
        let table = """
        asb:asb hate-crime:asb cuckooing:asb rough-sleeping:asb violence:crime theft:crime burglary:crime
        robbery:crime criminal-damage:crime drugs:crime sexual-offence:crime fraud:crime arrest:crime
        weapon-offence:crime domestic-abuse:domestic-abuse dash-assessment:domestic-abuse
        marac-referral:domestic-abuse dvpo:domestic-abuse missing-episode:exploitation
        child-exploitation:exploitation county-lines:exploitation safeguarding-concern:social-care
        cin-plan:social-care cp-plan:social-care looked-after:social-care adult-safeguarding:social-care
        ae-assault:health substance-treatment:health alcohol-admission:health mental-health:health
        da-admission:health eviction:housing tenancy-breach:housing homelessness:housing
        rent-arrears:housing exclusion:education persistent-absence:education send-support:education
        licence-breach:probation prison-release:probation community-order:probation drr:probation
        deliberate-fire:fire false-alarm:fire debt-support:financial benefit-sanction:financial
        """
        var map: [String: String] = [:]
        for pair in table.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: ":")
            map[String(parts[0])] = String(parts[1])
        }
        return map
    }()

    static let roles: Set<String> = ["victim", "perpetrator", "suspect", "witness", "subject", "involved"]
    static let workTypes: Set<String> = [
        "social-work", "family-support", "youth-justice", "housing-support", "substance-misuse",
        "mental-health", "idva", "probation", "education-support", "health-visiting", "policing",
    ]
    static let sexes: Set<String> = ["M", "F", "X", "U", "male", "female"]
    static let relationships: Set<String> = ["parent", "child", "partner", "sibling", "carer"]
    static let criminal: Set<String> = ["asb", "crime", "domestic-abuse", "exploitation", "probation"]
    static let special: Set<String> = ["health", "social-care"]

    static func isRecordID(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 }
    }

    static func date(_ text: String) -> SyntheticDateValue? {
        SyntheticDateValue(parsing: text)
    }

    /// Modulus 11 over ten digits, spaces and dashes allowed.
    static func isNHSNumber(_ text: String) -> Bool {
        var digits: [Int] = []
        for character in text {
            if let value = character.wholeNumberValue, character.isASCII {
                digits.append(value)
            } else if character != " " && character != "-" {
                return false
            }
        }
        guard digits.count == 10 else { return false }
        var sum = 0
        for index in 0..<9 { sum += digits[index] * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == digits[9]
    }

    /// Outward code A9, A99, AA9, AA99, A9A or AA9A; inward code 9AA; any case and spacing.
    static func isPostcode(_ text: String) -> Bool {
        let chars = Array(text.uppercased().unicodeScalars.filter { $0 != " " })
        guard (5...7).contains(chars.count), chars.allSatisfy({ $0.isASCII }) else { return false }
        let shape = String(chars.map { $0.properties.isAlphabetic ? "A" : ($0.properties.numericType != nil ? "9" : "?") })
        let inward = shape.suffix(3)
        let outward = shape.dropLast(3)
        return inward == "9AA" && ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"].contains(String(outward))
    }

    /// `NNNNNN/YYL`: one to six digits, a slash, two digits and a letter.
    static func isCRONumber(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...6).contains(parts[0].count), parts[0].allSatisfy(\.isNumber),
              parts[1].count == 3 else { return false }
        let tail = Array(parts[1])
        return tail[0].isNumber && tail[1].isNumber && tail[2].isLetter
    }

    static func isPhone(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber).count
        return text.allSatisfy { $0.isNumber || $0 == " " || $0 == "+" } && (10...13).contains(digits)
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(" ")
    }
}

/// A date read independently of ``SyntheticDate``'s parser.
struct SyntheticDateValue: Comparable {
    let year: Int, month: Int, day: Int

    init?(parsing text: String) {
        let parts: [Int]
        if text.count == 10, text.contains("-") {
            parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else if text.count == 10, text.contains("/") {
            parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            (year, month, day) = (parts[2], parts[1], parts[0])
        } else {
            return nil
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day) else { return nil }
    }

    static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
