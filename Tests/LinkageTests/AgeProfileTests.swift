import Foundation
import Testing
@testable import Linkage

/// A record with no date of birth is weighed by its partner's age profile (how often the
/// partner's dated records are born in the other record's five-year cohort, against records
/// at large), and a flat in a named building is one address. Invented names, example postcodes.
@Suite("A partner's age profile and flats in named buildings")
struct AgeProfileTests {
    /// Two partners: a school whose 200 records are all born 2010-2019 and a tenancy list
    /// whose 800 records are all born 1970-1989.
    static func records(undatedAt partner: String) -> [LinkageRecord] {
        var out: [LinkageRecord] = []
        for k in 0..<200 {
            out.append(Fixtures.record("s\(k)", "Ava", "Quarrie", dob: "\(2010 + k % 10)-03-1\(k % 9)", source: "school"))
        }
        for k in 0..<800 {
            out.append(Fixtures.record("t\(k)", "Ava", "Quarrie", dob: "\(1970 + k % 20)-05-1\(k % 9)", source: "tenancy"))
        }
        out.append(Fixtures.record("child", "Oscar", "Penhallow", dob: "2016-06-14", sex: "M", address: "9 Kiln Road",
                                   postcode: "SS14 1DL", source: "health"))
        out.append(Fixtures.record("undated", "Oscar", "Penhallow", sex: "M", address: "9 Kiln Road", postcode: "SS14 1DL",
                                   source: partner))
        return out
    }

    static func trained(_ records: [LinkageRecord]) -> (LinkageModel, StandardisedRecords) {
        let standard = StandardisedRecords(records)
        var model = LinkageModel.untrained
        let shares = ModelTrainer.birthCohortShares(standard)
        model.birthCohortShares = shares.overall
        model.partnerBirthCohortShares = shares.byPartner
        return (model, standard)
    }

    @Test func sharesAreEstimatedPerPartnerAndLeanOnTheWholeWhenFew() {
        let (model, standard) = Self.trained(Self.records(undatedAt: "school"))
        #expect(abs(model.birthCohortShares.reduce(0, +) - 1) < 1e-9)
        let school = standard.source[0]
        let shares = try! #require(model.partnerBirthCohortShares[school])
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        let children = LinkageModel.birthCohort(ofYear: 2012), adults = LinkageModel.birthCohort(ofYear: 1975)
        #expect(shares[children] > model.birthCohortShares[children])
        #expect(shares[adults] < model.birthCohortShares[adults])
        // Smoothed towards the whole: no cohort is impossible.
        #expect(shares.allSatisfy { $0 > 0 })
    }

    @Test func anUndatedSchoolRecordFitsAChildAndAnUndatedTenancyRecordDoesNot() {
        for (partner, sign) in [("school", 1.0), ("tenancy", -1.0)] {
            let records = Self.records(undatedAt: partner)
            let (model, standard) = Self.trained(records)
            let scorer = PairScorer(model: model, records: standard)
            let pair = scorer.score(records.count - 2, records.count - 1)
            let expected = model.partnerCohortAdjustment(partner: standard.source[records.count - 1], birthYear: 2016)
            #expect(expected * sign > 1, "\(partner)")
            #expect(abs(pair.partnerCohortAdjustment - expected) < 1e-4)
            // The explanation still adds up to the weight, and says why.
            let explanation = MatchExplanation(pair: pair, model: model)
            #expect(abs(explanation.contributions.map(\.weight).reduce(0, +) - pair.weight) < 1e-3)
            #expect(explanation.lines.contains { $0.contains(sign > 0 ? "often born" : "seldom born") })
        }
    }

    @Test func noTermWhenBothOrNeitherAreDatedOrThePartnerIsUnknown() {
        var records = Self.records(undatedAt: "school")
        let (model, _) = Self.trained(records)
        records[records.count - 1].source = "fire"  // a partner the run never saw
        records.append(Fixtures.record("dated", "Oscar", "Penhallow", dob: "2016-06-14", source: "school"))
        records.append(Fixtures.record("undated2", "Oscar", "Penhallow", source: "school"))
        let scorer = PairScorer(model: model, records: StandardisedRecords(records))
        let n = records.count
        #expect(scorer.score(n - 4, n - 3).partnerCohortAdjustment == 0)  // unknown partner
        #expect(scorer.score(n - 4, n - 2).partnerCohortAdjustment == 0)  // both dated
        #expect(scorer.score(n - 3, n - 1).partnerCohortAdjustment == 0)  // neither dated
        // The untrained model has no profile at all.
        let untrained = PairScorer(model: .untrained, records: StandardisedRecords(records))
        #expect(untrained.score(n - 2, n - 1).partnerCohortAdjustment == 0)
    }

    @Test func aModelStoredBeforeAgeProfilesStillReads() throws {
        let (model, _) = Self.trained(Self.records(undatedAt: "school"))
        let data = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(LinkageModel.self, from: data) == model)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["birthCohortShares"] = nil
        object["partnerBirthCohortShares"] = nil
        let old = try JSONDecoder().decode(LinkageModel.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.partnerBirthCohortShares.isEmpty)
        #expect(old.partnerCohortAdjustment(partner: 1, birthYear: 2016) == 0)
    }

    @Test(arguments: [
        ("Flat 23, Oak Point", "FLAT 23 OAK POINT", 1), ("Flat 23, Oak Point", "Flat 24, Oak Point", 2),
        ("Flat 23, Oak Point", "Flat 23, Elm Point", 2), ("Flat 23, Oak Point", "23 Oak Point", 2),
        ("Flat 2, 12 Mill Road", "Flat 2, 12 Mill Rd", 1),
    ])
    func aFlatInANamedBuildingIsOneAddress(first: String, second: String, level: Int) {
        let records = StandardisedRecords([
            Fixtures.record("a", "Ava", "Quarrie", address: first, postcode: "SS14 1DL"),
            Fixtures.record("b", "Ava", "Quarrie", address: second, postcode: "SS14 1DL"),
        ])
        let pattern = ComparisonPattern(code: RecordComparator(records).pattern(0, 1))
        #expect(pattern.level(of: .address) == level)
    }
}
