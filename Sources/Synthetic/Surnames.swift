/// The surname table: a skewed list of common British surnames (Smith far
/// more often than Pritchard) plus a long tail of rarer invented ones built
/// from place-name parts, so that surname frequencies look like a real
/// population's: a few very common names and tens of thousands of rare ones.
///
/// Why the tail is so long: in England and Wales the few hundred commonest
/// surnames cover only about a third of people. A table where they cover most
/// people makes two strangers with one name and birthday ten times likelier
/// than in life, and linkage measured on it would be measured on the wrong
/// problem. Even so, two random people here share a surname about twice as
/// often as in the published counts, which errs on the hard side.
enum Surnames {
    private static let common = """
    Smith:110 Jones:85 Williams:70 Taylor:65 Brown:62 Davies:55 Evans:45 Wilson:44 Thomas:43
    Johnson:42 Roberts:40 Robinson:36 Thompson:35 Wright:34 Walker:33 White:32 Edwards:31 Hughes:30
    Green:30 Hall:29 Lewis:28 Harris:28 Clarke:27 Patel:27 Jackson:26 Wood:26 Turner:25 Martin:25
    Cooper:24 Hill:24 Ward:23 Morris:23 Moore:22 Clark:22 Lee:22 King:21 Baker:21 Harrison:20
    Morgan:20 Allen:19 James:19 Scott:18 Phillips:18 Watson:18 Davis:17 Parker:17 Price:17
    Bennett:16 Young:16 Griffiths:16 Mitchell:16 Kelly:15 Cook:15 Carter:15 Richardson:15 Bailey:14
    Collins:14 Bell:14 Shaw:14 Murphy:13 Miller:13 Cox:13 Richards:13 Khan:13 Marshall:12
    Anderson:12 Simpson:12 Ellis:12 Adams:12 Singh:12 Begum:11 Wilkinson:11 Foster:11 Chapman:11
    Powell:11 Webb:11 Rogers:10 Gray:10 Mason:10 Ali:10 Hunt:10 Hussain:10 Campbell:10 Matthews:9
    Owen:9 Palmer:9 Holmes:9 Mills:9 Barnes:9 Knight:9 Lloyd:9 Butler:8 Russell:8 Barker:8 Fisher:8
    Stevens:8 Jenkins:8 Murray:8 Dixon:8 Harvey:8 Graham:7 Pearson:7 Ahmed:7 Fletcher:7 Walsh:7
    Kaur:7 Gibson:7 Howard:7 Andrews:7 Stewart:7 Elliott:7 Reynolds:7 Saunders:6 Payne:6 Fox:6
    Ford:6 Pearce:6 Day:6 Brooks:6 West:6 Lawrence:6 Cole:6 Atkinson:6 Bradley:6 Spencer:6 Gill:6
    Dawson:5 Ball:5 Burton:5 O'Brien:5 Watts:5 Rose:5 Booth:5 Perry:5 Ryan:5 Grant:5 Wells:5
    Armstrong:5 Francis:5 Rees:5 Hayes:5 Hart:5 Hudson:5 Newman:5 Barrett:5 Webster:5 Hunter:5
    Gregory:5 Carr:5 Lowe:5 Page:5 Marsh:4 Riley:4 Dunn:4 Woods:4 Parsons:4 Berry:4 Stone:4 Reid:4
    Holland:4 Hawkins:4 Harding:4 Porter:4 Robertson:4 Newton:4 Oliver:4 Reed:4 Kennedy:4
    Williamson:4 Bird:4 Gardner:4 Shah:4 Dean:4 Lane:4 Cooke:4 Bates:4 Henderson:4 Parry:4
    Burgess:4 Bishop:4 Walton:4 Burns:4 Nicholson:4 Shepherd:4 Ross:4 Cross:4 Long:4 Freeman:4
    Warren:4 Nicholls:4 Hamilton:4 Byrne:4 Sutton:4 McDonald:4 Yates:4 Hodgson:4 Robson:4 Curtis:4
    Hopkins:4 O'Connor:3 Harper:3 Coleman:3 Watkins:3 Moss:3 McCarthy:3 Chambers:3 O'Neill:3
    Griffin:3 Sharp:3 Hardy:3 Wheeler:3 Potter:3 Osborne:3 Johnston:3 Gordon:3 Doyle:3 Wallace:3
    George:3 Jordan:3 Hutchinson:3 Rowe:3 Burke:3 May:3 Pritchard:3 Gilbert:3 Willis:3 Higgins:3
    Read:3 Miah:3 Kowalski:2 Nowak:2 Okafor:2 Mensah:2 Nguyen:2 Adeyemi:2 Da_Silva:2 Lloyd-Jones:1
    Ashby-Clarke:1 Van_Der_Berg:1 MacLeod:2 Ó_Súilleabháin:1
    """

    private static let tailHeads = """
    Ash Brad Bram Brook Burn Cal Chad Cod Craw Dar Ems Fair Fern Gold Gos Hal Hart Hay Heath Hol Kirk
    Lang Lind Marl Mid Mor Nor Pen Rad Red Rook Sal Shel Stan Stock Sum Thorn Tod Wad Wel Whit Wick
    Win Yar Bur Cran Dun Elm Frog Glad Ing Lox Mab Nether Oak Pit Quen Rush Sedge Ayl
    """
    /// Joins between head and end ("Ash-en-worth"); the empty one keeps two-part names.
    private static let tailJoins = ["", "", "", "en", "ing", "er", "s", "el", "an", "ford", "ton", "more"]

    private static let tailEnds = """
    ley ton worth field ford by well wood combe ham more den stead croft dale hurst wick bridge
    thorpe lock shaw bury low stone gate mere cott ridge ington well
    """

    private static let commonTable: WeightedTable<String> = WeightedTable(
        common.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { entry in
            let parts = entry.split(separator: ":")
            // Underscores stand for spaces inside a surname (Da Silva).
            return (String(parts[0]).replacingUnderscores(), Int(parts[1]) ?? 1)
        })

    private static let heads = tailHeads.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    private static let ends = tailEnds.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// Share of people whose surname comes from the rare invented tail.
    static let tailShare = 0.65

    static func draw(_ random: inout SeededGenerator) -> String {
        if random.chance(tailShare) {
            return random.pick(heads) + random.pick(tailJoins) + random.pick(ends)
        }
        return commonTable.sample(&random)
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(unicodeScalars.map { $0 == "_" ? " " : Character($0) })
    }
}
