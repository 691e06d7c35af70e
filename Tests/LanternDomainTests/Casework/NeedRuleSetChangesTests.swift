import LanternDomain
import PropertyBased
import Testing

/// What changed between two versions of the rules, as the version history shows it.
@Suite struct NeedRuleSetChangesTests {
    @Test func namesEachKindOfChange() throws {
        let old = NeedRuleSet.standard
        var new = old
        new.version += 1
        new.rules[0].lookBackDays += 30
        new.rules[0].categoryCodes.append("county-lines")
        new.rules[1].minimumCount = 3
        let removed = new.rules.remove(at: 2)
        new.rules.append(NeedRule(id: "financial.debt", need: .financialStability, categories: [.debtSupport], lookBackDays: 365))
        new.scoring.needWeights[0].points += 1
        new.scoring.partnerBonuses = []
        let lines = new.changes(since: old)
        #expect(lines.contains("Rule \(old.rules[0].id): categories added county-lines"))
        #expect(lines.contains("Rule \(old.rules[0].id): look back \(old.rules[0].lookBackDays) to \(old.rules[0].lookBackDays + 30) days"))
        #expect(lines.contains("Rule \(old.rules[1].id): at least \(old.rules[1].minimumCount) to 3 events"))
        #expect(lines.contains("Rule \(removed.id) removed"))
        #expect(lines.contains { $0.hasPrefix("Rule financial.debt added: ") })
        let need = try #require(FamilyNeed(rawValue: old.scoring.needWeights[0].needCode))
        #expect(lines.contains("Points for \(need.outcome): \(old.scoring.needWeights[0].points) to \(old.scoring.needWeights[0].points + 1)"))
        #expect(lines.contains { $0.hasPrefix("Partner bonuses: ") && $0.hasSuffix(" to none") })
    }

    /// No change reads as none, and any change to a rule's window reads as one.
    @Test func emptyExactlyWhenNothingChanged() async {
        await propertyCheck(input: Gen.int(in: 0...(NeedRuleSet.standard.rules.count - 1)), Gen.int(in: -30...30)) { index, delta in
            var edited = NeedRuleSet.standard
            edited.version += 1
            #expect(edited.changes(since: .standard).isEmpty, "a new number alone changes nothing")
            edited.rules[index].lookBackDays += delta
            #expect(edited.changes(since: .standard).isEmpty == (delta == 0))
        }
    }
}
