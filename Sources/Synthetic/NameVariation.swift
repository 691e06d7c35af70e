/// The slips people make when keying names and addresses: the variation
/// between partners' records of the same person.
///
/// Contract: a varied name is never empty, keeps its first letter and
/// capitalisation pattern, and contains only letters, spaces, hyphens and
/// apostrophes the original had; addresses keep their number and street.
enum NameVariation {
    /// Neighbouring keys on a UK QWERTY keyboard, for substitution slips.
    private static let neighbours: [Unicode.Scalar: [Unicode.Scalar]] = {
        let rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"].map { Array($0.unicodeScalars) }
        var map: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for row in rows {
            for (index, key) in row.enumerated() {
                var near: [Unicode.Scalar] = []
                if index > 0 { near.append(row[index - 1]) }
                if index + 1 < row.count { near.append(row[index + 1]) }
                map[key] = near
            }
        }
        return map
    }()

    /// One keyboard slip somewhere after the first letter.
    static func typo(_ name: String, _ random: inout SeededGenerator) -> String {
        var scalars = Array(name.unicodeScalars)
        guard scalars.count >= 4 else { return name }
        let position = 1 + random.below(scalars.count - 2)
        let letter = scalars[position]
        guard letter.isASCII, letter.properties.isLowercase else { return name }
        switch random.below(4) {
        case 0:
            guard let near = neighbours[letter], !near.isEmpty else { return name }
            scalars[position] = near[random.below(near.count)]
        case 1:
            let following = scalars[position + 1]
            guard following.isASCII, following.properties.isLowercase, following != letter else { return name }
            scalars.swapAt(position, position + 1)
        case 2:
            scalars.remove(at: position)
        default:
            scalars.insert(letter, at: position)
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    private static let abbreviations: [(String, String)] = [
        (" Road", " Rd"), (" Street", " St"), (" Avenue", " Ave"), (" Close", " Cl"), (" Drive", " Dr"),
        (" Crescent", " Cres"), (" Lane", " Ln"), (" Gardens", " Gdns"), (" Terrace", " Terr"),
        (" Court", " Ct"), (" Place", " Pl"),
    ]

    /// The address line as a partner's system keeps it: abbreviated, in
    /// capitals, or with the flat written without its comma.
    static func restyle(address line: String, _ random: inout SeededGenerator) -> String {
        switch random.below(3) {
        case 0:
            for (long, short) in abbreviations where line.hasSuffix(long) {
                return String(line.dropLast(long.count)) + short
            }
            return line
        case 1:
            return line.uppercased()
        default:
            guard line.hasPrefix("Flat ") else { return line.lowercased() }
            return String(line.dropFirst(5).filter { $0 != "," })
        }
    }

    /// A postcode as typed: standard, without the space, or in lower case.
    static func restyle(postcode: String, _ random: inout SeededGenerator) -> String {
        switch random.below(10) {
        case 0: return postcode.filter { $0 != " " }
        case 1: return postcode.lowercased()
        default: return postcode
        }
    }

    /// A telephone number as typed: as given, without spaces, or in +44 form.
    static func restyle(phone: String, _ random: inout SeededGenerator) -> String {
        switch random.below(10) {
        case 0, 1: return phone.filter { $0 != " " }
        case 2: return "+44 " + phone.dropFirst()
        default: return phone
        }
    }
}
