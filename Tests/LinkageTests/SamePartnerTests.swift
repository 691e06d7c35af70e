import PropertyBased
import Testing
@testable import Linkage

/// Two records one partner keeps under different record ids: a comparison level whose
/// weight EM learns per run, and a clustering guard that applies only where that weight
/// says such records are usually two people. Invented names and example postcodes only.
@Suite("Records of one partner")
struct SamePartnerTests {
    @Test func theSourceLevelIsSamePartnerDifferentPartnersOrMissing() {
        let records = StandardisedRecords([
            Fixtures.record("a", "Ava", "Quarrie", source: "harrowmere-schools"),
            Fixtures.record("b", "Ava", "Quarrie", source: "harrowmere-schools"),
            Fixtures.record("c", "Ava", "Quarrie", source: "harrowmere-council"),
            Fixtures.record("d", "Ava", "Quarrie", source: ""),
        ])
        let comparator = RecordComparator(records)
        func level(_ i: Int, _ j: Int) -> Int { ComparisonPattern(code: comparator.pattern(i, j)).level(of: .source) }
        #expect(level(0, 1) == 1)
        #expect(level(0, 2) == 2)
        #expect(level(1, 2) == 2)
        #expect(level(0, 3) == 0)
        #expect(level(3, 0) == 0)
        #expect(ComparisonField.source.levelDescriptions[1] == "same partner, another record")
    }

    @Test func theUntrainedModelGivesThePartnerNoWeight() {
        let model = LinkageModel.untrained
        #expect(model.weight(.source, level: 1) == 0)
        #expect(model.weight(.source, level: 2) == 0)
    }

    /// A model that has learned, as EM does on partnership data, that one partner's two
    /// records are rarely one person: m(same partner) 0.002 against u 0.5, about -8 bits.
    static var modelThatKnowsPartnersRarelyDuplicate: LinkageModel {
        var model = LinkageModel.untrained
        model.fields[ComparisonField.source.rawValue] = .init(field: .source, m: [1, 0.002, 0.998], u: [1, 0.5, 0.5])
        return model
    }

    /// A father with no date of birth on the council's list, his son of the same name on
    /// the same list with a date, and the son's school record: the school record links to
    /// both council records, but the two council records are two people.
    static let fatherAndSon = [
        Fixtures.record("father", "Oscar", "Penhallow", sex: "M", address: "9 Kiln Road", postcode: "SS14 1DL",
                        source: "harrowmere-council"),
        Fixtures.record("son", "Oscar", "Penhallow", dob: "2011-06-14", sex: "M", address: "9 Kiln Road",
                        postcode: "SS14 1DL", source: "harrowmere-council"),
        Fixtures.record("school", "Oscar", "Penhallow", dob: "2011-06-14", sex: "M", address: "9 Kiln Road",
                        postcode: "SS14 1DL", source: "harrowmere-schools"),
    ]

    @Test func samePartnerEvidenceLowersTheWeight() {
        let model = Self.modelThatKnowsPartnersRarelyDuplicate
        let scorer = PairScorer(model: model, records: StandardisedRecords(Self.fatherAndSon))
        let samePartner = scorer.score(0, 1), otherPartner = scorer.score(0, 2)
        #expect(samePartner.pattern.level(of: .source) == 1)
        #expect(otherPartner.pattern.level(of: .source) == 2)
        let expected = model.weight(.source, level: 1) - model.weight(.source, level: 2)
        #expect(abs((samePartner.weight - otherPartner.weight) - expected) < 1e-4)
        #expect(expected < -8)
    }

    @Test func aChainDoesNotMakeOnePersonOfTwoRecordsOnePartnerKeepsApart() async throws {
        let result = try await Fixtures.run(Self.fatherAndSon, model: Self.modelThatKnowsPartnersRarelyDuplicate)
        #expect(Fixtures.samePerson(result, "son", "school"))
        #expect(!Fixtures.samePerson(result, "father", "son"))
        let held = result.reviewQueue.filter { result.recordIDs[$0.first] == "father" || result.recordIDs[$0.second] == "father" }
        #expect(!held.isEmpty)
        #expect(held.contains { result.outcome(for: $0)?.reason == .samePartnerRecordsDiffer })
    }

