@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// A returned referral resubmitted by its referrer with what was missing,
/// and a case transferred to another MARAC area, through the screens: each
/// refused whole while something is missing, each kept as a step and audited.
@Suite struct PanelCaseMovesTests {
    struct World {
        var jane: UUID
        var area: PanelAreaConfiguration
        var other: PanelAreaConfiguration
        var caseID: UUID
    }

    /// Jane's referral by Ida, in Test MARAC coordinated by Cora; Otto coordinates North MARAC.
    func world(_ app: Application) async throws -> World {
        let sql = app.db as! any SQLDatabase
        let today = CalendarDate.today(at: Date())
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker)
        _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(PanelTests.people.utf8), name: "p.csv", contentType: nil))
        _ = try await service.run(partner: "test-police", kind: .events,
                                  source: .data(Data(PanelTests.events(day: today.adding(days: -20).description).utf8), name: "e.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
        let area = PanelAreaConfiguration.standard(kind: .marac, slug: "test-marac", name: "Test MARAC",
                                                   attendingPartners: ["test-police", "test-council"], agreementTitle: "Test ISP")
        let other = PanelAreaConfiguration.standard(kind: .marac, slug: "north-marac", name: "North MARAC",
                                                    attendingPartners: ["test-police", "test-council"], agreementTitle: "Test ISP")
        try await PanelAreaRepository(database: sql).save(area, by: "test", at: Date())
        try await PanelAreaRepository(database: sql).save(other, by: "test", at: Date())
        try await addUser(app, "ida", partner: "test-police")
        try await addUser(app, "cora", partner: "test-council", roles: ["panel-chair"])
        try await addUser(app, "otto", partner: "test-council", roles: ["panel-chair"])
        try await addUser(app, "pete", partner: "test-police")
        let users = UserRepository(database: sql)
        let ida = try #require(try await users.find(username: "ida"))
        try await PanelAreaRepository(database: sql).addStaff(area: area.slug, user: try #require(try await users.find(username: "cora")).id, function: .coordinator)
        try await PanelAreaRepository(database: sql).addStaff(area: other.slug, user: try #require(try await users.find(username: "otto")).id, function: .coordinator)
        try await CaseRelationshipRepository(database: sql).add(user: ida.id, people: [jane], kind: "allocated-worker", at: Date())
        var idva = PageClient(app: app)
        _ = try await idva.signIn("ida", "correct horse battery")
        _ = try await idva.send(.GET, "/panels/dash/new?victim=\(jane)")
        let form = PanelTests.answers(yes: 15).merging(["csrf": idva.csrf ?? "", "victim": jane.uuidString, "victimTold": "yes",
                                                        "victimWishes": "To stay at home safely", "area": "test-marac"]) { a, _ in a }
        _ = try await idva.send(.POST, "/panels/dash", form: form)
        let stored = try #require(try await MaracCaseRepository(database: sql).cases(in: area.slug).first)
        return World(jane: jane, area: area, other: other, caseID: stored.id)
    }

    @Test(arguments: TestStore.available)
    func aReturnedReferralIsResubmittedByItsReferrerWithWhatWasMissing(_ store: TestStore) async throws {
        try await withApp(store, partnership: PanelTests.partnership) { app in
            // setup: the coordinator returns the referral
            let world = try await world(app)
            let sql = app.db as! any SQLDatabase
            var coordinator = PageClient(app: app)
            _ = try await coordinator.signIn("cora", "correct horse battery")
            _ = try await coordinator.send(.GET, "/panels/cases/\(world.caseID)")
            _ = try await coordinator.send(.POST, "/panels/cases/\(world.caseID)/return",
                                           form: ["csrf": coordinator.csrf ?? "", "reason": "Say what the victim wants from us, in her words"])
            var idva = PageClient(app: app)
            _ = try await idva.signIn("ida", "correct horse battery")
            let casePage = try await idva.send(.GET, "/panels/cases/\(world.caseID)")
            #expect(casePage.body.string.contains("/panels/cases/\(world.caseID)/resubmit"), "the referrer is offered the screen")

            // act: the screen shows why; a resubmission still missing the wishes is refused whole
            let screen = try await idva.send(.GET, "/panels/cases/\(world.caseID)/resubmit")
            #expect(screen.status == .ok && screen.headers.first(name: "X-Lantern-Access") != nil)
            #expect(screen.body.string.contains("Say what the victim wants from us") && screen.body.string.contains("Jane Doe"))
            let refused = try await idva.send(.POST, "/panels/cases/\(world.caseID)/resubmit",
                                              form: ["csrf": idva.csrf ?? "", "victimTold": "yes", "victimWishes": " "])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#"data-field="victimWishes""#))
            #expect(try await MaracCaseRepository(database: sql).find(world.caseID)?.state == .returned)

            // act: someone else on no footing is refused
            var other = PageClient(app: app)
            _ = try await other.signIn("pete", "correct horse battery")
            #expect(try await other.send(.GET, "/panels/cases/\(world.caseID)/resubmit").status == .forbidden)

            // act: the referrer answers
            let sent = try await idva.send(.POST, "/panels/cases/\(world.caseID)/resubmit",
                                           form: ["csrf": idva.csrf ?? "", "victimTold": "yes", "victimWishes": "A safe way to keep in touch with her sister"])

            // validate: referred again, the new answer kept, the step and audit recorded
            #expect(sent.status == .seeOther)
            let after = try #require(try await MaracCaseRepository(database: sql).find(world.caseID))
            #expect(after.state == .referred && after.referral.victimWishes == "A safe way to keep in touch with her sister")
            #expect(try await MaracCaseRepository(database: sql).steps(of: world.caseID).map(\.step).suffix(2) == ["return", "resubmit"])
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "panel case resubmit") == 2, "the refusal and the resubmission")
            #expect(try await idva.send(.POST, "/panels/cases/\(world.caseID)/resubmit",
                                        form: ["csrf": idva.csrf ?? "", "victimTold": "yes", "victimWishes": "again"]).status == .unprocessableEntity,
                    "a referral not returned cannot be resubmitted")
        }
    }

    @Test(arguments: TestStore.available)
    func theCoordinatorTransfersACaseAndItArrivesAsAReferralInTheOtherArea(_ store: TestStore) async throws {
        try await withApp(store, partnership: PanelTests.partnership) { app in
            // setup
            let world = try await world(app)
            let sql = app.db as! any SQLDatabase
            var coordinator = PageClient(app: app)
            _ = try await coordinator.signIn("cora", "correct horse battery")
            let casePage = try await coordinator.send(.GET, "/panels/cases/\(world.caseID)")
            #expect(casePage.body.string.contains("/panels/cases/\(world.caseID)/transfer"))
            var idva = PageClient(app: app)
            _ = try await idva.signIn("ida", "correct horse battery")
            #expect(!(try await idva.send(.GET, "/panels/cases/\(world.caseID)")).body.string.contains("/transfer\""),
                    "the referrer is not offered the transfer")
            #expect(try await idva.send(.GET, "/panels/cases/\(world.caseID)/transfer").status == .forbidden)

            // act: the screen, then a transfer without a reason
            let screen = try await coordinator.send(.GET, "/panels/cases/\(world.caseID)/transfer")
            #expect(screen.status == .ok && screen.body.string.contains("North MARAC") && screen.headers.first(name: "X-Lantern-Access") != nil)
            let refused = try await coordinator.send(.POST, "/panels/cases/\(world.caseID)/transfer",
                                                     form: ["csrf": coordinator.csrf ?? "", "area": world.other.slug, "reason": ""])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#"data-field="reason""#))
            let toItself = try await coordinator.send(.POST, "/panels/cases/\(world.caseID)/transfer",
                                                      form: ["csrf": coordinator.csrf ?? "", "area": world.area.slug, "reason": "moved"])
            #expect(toItself.status == .unprocessableEntity && toItself.body.string.contains(#"data-field="area""#))
            #expect(try await MaracCaseRepository(database: sql).cases(in: world.other.slug).isEmpty)

            // act: the transfer
            let moved = try await coordinator.send(.POST, "/panels/cases/\(world.caseID)/transfer",
                                                   form: ["csrf": coordinator.csrf ?? "", "area": world.other.slug, "reason": "Jane has moved to the north"])

            // validate: out here, in there as a referral with the same people, both audited
            #expect(moved.status == .seeOther)
            #expect(try await MaracCaseRepository(database: sql).find(world.caseID)?.state == .transferredOut)
            let arrived = try #require(try await MaracCaseRepository(database: sql).cases(in: world.other.slug).first)
            #expect(arrived.state == .referred && arrived.victim == world.jane && arrived.note?.contains("Jane has moved to the north") == true)
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "panel case transfer-out to:north-marac%") == 1)
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "panel case transfer-in from:test-marac") == 1)
            var north = PageClient(app: app)
            _ = try await north.signIn("otto", "correct horse battery")
            let there = try await north.send(.GET, "/panels/cases/\(arrived.id)")
            #expect(there.status == .ok && there.body.string.contains("Transferred in from Test MARAC"))
            #expect(try await north.send(.GET, "/panels/cases/\(world.caseID)/transfer").status == .forbidden,
                    "the other area's coordinator cannot move this area's case")
            let again = try await coordinator.send(.POST, "/panels/cases/\(world.caseID)/transfer",
                                                   form: ["csrf": coordinator.csrf ?? "", "area": world.other.slug, "reason": "twice"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains(#"data-field="state""#))
        }
    }
}
