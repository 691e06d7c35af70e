@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// The MARAC end to end through the routes: a DASH opens a referral
/// prefilled from linkage (or is refused naming every missing field, saving
/// nothing), the coordinator reads it through the access decision, an
/// outsider is refused, a partner outside the agreement cannot attend, and a
/// new domestic-abuse event for the pair raises "possible repeat".
@Suite struct PanelTests {
    static var partnership: PartnershipDescription {
        var description = TestPartnership.description
        description.agreements[0].flows[0].purposes.append(.riskPanels)
        return description
    }

    static let people = """
        record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number
        P-1,Jane,Doe,1985-03-14,F,12 Mill Road,SS14 1DL,
        P-2,Sam,Doe,2016-07-14,M,12 Mill Road,SS14 1DL,
        P-4,Mark,Doe,1980-02-02,M,12 Mill Road,SS14 1DL,

        """

    static func events(day: String) -> String {
        """
        record_id,person_record_id,category,role,occurred_on,summary
        E-1,P-1,domestic-abuse,victim,\(day),Incident at home
        E-2,P-4,domestic-abuse,perpetrator,\(day),Incident at home

        """
    }

    static func answers(yes: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: DASHInstrument.safeLives24.questions.enumerated().map { ("answers[\($1.id)]", $0 < yes ? "yes" : "no") })
    }

    @Test(arguments: TestStore.available)
    func aDashBecomesAPrefilledReferralAndARepeatIsSpotted(_ store: TestStore) async throws {
        try await withApp(store, partnership: Self.partnership) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            let today = CalendarDate.today(at: Date())
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test", linker: app.storeLinker,
                                        alerts: app.accessGate)
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(Self.people.utf8), name: "p.csv", contentType: nil))
            _ = try await service.run(partner: "test-police", kind: .events,
                                      source: .data(Data(Self.events(day: today.adding(days: -20).description).utf8), name: "e.csv", contentType: nil))
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let found = try await PeopleRepository(database: sql).search(name: "doe")
            let jane = try #require(found.first { $0.displayName.hasPrefix("Jane") }).personID
            let mark = try #require(found.first { $0.displayName.hasPrefix("Mark") }).personID
            let area = PanelAreaConfiguration.standard(kind: .marac, slug: "test-marac", name: "Test MARAC",
                                                       attendingPartners: ["test-police", "test-council"], agreementTitle: "Test ISP")
            try await PanelAreaRepository(database: sql).save(area, by: "test", at: Date())
            try await addUser(app, "ida", partner: "test-police")
            try await addUser(app, "cora", partner: "test-council", roles: ["panel-chair"])
            try await addUser(app, "chas", partner: "test-charity")
            let users = UserRepository(database: sql)
            let ida = try #require(try await users.find(username: "ida"))
            let cora = try #require(try await users.find(username: "cora"))
            try await PanelAreaRepository(database: sql).addStaff(area: area.slug, user: cora.id, function: .coordinator)
            try await CaseRelationshipRepository(database: sql).add(user: ida.id, people: [jane], kind: "allocated-worker", at: Date())
            var idva = PageClient(app: app)
            _ = try await idva.signIn("ida", "correct horse battery")
            _ = try await idva.send(.GET, "/panels/dash/new?victim=\(jane)")

            // act: the victim's wishes are missing, then given
            var form = Self.answers(yes: 15).merging(["csrf": idva.csrf ?? "", "victim": jane.uuidString, "victimTold": "yes"]) { a, _ in a }
            let refused = try await idva.send(.POST, "/panels/dash", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("victimWishes"))
            #expect(try await MaracCaseRepository(database: sql).cases(in: area.slug).isEmpty, "an incomplete referral saves nothing")
            #expect(try await MaracCaseRepository(database: sql).latestDash(of: jane) == nil, "nor its DASH")
            form["victimWishes"] = "To stay at home safely"
            let referred = try await idva.send(.POST, "/panels/dash", form: form)

            // validate: prefilled from linkage
            #expect(referred.status == .seeOther)
            let stored = try #require(try await MaracCaseRepository(database: sql).cases(in: area.slug).first)
            #expect(stored.victim == jane && stored.perpetrators == [mark] && stored.children.count == 1)
            #expect(stored.routes == [.visibleHighRisk(count: 15)])
            var coordinator = PageClient(app: app)
            _ = try await coordinator.signIn("cora", "correct horse battery")
            let page = try await coordinator.send(.GET, "/panels/cases/\(stored.id)")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: "X-Lantern-Access") != nil, "the case page asks the access decision")
            #expect(page.body.string.contains("Mark Doe") && page.body.string.contains("Sam Doe"))
            var outsider = PageClient(app: app)
            _ = try await outsider.signIn("chas", "correct horse battery")
            #expect(try await outsider.send(.GET, "/panels/cases/\(stored.id)").status == .forbidden)

            // A partner outside the panel's agreement cannot attend.
            _ = try await coordinator.send(.GET, "/panels")
            let meeting = try await coordinator.send(.POST, "/panels/meetings", form: ["csrf": coordinator.csrf ?? "", "area": area.slug,
                                                                                       "heldOn": today.adding(days: 7).description, "venue": "Room 1"])
            let meetingPath = try #require(meeting.headers.first(name: .location))
            let charity = try await coordinator.send(.POST, meetingPath + "/attendees", form: ["csrf": coordinator.csrf ?? "", "username": "chas"])
            #expect(charity.headers.first(name: .location)?.contains("problem=") == true)
            #expect(try await PanelMeetingRepository(database: sql).attendance(of: try #require(UUID(uuidString: String(meetingPath.suffix(36))))).isEmpty)

            // A new domestic-abuse event about the pair, from the police, raises the repeat for the coordinator.
            _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data("""
                record_id,person_record_id,category,role,occurred_on,summary
                E-9,P-4,domestic-abuse,perpetrator,\(today),Breach of bail at the address

                """.utf8), name: "e2.csv", contentType: nil))
            let notices = try await NotificationRepository(database: sql).notifications(for: cora.id)
            #expect(notices.contains { $0.ruleID == PanelRepeats.rule && $0.message.contains(stored.reference) })
        }
    }

    @Test func aPartnerSystemPostsADashAndGetsWhatIsMissing() async throws {
        try await withApp(.sqlite, partnership: Self.partnership) { app in
            let sql = app.db as! any SQLDatabase
            let area = PanelAreaConfiguration.standard(kind: .marac, slug: "test-marac", name: "Test MARAC",
                                                       attendingPartners: ["test-police"], agreementTitle: "Test ISP")
            try await PanelAreaRepository(database: sql).save(area, by: "test", at: Date())
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(Self.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            try await addUser(app, "ida", partner: "test-police")
            let ida = try #require(try await UserRepository(database: sql).find(username: "ida"))
            try await CaseRelationshipRepository(database: sql).add(user: ida.id, people: [jane], kind: "allocated-worker", at: Date())
            var client = PageClient(app: app)
            _ = try await client.signIn("ida", "correct horse battery")
            var answers = Dictionary(uniqueKeysWithValues: DASHInstrument.safeLives24.questions.map { ($0.id, "yes") })
            answers.removeValue(forKey: "weapons")
            let body = try String(decoding: JSONEncoder().encode(DashSubmission(victim: jane, answers: answers, victimTold: "yes")), as: UTF8.self)
            let response = try await client.send(.POST, "/api/v1/panels/dash", headers: ["Content-Type": "application/json"], body: body)
            #expect(response.status == .unprocessableEntity)
            let problems = try JSONDecoder().decode(PanelsAPIController.Problems.self, from: Data(response.body.string.utf8))
            #expect(problems.problems.map(\.field) == ["answers.weapons"])
            #expect(try await MaracCaseRepository(database: sql).latestDash(of: jane) == nil)
        }
    }
}