    @Test func theSameRecordsFromDifferentPartnersStillJoin() async throws {
        var records = Self.fatherAndSon
        records[0].source = "harrowmere-fire"
        let result = try await Fixtures.run(records, model: Self.modelThatKnowsPartnersRarelyDuplicate)
        #expect(Fixtures.samePerson(result, "father", "son"))
    }

    /// A single partner's own dedupe: every pair is "same partner", EM learns no evidence
    /// from it, and the guard stays out of the way.
    @Test func aSinglePartnersDedupeIsNotHeldApart() async throws {
        var records = Self.fatherAndSon
        for index in records.indices { records[index].source = "harrowmere-council" }
        let result = try await Fixtures.run(records, model: .untrained)
        #expect(Fixtures.samePerson(result, "son", "school"))
        #expect(Fixtures.samePerson(result, "father", "son"))
    }

    /// The incremental index applies the same guard: the son and his school record are one
    /// person; the father's council record arrives later and links to the school record, but
    /// the council keeps him apart from his son, so he goes to review as a new person.
    @Test func theIndexDoesNotJoinARecordToAPersonItsPartnerKeepsApart() async throws {
        let model = Self.modelThatKnowsPartnersRarelyDuplicate
        let batch = try await Fixtures.run(Array(Self.fatherAndSon.dropFirst()), model: model)
        #expect(Fixtures.samePerson(batch, "son", "school"))
        let index = LinkageIndex(result: batch)
        let assignment = try index.resolve(Self.fatherAndSon[0])
        #expect(assignment.isNewPerson)
        #expect(assignment.personID != index.personID(ofRecord: "son"))
        let held = try #require(assignment.reviewCandidates.first { $0.personID == index.personID(ofRecord: "son") })
        #expect(held.reason == .samePartnerRecordsDiffer)
        #expect(held.pair.weight >= index.settings.autoLinkWeight, "the link to the school record alone would have joined")
    }

    @Test func theIndexJoinsTheSameRecordFromAnotherPartner() async throws {
        let model = Self.modelThatKnowsPartnersRarelyDuplicate
        let index = LinkageIndex(result: try await Fixtures.run(Array(Self.fatherAndSon.dropFirst()), model: model))
        var father = Self.fatherAndSon[0]
        father.source = "harrowmere-fire"
        let assignment = try index.resolve(father)
        #expect(!assignment.isNewPerson)
        #expect(assignment.personID == index.personID(ofRecord: "son"))
    }

    @Test func theIndexLeavesASinglePartnersDedupeAlone() async throws {
        var records = Self.fatherAndSon
        for k in records.indices { records[k].source = "harrowmere-council" }
        let index = LinkageIndex(result: try await Fixtures.run(Array(records.dropFirst()), model: .untrained))
        let assignment = try index.resolve(records[0])
        #expect(assignment.personID == index.personID(ofRecord: "son"))
    }

    /// Twins Alexander and Alfie on one school roll and one GP list: the nickname table files
    /// Alfie under Alexander (and Alfred), but one partner keeping both is keeping two children.
    static let alexanderAndAlfie = [
        Fixtures.record("alexander-school", "Alexander", "Quarrie", dob: "2015-09-02", sex: "M", address: "4 Heron Way",
                        postcode: "SS14 1DL", phone: "07700 900456", source: "harrowmere-schools"),
        Fixtures.record("alfie-school", "Alfie", "Quarrie", dob: "2015-09-02", sex: "M", address: "4 Heron Way",
                        postcode: "SS14 1DL", phone: "07700 900456", source: "harrowmere-schools"),
        Fixtures.record("alexander-health", "Alexander", "Quarrie", dob: "2015-09-02", sex: "M", address: "4 Heron Way",
                        postcode: "SS14 1DL", source: "harrowmere-health"),
        Fixtures.record("alfie-health", "Alfie", "Quarrie", dob: "2015-09-02", address: "4 Heron Way",
                        postcode: "SS14 1DL", source: "harrowmere-health"),
        Fixtures.record("alfie-council", "Alfie", "Quarrie", dob: "2015-09-02", address: "4 Heron Way",
                        postcode: "SS14 1DL", source: "harrowmere-council"),
    ]

