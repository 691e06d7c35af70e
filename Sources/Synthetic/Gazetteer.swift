/// One address in the fictional borough.
struct Address: Sendable, Hashable {
    /// House number (or flat) and street, as the council's gazetteer spells it.
    let line: String
    /// Standard upper-case spaced form (`HW7 3BX`).
    let postcode: String
    let uprn: Int
    let street: Int
}

/// The fictional borough of Harrowmere's streets, postcodes, UPRNs and
/// telephone numbers, derived arithmetically so nothing is stored.
///
/// Use ``address(slot:)`` with distinct slots for distinct addresses. Contract:
/// slots `0..<slotCount` map one-to-one onto addresses (through a fixed
/// permutation, so neighbouring slots are not neighbours on the ground);
/// postcodes use the invented area `HW` with valid UK postcode shapes and
/// Royal Mail's inward-code letters; telephone numbers come only from the
/// ranges Ofcom reserves for drama, so none can ring a real person.
struct Gazetteer: Sendable {
    static let housesPerStreet = 30
    /// Districts of the smallest borough; a larger partnership gets more, about 700
    /// streets (some 10,000 households) each as real postcode districts have, spread
    /// over further invented postcode areas, so that a region's postcodes are as
    /// sparse as a real region's rather than millions of people in two dozen districts.
    static let minimumDistricts = 24
    static let streetsPerDistrict = 700
    /// Invented postcode areas, 99 districts each: letters Royal Mail allows in those
    /// places (no Q, V or X first, no I, J or Z second), yet no real area (HA Harrow, HX
    /// Halifax and the rest are left alone).
    private static let areas = ["HW", "HV", "HY", "HB", "HK", "HQ"]
    private static let unitLetters = Array("ABDEFGHJLNPQRSTUWXYZ".unicodeScalars)

    private static let streetNames = """
    Mill Church Station Oak Elm Victoria Queens Kings Park High Harrow Mere Ash Beech Willow Chestnut
    Meadow Orchard Brook Hawthorn Rowan Sycamore Poplar Linden Cedar Holly Laurel Juniper Heather
    Fern Bramble Clover Foxglove Primrose Bluebell Kestrel Heron Swallow Lark Wren Falcon Mallard
    Ferry Bridge Castle Abbey Priory Chapel Market Wharf Quarry Tannery Forge Brewery Rope Canal
    Harrowmere Meresby Coldharbour Longmead Southfield Northgate Westbury Eastwood Highfield Greenhill
    Windmill Watermill Marsh Common Heath Green Vale Ridge Cliff Barley Wheatfield Hopfield Colliers
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Street kinds: flats in a block, or numbered houses.
    private static let houseKinds = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way",
                                     "Crescent", "Gardens", "Grove", "Place", "Terrace", "Rise", "Walk"]
    private static let blockKinds = ["Court", "House", "Point", "Tower"]

    let seed: UInt64
    let slotCount: Int
    private let multiplier: Int
    private let offset: Int

    /// An address space for `households` households: current addresses use
    /// slots below `households`, earlier addresses the slots above.
    init(seed: UInt64, households: Int) {
        self.seed = seed
        slotCount = max(2 * households + Gazetteer.housesPerStreet, 64)
        var random = SeededGenerator(seed: seed, stream: 0x6A2E)
        var candidate = slotCount / 2 + 1 + random.below(slotCount / 3 + 1)
        while Gazetteer.gcd(candidate, slotCount) != 1 { candidate += 1 }
        multiplier = candidate
        offset = random.below(slotCount)
    }

    var streetCount: Int { (slotCount + Gazetteer.housesPerStreet - 1) / Gazetteer.housesPerStreet }

    func address(slot: Int) -> Address {
        let spread = (slot % slotCount * multiplier + offset) % slotCount
        let street = spread / Gazetteer.housesPerStreet
        let position = spread % Gazetteer.housesPerStreet
        var random = SeededGenerator(seed: seed, stream: 0x5757_0000 &+ UInt64(street))
        let name = random.pick(Gazetteer.streetNames)
        let line: String
        if random.chance(0.18) {
            line = "Flat \(position + 1), \(name) \(random.pick(Gazetteer.blockKinds))"
        } else {
            let start = random.chance(0.3) ? random.between(1, 6) * 20 : 0
            line = "\(start + position + 1) \(name) \(random.pick(Gazetteer.houseKinds))"
        }
        return Address(line: line, postcode: Gazetteer.postcode(street: street, districts: districts),
                       uprn: 100_000_000_000 + street * 100 + position, street: street)
    }

    /// The postcode of any street (for event locations away from home).
    func postcode(anyStreet random: inout SeededGenerator) -> String {
        Gazetteer.postcode(street: random.below(streetCount), districts: districts)
    }

    var districts: Int {
        min(Gazetteer.areas.count * 99, max(Gazetteer.minimumDistricts, streetCount / Gazetteer.streetsPerDistrict))
    }

    /// One postcode unit per street, spread over `districts` districts (HW1-HW24 for a
    /// borough, then HW1-HW99, HV1-HV99 and so on).
    static func postcode(street: Int, districts: Int = minimumDistricts) -> String {
        let number = street % districts
        let area = areas[number / 99], district = number % 99 + 1
        let rest = street / districts
        let sector = rest % 10
        // Spread units over the alphabet (397 is coprime to the 400 letter pairs).
        let unit = (rest / 10 * 397 + 123) % (unitLetters.count * unitLetters.count)
        var text = "\(area)\(district) \(sector)"
        text.unicodeScalars.append(unitLetters[unit / unitLetters.count])
        text.unicodeScalars.append(unitLetters[unit % unitLetters.count])
        return text
    }

    /// A household telephone number from Ofcom's drama ranges (15,000 numbers,
    /// unique for the first 15,000 households and shared after that).
    static func phone(household: Int) -> String {
        let pool = phoneRanges.count * 1000
        let index = (household % pool * 7919 + 4441) % pool
        let range = phoneRanges[index / 1000]
        let number = index % 1000
        return range + (number < 10 ? "00" : number < 100 ? "0" : "") + String(number)
    }

    private static let phoneRanges = [
        "07700 900", "01632 960", "020 7946 0", "0113 496 0", "0114 496 0",
        "0115 496 0", "0116 496 0", "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0",
        "0141 496 0", "0151 496 0", "0161 496 0", "0191 498 0",
    ]

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
