import Foundation
import LanternDomain
import Testing

/// Rule sets as analysts edit them: JSON in and out, and problems they can fix.
@Suite struct NeedRuleSetTests {
    @Test func theStandardSetSurvivesAJSONRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try encoder.encode(NeedRuleSet.standard)
        let decoded = try JSONDecoder().decode(NeedRuleSet.self, from: json)
        #expect(decoded == .standard)
        #expect(try encoder.encode(decoded) == json)
    }

    @Test func analystsWriteCodesNotSwiftNames() throws {
        let json = try JSONEncoder().encode(NeedRuleSet.standard.rules[9])
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""need":"children-safe""#))
        #expect(text.contains(#""categories":["missing-episode"]"#))
    }

    @Test func unknownCodesSurviveDecodingAndAreReportedByRule() throws {
        let json = #"""
        {"version": 2,
         "rules": [{"id": "children-safe.missing", "need": "children-safe", "categories": ["missing-episod"],
                    "roles": ["bystander"], "lookBackDays": 0},
                   {"id": "children-safe.missing", "need": "child-safety", "categories": [], "lookBackDays": 90,
                    "minimumCount": 0, "ageBand": {"fromYears": 10, "toYears": 5}}],
         "scoring": {"needWeights": [{"need": "children-safe", "points": -1}],
                     "recencyBoosts": [{"withinDays": 0, "points": 1}], "partnerBonuses": [{"atLeast": 0, "points": 1}]}}
        """#
        let set = try JSONDecoder().decode(NeedRuleSet.self, from: Data(json.utf8))
        let problems = set.problems()
        #expect(problems.map(\.code) == [
            .unknownCategory, .unknownRole, .windowNotPositive,
            .duplicateRuleID, .unknownNeed, .noCategories, .minimumCountNotPositive, .invalidAgeBand,
            .negativePoints, .windowNotPositive, .minimumCountNotPositive,
        ])
        #expect(problems[0].description
            == #"rule children-safe.missing: categories "missing-episod": not an event category code (see docs/import-format.md)"#)
        #expect(problems[2].description
            == #"rule children-safe.missing: lookBackDays "0": the look-back window must be at least 1 day"#)
        #expect(problems[8].ruleID == nil)
    }

    @Test func buildingCaseFindingFromABadSetThrowsEveryProblem() {
        var set = NeedRuleSet.standard
        set.version = 0
        set.rules[0].lookBackDays = -5
        set.scoring.needWeights.removeAll { $0.needCode == "crime" }
        #expect {
            try CaseFinding(set)
        } throws: { error in
            guard let invalid = error as? InvalidRuleSet else { return false }
            return invalid.problems.map(\.code) == [.versionNotPositive, .windowNotPositive, .missingWeight]
                && invalid.problems[1].ruleID == "education.exclusion"
        }
    }

    @Test func anEmptySetIsRefused() {
        let set = NeedRuleSet(version: 1, rules: [], scoring: .init(needWeights: [], recencyBoosts: [], partnerBonuses: []))
        #expect(set.problems().map(\.code) == [.noRules])
    }

    @Test func defaultsApplyForOptionalFields() throws {
        let json = #"{"id": "r1", "need": "crime", "categories": ["arrest"], "lookBackDays": 30}"#
        let rule = try JSONDecoder().decode(NeedRule.self, from: Data(json.utf8))
        #expect(rule.roles.isEmpty)
        #expect(rule.minimumCount == 1)
        #expect(rule.problems().isEmpty)
    }

    @Test func anEditedSetChangesWhatIsIndicated() throws {
        var set = NeedRuleSet.standard
        set.version = 2
        let index = try #require(set.rules.firstIndex { $0.id == "children-safe.missing" })
        set.rules[index].minimumCount = 1
        let facts = CaseworkFixture.household(
            members: [.init(personID: "p1", dateOfBirth: CaseworkFixture.born(aged: 15))],
            events: [CaseworkFixture.event("m1", .missingEpisode, on: CaseworkFixture.daysAgo(2))])
        #expect(!CaseworkFixture.caseFinding.assess(facts, on: CaseworkFixture.today).isIndicated(.childrenSafe))
        let edited = try CaseFinding(set).assess(facts, on: CaseworkFixture.today)
        #expect(edited.isIndicated(.childrenSafe))
        #expect(edited.ruleSetVersion == 2)
    }
}