    @Test func twinsUnderANameFiledUnderTwoFormalNamesOnOneRollAreTwoPeople() async throws {
        let result = try await Fixtures.run(Self.alexanderAndAlfie, model: Self.modelThatKnowsPartnersRarelyDuplicate)
        for alexander in ["alexander-school", "alexander-health"] {
            for alfie in ["alfie-school", "alfie-health", "alfie-council"] {
                #expect(!Fixtures.samePerson(result, alexander, alfie), "\(alexander) \(alfie)")
            }
        }
        let pair = try #require(result.pairs.first {
            result.recordIDs[$0.first] == "alexander-school" && result.recordIDs[$0.second] == "alfie-school"
        })
        #expect(result.outcome(for: pair) == PairOutcome(decision: .differentPeople, reason: .personEvidenceConflicts(.givenName)))
    }

    @Test func theRuleReadsOnlyOnePartnersTwoRegisteredNamesWhereTheModelSaysSo() {
        let records = StandardisedRecords(Self.alexanderAndAlfie + [
            Fixtures.record("william", "William", "Quarrie", source: "harrowmere-schools"),
            Fixtures.record("billy", "Billy", "Quarrie", source: "harrowmere-schools"),
            Fixtures.record("alex", "Alex", "Quarrie", source: "harrowmere-schools"),
        ])
        let knows = PairScorer(model: Self.modelThatKnowsPartnersRarelyDuplicate, records: records).comparator
        #expect(knows.personConflict(0, 1) == .givenName, "Alexander and Alfie on one roll")
        #expect(knows.personConflict(0, 3).isEmpty, "Alexander and Alfie from two partners")
        #expect(knows.personConflict(5, 6).isEmpty, "Billy is William's pet form only: a duplicate record")
        #expect(knows.personConflict(0, 7) == .givenName, "Alex is filed under Alexander and Alexandra")
        let untrained = PairScorer(model: .untrained, records: records).comparator
        #expect(untrained.personConflict(0, 1).isEmpty, "a single partner's dedupe learns nothing about partners")
    }

    /// Random households of twins whose names the table calls forms of one another, both on
    /// one partner's roll, with other partners' records and records missing a given name or
    /// date of birth that could bridge them: no person ever holds both twins' named records.
    @Test func nicknameTwinsOnOneRollNeverMerge() async {
        let pairs = [("Alexander", "Alfie"), ("Alfred", "Alfie"), ("Charles", "Charlie"), ("Samuel", "Sam"),
                     ("Alexandra", "Alex"), ("Charlotte", "Charlie")]
        let partners = ["harrowmere-schools", "harrowmere-health", "harrowmere-council"]
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = SeededGenerator(seed: UInt64(seed))
            let (first, second) = pairs.randomElement(using: &random)!
            let dob = LinkageRecord.dateOfBirth(year: Int.random(in: 2008...2020, using: &random),
                                                month: Int.random(in: 1...12, using: &random), day: Int.random(in: 13...28, using: &random))
            var records: [LinkageRecord] = []
            var truth: [String: String] = [:]
            func add(_ twin: Int, given: String?, dob: String?, partner: String) {
                let id = "r\(records.count)"
                records.append(Fixtures.record(id, given, "Tregarth", dob: dob, address: "7 Quarry Lane", postcode: "SS14 1DL",
                                               phone: Bool.random(using: &random) ? "07700 900789" : nil, source: partner))
                truth[id] = "twin\(twin)"
            }
            for (twin, name) in [first, second].enumerated() {
                add(twin, given: name, dob: dob, partner: partners[0])
                for partner in partners.dropFirst() where Bool.random(using: &random) { add(twin, given: name, dob: dob, partner: partner) }
            }
            let named = Set(truth.keys)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let twin = Int.random(in: 0...1, using: &random), name = twin == 0 ? first : second
                let partner = partners.randomElement(using: &random)!
                if Bool.random(using: &random) { add(twin, given: nil, dob: dob, partner: partner) } else { add(twin, given: name, dob: nil, partner: partner) }
            }
            let result = try await Fixtures.run(records, model: Self.modelThatKnowsPartnersRarelyDuplicate)
            for person in result.people {
                let twins = Set(person.map { result.recordIDs[$0] }.filter(named.contains).map { truth[$0]! })
                #expect(twins.count <= 1, "\(first)/\(second): \(person.map { records[$0] })")
            }
        }
    }
}
