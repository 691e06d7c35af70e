/// One given name in the fictional population, with the nicknames partners
/// may record instead and how popular it was for each birth era.
struct GivenName: Sendable {
    let name: String
    let nicknames: [String]
    let female: Bool
}

/// The given-name tables, skewed by birth era (before 1975, 1975-1999, from 2000).
///
/// Contract: weights are relative popularity; an entry with weight 0 for an
/// era is never drawn for people born in it.
enum GivenNames {
    // name:nicknames (| separated):weight before 1975:1975-1999:from 2000
    private static let maleRows = """
    John:Johnny|Jack:9:4:1 David:Dave|Davey:9:6:1 Michael:Mike|Mick|Mickey:8:6:1 Peter:Pete:7:2:0
    Robert:Bob|Rob|Bobby:7:3:1 Paul::6:5:0 Stephen:Steve:6:4:0 Richard:Rich|Rick:5:4:1
    Christopher:Chris:3:7:1 Andrew:Andy|Drew:5:6:1 Mark::5:6:0 James:Jim|Jamie|Jimmy:5:7:5
    William:Bill|Will|Billy:5:2:4 Thomas:Tom|Tommy:4:4:5 Anthony:Tony:5:3:0 Kenneth:Ken|Kenny:5:0:0
    Ronald:Ron|Ronnie:4:0:0 Brian::5:0:0 Keith::4:0:0 Gary::3:4:0 Daniel:Dan|Danny:1:6:4
    Matthew:Matt:1:6:3 Lee::1:5:0 Craig::1:4:0 Jason::1:4:0 Ryan::0:4:3 Nicholas:Nick|Nicky:2:3:1
    Jonathan:Jon|Jonny:2:3:1 Benjamin:Ben:1:3:4 Samuel:Sam|Sammy:1:2:4 Joseph:Joe|Joey:2:2:4
    Alexander:Alex|Xander:1:2:4 Oliver:Ollie:0:1:8 Harry::1:1:7 Jack::0:2:7 George::3:1:6 Noah::0:0:6
    Charlie::0:0:5 Leo::0:0:5 Oscar::0:0:4 Jacob:Jake:0:1:5 Muhammad::0:2:4 Mohammed::1:2:2
    Freddie::0:0:4 Alfie::0:0:4 Theodore:Theo|Ted:0:0:3 Arthur:Artie:2:0:4 Edward:Ed|Eddie|Ted:3:1:2
    Frederick:Fred|Freddie:2:0:1 Joshua:Josh:0:3:4 Kieran::0:3:1 Tyler::0:1:3 Reece::0:2:2
    Kwame::0:1:1 Tomasz:Tomek:0:1:1 Arjun::0:1:2 Connor::0:2:3 Declan::1:1:1 Gerald:Gerry:3:0:0
    Leonard:Len|Lenny:3:0:0 Dennis::3:0:0 Graham::3:1:0 Luke::0:3:3 Callum::0:3:2 Dylan::0:1:3
    """

    private static let femaleRows = """
    Margaret:Maggie|Peggy|Meg:8:0:0 Susan:Sue|Susie:8:2:0 Patricia:Pat|Trish|Tricia:7:0:0
    Elizabeth:Liz|Beth|Lizzie|Betty:6:3:3 Mary::7:0:1 Linda::6:1:0 Christine:Chris|Chrissie:6:1:0
    Janet:Jan:6:0:0 Carol::5:0:0 Barbara:Babs|Barb:5:0:0 Jacqueline:Jackie:4:2:0
    Deborah:Debbie|Deb:4:2:0 Karen::4:3:0 Julie:Jules:4:3:0 Sarah::2:8:2 Emma::1:7:3 Claire::1:6:0
    Nicola:Nicky|Nikki:1:6:0 Rebecca:Becky|Becca:1:6:2 Laura::1:6:2 Louise:Lou:2:5:0
    Samantha:Sam|Sammy:0:5:1 Victoria:Vicky|Tori:1:4:1 Jennifer:Jenny|Jen:2:4:1
    Katherine:Kate|Katie|Kathy:3:4:2 Jessica:Jess|Jessie:0:4:4 Hannah::0:4:4
    Charlotte:Lottie|Charlie:1:3:5 Amelia:Millie|Amy:0:1:7 Olivia:Liv|Livvy:0:1:7 Isla::0:0:6
    Ava::0:0:5 Emily:Em|Emmy:0:3:5 Sophie::0:3:4 Grace::1:1:5 Poppy::0:0:4 Mia::0:0:4 Ella::0:0:4
    Isabella:Bella|Izzy:0:0:4 Freya::0:0:4 Lily::0:0:4 Abigail:Abbie|Abby:0:2:3
    Eleanor:Ellie|Nell:2:1:3 Megan:Meg:0:4:2 Chloe::0:4:3 Aisha::0:2:3 Fatima::0:2:2 Priya::0:2:2
    Agnieszka:Aga:0:1:1 Chidinma:Chidi:0:1:1 Siobhan::1:2:0 Niamh::0:1:2 Zoë:Zoe:0:2:2
    Dorothy:Dot|Dottie:4:0:0 Sandra:Sandy:5:1:0 Gillian:Gill|Jill:4:1:0 Anne:Annie:5:1:0
    """

    private static let maleParsed = parse(maleRows, female: false)
    private static let femaleParsed = parse(femaleRows, female: true)
    static let male: [GivenName] = maleParsed.names
    static let female: [GivenName] = femaleParsed.names
    private static let maleTables: [WeightedTable<Int>] = maleParsed.tables
    private static let femaleTables: [WeightedTable<Int>] = femaleParsed.tables

    /// A name for someone born in `birthYear`; the index is into ``male`` or ``female``.
    static func draw(female: Bool, birthYear: Int, _ random: inout SeededGenerator) -> Int {
        let era = birthYear < 1975 ? 0 : (birthYear < 2000 ? 1 : 2)
        return (female ? femaleTables : maleTables)[era].sample(&random)
    }

    static func name(_ index: Int, female: Bool) -> GivenName {
        female ? self.female[index] : male[index]
    }

    private static func parse(_ rows: String, female: Bool) -> (names: [GivenName], tables: [WeightedTable<Int>]) {
        var names: [GivenName] = []
        var weights: [[(Int, Int)]] = [[], [], []]
        for entry in rows.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
            let nicknames = parts[1].split(separator: "|").map(String.init)
            let index = names.count
            names.append(GivenName(name: String(parts[0]), nicknames: nicknames, female: female))
            for era in 0..<3 { weights[era].append((index, Int(parts[2 + era]) ?? 0)) }
        }
        return (names, weights.map { WeightedTable($0) })
    }
}
