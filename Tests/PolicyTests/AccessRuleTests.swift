import LanternDomain
import Testing
@testable import Policy

struct AccessRuleTests {
    struct Refuse: AccessRule {
        let code: String
        func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict {
            .fails(Denial(code: Denial.Code(rawValue: code), description: "refused by \(code)"))
        }
    }

    struct Allow: AccessRule {
        func check(_ request: AccessRequest, holder: HoldingPartner?) -> RuleVerdict { .meetsPolicy }
    }

    @AccessRuleBuilder
    static func rules(strict: Bool) -> some AccessRule {
        Allow()
        if strict {
            Refuse(code: "first")
        }
        Refuse(code: "second")
        Refuse(code: "third")
    }

    @Test func theFirstFailureStopsTheCheck() {
        let request = Harrowmere.request([.analyst], at: Harrowmere.council, purpose: .agreed(.caseFinding))
        #expect(Self.rules(strict: true).check(request, holder: nil)
            == .fails(Denial(code: Denial.Code(rawValue: "first"), description: "refused by first")))
        #expect(Self.rules(strict: false).check(request, holder: nil)
            == .fails(Denial(code: Denial.Code(rawValue: "second"), description: "refused by second")))
    }

    @Test func theStandardRulesRunInTheDocumentedOrder() throws {
        // An administrator with an expired grant and no relationship fails rule 1, not 3 or 4.
        let grant = try Harrowmere.grant(from: Harrowmere.now.adding(seconds: -4 * 3600), hours: 1)
        let request = Harrowmere.request([.admin], at: Harrowmere.council, purpose: .agreed(.caseFinding),
                                         breakGlass: grant)
        #expect(AccessPolicy.standardRules().check(request, holder: nil).denial?.code == .noCaseDataRole)
        var practitioner = request
        practitioner.requester.roles = [.practitioner]
        #expect(AccessPolicy.standardRules().check(practitioner, holder: nil).denial?.code == .purposeNotForRole)
        practitioner.purpose = .agreed(.holisticView)
        #expect(AccessPolicy.standardRules().check(practitioner, holder: nil).denial?.code == .breakGlassExpired)
    }

    @Test func momentsFallOnTheirLocalDay() {
        #expect(Moment(secondsSince1970: 0).day == CalendarDate(year: 1970, month: 1, day: 1))
        #expect(Moment(secondsSince1970: -1).day == CalendarDate(year: 1969, month: 12, day: 31))
        #expect(Moment(secondsSince1970: 86_399, utcOffsetSeconds: 3600).day == CalendarDate(year: 1970, month: 1, day: 2))
        #expect(Moment(startOf: Harrowmere.day("2025-06-01")).day == Harrowmere.day("2025-06-01"))
    }

    @Test func purposesRoundTripThroughTheirRawValues() {
        for purpose in AccessPurpose.all { #expect(AccessPurpose(rawValue: purpose.rawValue) == purpose) }
        #expect(AccessPurpose(rawValue: "marketing") == nil)
    }

    @Test func categorySetsBehaveLikeSets() {
        var set: CategorySet = [.health, .identity]
        #expect(Array(set) == [.identity, .health])
        set.insert(.crime)
        set.remove(.identity)
        #expect(set.count == 2 && set.contains(.crime) && !set.contains(.identity))
        #expect(CategorySet.all.count == DataCategory.allCases.count)
        #expect(Array(CategorySet.all) == DataCategory.allCases)
    }
}

extension RuleVerdict {
    var denial: Denial? { if case .fails(let denial) = self { denial } else { nil } }
}
