/// NHS numbers, CRO numbers and partners' record identifiers for the
/// fictional population.
///
/// Contract: every NHS number produced passes the modulus-11 check and lies
/// in the 999 range, which the NHS never issues to patients; person indices
/// below one million get distinct NHS numbers (about one in eleven has none,
/// where the check digit would be 10) and distinct CRO numbers; record
/// identifiers are distinct per counter value.
enum IdentityNumbers {
    /// The NHS number of person `index`, as ten digits, or nil.
    static func nhsNumber(person index: Int) -> String? {
        guard index < 1_000_000 else { return nil }
        // A fixed bijection on 0..<10^6 (the multiplier is coprime to 10), so
        // numbers do not run in household order.
        let serial = (index * 714_287 + 271_828) % 1_000_000
        let nine = 999_000_000 + serial
        guard let check = checkDigit(nine) else { return nil }
        return String(nine) + String(check)
    }

    /// NHS Data Dictionary modulus 11: weights 10 down to 2 over the first
    /// nine digits; 11 - (sum mod 11), where 11 means 0 and 10 is never issued.
    static func checkDigit(_ nine: Int) -> Int? {
        var rest = nine
        var sum = 0
        for weight in 2...10 {
            sum += (rest % 10) * weight
            rest /= 10
        }
        let check = 11 - sum % 11
        if check == 11 { return 0 }
        return check == 10 ? nil : check
    }

    /// Ten digits laid out as partners type them: `9991234567`, `999 123 4567` or `999-123-4567`.
    static func formatNHS(_ digits: String, style: Int) -> String {
        guard style != 0 else { return digits }
        let chars = Array(digits)
        let separator: Character = style == 1 ? " " : "-"
        return String(chars[0..<3]) + String(separator) + String(chars[3..<6]) + String(separator) + String(chars[6..<10])
    }

    private static let croLetters = Array("ABCDEFGHJKLMNPQRTUVWXY")

    /// A CRO-shaped number (`123456/19K`) for person `index`, first recorded in
    /// `year`. The letter is an invented check, not the police algorithm.
    static func croNumber(person index: Int, year: Int) -> String {
        let serial = (index % 999_983 * 7_321 + 1_234) % 999_983 + 1
        let yy = year % 100
        let letter = croLetters[(serial * 7 + yy) % croLetters.count]
        return String(serial) + "/" + (yy < 10 ? "0" : "") + String(yy) + String(letter)
    }

    /// A partner's identifier for its `counter`-th row: the prefix and eight
    /// digits, scrambled so consecutive rows do not get consecutive numbers.
    static func recordID(prefix: String, counter: Int, salt: Int) -> String {
        // A four-round Feistel network on two four-digit halves is a bijection
        // on 0..<10^8, so ids stay unique yet show no order; the salt gives
        // each partner and file its own permutation.
        var left = counter % 100_000_000 / 10_000
        var right = counter % 10_000
        for round in 0..<4 {
            var mix = UInt64(right) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(salt * 8 + round) &* 0xC2B2_AE3D_27D4_EB4F
            mix ^= mix >> 29
            mix &*= 0xBF58_476D_1CE4_E5B9
            mix ^= mix >> 32
            (left, right) = (right, (left + Int(mix % 10_000)) % 10_000)
        }
        let value = left * 10_000 + right
        var text = prefix
        SyntheticDate.appendDigits(value, width: 8, to: &text)
        return text
    }
}
