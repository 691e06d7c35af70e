@testable import Linkage

/// Small synthetic people (invented names, example postcodes) for linkage tests.
enum Fixtures {
    /// Clusters `records` from hand-scored pairs (first, second, weight), as the run
    /// would after scoring: each pair's outcome, and each record's person number.
    static func clustered(_ records: [LinkageRecord], _ pairs: [(Int, Int, Double)],
                          autoLinkWeight: Double = 5) -> (outcomes: [PairOutcome], people: [Int]) {
        var clusterer = PersonClusterer(comparator: RecordComparator(StandardisedRecords(records)))
        let outcomes = clusterer.cluster(pairs.map { ScoredPair(first: $0.0, second: $0.1, weight: $0.2, pattern: ComparisonPattern(code: 0)) },
                                         autoLinkWeight: autoLinkWeight)
        return (outcomes, clusterer.personNumbers())
    }

    static func record(
        _ id: String, _ given: String?, _ family: String?, dob: String? = nil, sex: String? = nil,
        address: String? = nil, postcode: String? = nil, phone: String? = nil, email: String? = nil,
        nhs: String? = nil, cro: String? = nil, other: [String] = [], uprn: String? = nil, source: String = "test"
    ) -> LinkageRecord {
        LinkageRecord(recordID: id, source: source, givenNames: given, familyName: family, otherNames: other,
                      dateOfBirth: dob, sex: sex, addressLine: address, postcode: postcode, uprn: uprn, phone: phone,
                      email: email, nhsNumber: nhs, croNumber: cro)
    }

    /// Three people with two or three records each, plus two singletons.
    static let people: [LinkageRecord] = [
        record("a1", "Robert James", "Whitfield", dob: "1984-05-17", sex: "M", address: "12 Mill Road",
               postcode: "SS14 1DL", phone: "07700 900123", nhs: "943 476 5919"),
        record("a2", "Bob", "Whitfield", dob: "17/05/1984", sex: "male", address: "12 Mill Rd", postcode: "ss141dl",
               phone: "+44 7700 900123"),
        record("a3", "Robert", "Whitfeld", dob: "1984-05-17", address: "3 Station Avenue", postcode: "SS15 6AB",
               nhs: "9434765919"),
        record("b1", "Margaret", "Okonkwo-Hale", dob: "1961-02-03", sex: "F", address: "7 Orchard Close",
               postcode: "CM2 9XY", email: "m.hale@example.org"),
        record("b2", "Peggy", "Hale", dob: "1961-03-02", sex: "F", address: "7 Orchard Cl", postcode: "CM2 9XY",
               email: "M.Hale@example.org"),
        record("c1", "Tomasz", "Brzezinski", dob: "2009-11-30", sex: "M", address: "41 Beech Grove",
               postcode: "CO4 3QT", cro: "12345/99A"),
        record("c2", "Tomas", "Brzezinsky", dob: "2009-11-30", sex: "M", postcode: "CO4 3QT", cro: "012345/99a"),
        record("d1", "Aisha", "Rahman", dob: "1999-08-08", sex: "F", address: "2 Elm Way", postcode: "IP1 2AB"),
        record("e1", "Olumide", "Adeyemi", dob: "1975-12-01", sex: "M", address: "90 Kings Road", postcode: "NR3 1RT"),
    ]

    static let truth: [String: String] = [
        "a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C", "c2": "C", "d1": "D", "e1": "E",
    ]

    static func run(
        _ records: [LinkageRecord], decisions: [ReviewerDecision] = [], model: LinkageModel? = nil,
        settings: LinkageSettings = LinkageSettings()
    ) async throws -> LinkageResult {
        var random = SeededGenerator(seed: 11)
        return try await LinkageRun.run(records: records, settings: settings, decisions: decisions, model: model, random: &random)
    }

    static func samePerson(_ result: LinkageResult, _ a: String, _ b: String) -> Bool {
        let clusters = result.clusters
        return clusters[a] != nil && clusters[a] == clusters[b]
    }
}
