/// Generates a fictional partnership's extracts: people in households, each
/// known to one or more of ten partners with realistic variation, five years
/// of events and the services working with them, plus the ground truth that
/// says which records are the same person and household.
///
/// Use it for demos, linkage tests and benchmarks:
/// ```swift
/// var writer = DirectoryWriter(directory: url)
/// let summary = PartnershipGenerator(people: 20_000, seed: 7, referenceDate: today).generate(into: &writer)
/// try writer.finish()
/// ```
/// Contract: output depends only on `people`, `seed` and `referenceDate` (same
/// inputs, same bytes; no clock, no system randomness); every row is valid
/// under `docs/import-format.md` with no date after `referenceDate`; memory
/// use does not grow with `people` (one household at a time). Files written:
/// `partnership.json`, `<slug>/people.csv`, `<slug>/events.csv`,
/// `<slug>/involvements.csv` for each partner, and `ground-truth.csv`
/// (`partner,record_id,person_id,household_id`).
public struct PartnershipGenerator: Sendable {
    public let people: Int
    public let seed: UInt64
    public let referenceDate: SyntheticDate

    public init(people: Int, seed: UInt64, referenceDate: SyntheticDate) {
        self.people = max(0, people)
        self.seed = seed
        self.referenceDate = referenceDate
    }

    /// The first day of the five years of history: the day after the same
    /// date five years before the reference date.
    public static func windowStart(for reference: SyntheticDate) -> SyntheticDate {
        reference.adding(years: -5).adding(days: 1)
    }

    /// The partnership and agreement the extracts are shared under.
    public static func partnership(referenceDate: SyntheticDate) -> SyntheticPartnership {
        SyntheticPartnership(reference: referenceDate)
    }

    /// The exact text of `partnership.json`.
    public static func partnershipJSON(referenceDate: SyntheticDate) -> String {
        partnership(referenceDate: referenceDate).json
    }

    /// Partner slugs in `partnership.json` order.
    public static var partnerSlugs: [String] { PartnerProfile.all.map(\.slug) }

    /// Every file the generator writes, relative to the output directory.
    public static var fileNames: [String] {
        ["partnership.json"]
            + PartnerProfile.all.flatMap { [$0.peopleFile, $0.eventsFile, $0.involvementsFile] }
            + [PartnerProfile.groundTruthFile]
    }

    /// Writes every file into `sink` and returns what was written.
    @discardableResult
    public func generate(into sink: inout some ExtractSink) -> GenerationSummary {
        let reference = referenceDate.dayNumber
        let start = PartnershipGenerator.windowStart(for: referenceDate).dayNumber
        sink.write(file: "partnership.json", line: PartnershipGenerator.partnershipJSON(referenceDate: referenceDate))
        for partner in PartnerProfile.all {
            sink.write(file: partner.peopleFile, line: CSVLine.header(PartnerProfile.peopleColumns))
            sink.write(file: partner.eventsFile, line: CSVLine.header(PartnerProfile.eventColumns))
            sink.write(file: partner.involvementsFile, line: CSVLine.header(PartnerProfile.involvementColumns))
        }
        sink.write(file: PartnerProfile.groundTruthFile, line: CSVLine.header(PartnerProfile.groundTruthColumns))

        // Households never outnumber people, so `people` bounds the current
        // address slots and earlier addresses can use the slots above it.
        let gazetteer = Gazetteer(seed: seed, households: people)
        let builder = HouseholdBuilder(seed: seed, reference: reference, windowStart: start,
                                       gazetteer: gazetteer, previousSlotBase: people)
        let planner = CarePlanner(reference: reference)
        var emitter = ExtractEmitter(reference: reference, windowStart: start, gazetteer: gazetteer)
        var placed = 0
        var index = 0
        while placed < people {
            // One random stream per household: a household's data does not
            // depend on how many numbers earlier households drew.
            var random = SeededGenerator(seed: seed, stream: UInt64(index))
            let household = builder.build(index: index, firstPerson: placed, maxPeople: people - placed, &random)
            let records = planner.plan(household, &random)
            emitter.emit(household, records, &random, into: &sink)
            placed += household.members.count
            index += 1
        }
        return emitter.summary
    }
}
