import Foundation
import LanternDomain
import PropertyBased
import Testing
@testable import Policy

struct BreakGlassTests {
    let item = HeldItem(heldBy: Harrowmere.police, category: .crime)

    @Test(arguments: ["", "   ", "\n\t "])
    func aGrantWithoutAReasonCannotBeMade(_ reason: String) {
        #expect(throws: BreakGlassGrant.Problem.missingReason) {
            try BreakGlassGrant(reason: reason, grantedAt: Harrowmere.now, expiresAt: Harrowmere.now.adding(seconds: 60))
        }
    }

    @Test func aGrantNeedsARealReasonAndASensibleWindow() {
        let now = Harrowmere.now
        #expect(throws: BreakGlassGrant.Problem.reasonTooShort(minimum: BreakGlassGrant.minimumReasonLength)) {
            try BreakGlassGrant(reason: " urgent ", grantedAt: now, expiresAt: now.adding(seconds: 60))
        }
        #expect(throws: BreakGlassGrant.Problem.endsBeforeItStarts) {
            try BreakGlassGrant(reason: "Risk to life reported", grantedAt: now, expiresAt: now)
        }
        #expect(throws: BreakGlassGrant.Problem.longerThanAllowed(maximumSeconds: BreakGlassGrant.maximumDuration)) {
            try BreakGlassGrant(reason: "Risk to life reported", grantedAt: now,
                                expiresAt: now.adding(seconds: BreakGlassGrant.maximumDuration + 1))
        }
    }

    @Test func decodingChecksTheGrantToo() throws {
        let json = #"{"reason":" ","grantedAt":{"secondsSince1970":0},"expiresAt":{"secondsSince1970":60}}"#
        #expect(throws: BreakGlassGrant.Problem.missingReason) {
            try JSONDecoder().decode(BreakGlassGrant.self, from: Data(json.utf8))
        }
        let grant = try Harrowmere.grant()
        let copy = try JSONDecoder().decode(BreakGlassGrant.self, from: JSONEncoder().encode(grant))
        #expect(copy == grant)
    }

    @Test func aGrantInForceStandsInForTheRelationshipAndIsFlaggedForTheDPO() throws {
        let grant = try Harrowmere.grant()
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         breakGlass: grant)
        let decision = Harrowmere.policy().decide(request, item: item)
        let permission = try #require(decision.permission)
        #expect(permission.breakGlass == grant)
        #expect(permission.needsDPOReview)
        #expect(decision.reason.contains("BREAK-GLASS for DPO review: Child missing overnight"))
    }

    @Test func aGrantIsNotFlaggedWhenTheRelationshipSufficed() throws {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         relationships: [.allocatedWorker], breakGlass: try Harrowmere.grant())
        #expect(Harrowmere.policy().decide(request, item: item).permission?.needsDPOReview == false)
    }

    @Test func anExpiredGrantIsDenied() async throws {
        let grant = try Harrowmere.grant(from: Harrowmere.now, hours: 1)
        let policy = Harrowmere.policy()
        // Any moment from the expiry onwards, with or without a relationship.
        await propertyCheck(input: Gen.int(in: 0...1_000_000), Gen.bool) { after, related in
            let request = Harrowmere.request(
                [.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                relationships: related ? [.allocatedWorker] : [], breakGlass: grant,
                now: grant.expiresAt.adding(seconds: Int64(after)))
            let denial = policy.decide(request, item: item).denial
            #expect(denial?.code == .breakGlassExpired)
            #expect(denial?.nextStep == .declareBreakGlass)
        }
    }

    @Test func aGrantDatedInTheFutureIsDenied() throws {
        let grant = try Harrowmere.grant(from: Harrowmere.now.adding(seconds: 60))
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         breakGlass: grant)
        #expect(Harrowmere.policy().decide(request, item: item).denial?.code == .breakGlassNotYetValid)
    }

    @Test func breakGlassNeverStandsInForAnAgreement() throws {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         breakGlass: try Harrowmere.grant())
        #expect(Harrowmere.policy(.suspended).decide(request, item: item).denial?.code == .agreementSuspended)
        let masked = Harrowmere.policy().decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime,
                                                                         fields: [.health]))
        #expect(masked.masked == [.health])
    }

    @Test(arguments: [Role.analyst, .dpo, .admin, .partnerAdmin])
    func onlyThoseActingForOnePersonMayBreakGlass(_ role: Role) throws {
        let purpose: AccessPurpose = role == .dpo ? .rightsRequest : .agreed(.caseFinding)
        let request = Harrowmere.request([role], at: Harrowmere.council, purpose: purpose,
                                         breakGlass: try Harrowmere.grant())
        let code = Harrowmere.policy().decide(request, item: item).denial?.code
        #expect(code == (role.readsCaseData ? .breakGlassNotForRole : .noCaseDataRole))
    }
}
