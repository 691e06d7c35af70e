@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// Published minutes, case by case: the coordinator writes a section per
/// agenda case and ticks who was present for it; each attendee's partner then
/// reads, on the meeting page and in the print view, only the sections of
/// the cases it was present for or holds actions on, and a count of the rest.
@Suite struct PanelMinutesTests {
    /// Who reads which case, written out by hand: A both were present for;
    /// B only the police; C nobody, but the council holds an action; D nobody.
    static let expected: [String: Set<String>] = [
        "pete": ["A", "B"],        // test-police
        "cal": ["A", "C"],         // test-council
        "cora": ["A", "B", "C", "D"], // the coordinator reads every section
    ]

    @Test(arguments: TestStore.available)
    func eachPartnerReadsTheCasesItAttendedOrHoldsActionsOn(_ store: TestStore) async throws {
        try await withApp(store, partnership: PanelTests.partnership) { app in
            // setup: four accepted cases on one meeting, two attendees from two partners who accepted the statement
            let sql = app.db as! any SQLDatabase
            let area = PanelAreaConfiguration.standard(kind: .marac, slug: "test-marac", name: "Test MARAC",
                                                       attendingPartners: ["test-police", "test-council"], agreementTitle: "Test ISP")
            try await PanelAreaRepository(database: sql).save(area, by: "test", at: Date())
            try await addUser(app, "cora", partner: "test-council", roles: ["panel-chair"])
            try await addUser(app, "pete", partner: "test-police")
            try await addUser(app, "cal", partner: "test-council")
            let users = UserRepository(database: sql)
            let cora = try #require(try await users.find(username: "cora"))
            try await PanelAreaRepository(database: sql).addStaff(area: area.slug, user: cora.id, function: .coordinator)
            let today = CalendarDate.today(at: Date())
            var cases: [String: StoredMaracCase] = [:]
            for label in ["A", "B", "C", "D"] {
                let referral = MaracReferral(victim: "", perpetrators: [], children: [], referrer: "cora", partner: "test-council", referredOn: today, dash: nil)
                cases[label] = try await MaracCaseRepository(database: sql).create(
                    area: area, victim: UUID(), perpetrators: [], children: [], state: .accepted,
                    check: ReferralCheck(routes: [.professionalJudgement(reason: "test")], missing: []), referral: referral, dashID: nil,
                    referrerID: cora.id, emergency: false, at: Date())
            }
            let meetings = PanelMeetingRepository(database: sql)
            let meeting = try await meetings.create(area: area, heldOn: today, venue: "Room 1", at: Date())
            try await meetings.list(["A", "B", "C", "D"].compactMap { cases[$0]?.id }, on: meeting)
            for (username, partner) in [("pete", "test-police"), ("cal", "test-council")] {
                let user = try #require(try await users.find(username: username))
                try await meetings.addAttendee(meeting: meeting, user: user.id, partner: partner, role: .present)
                try await meetings.accept(meeting: meeting, user: user.id, version: area.confidentialityStatement.version, at: Date())
            }
            let caseC = try #require(cases["C"]).id
            _ = try await PanelActionRepository(database: sql).add(
                PanelAction(text: "Visit the address", protects: .victim, owningPartner: "test-council", owner: "Cal", due: today.adding(days: 7)),
                case: caseC, meeting: meeting, ownerID: nil, at: Date())
            var coordinator = PageClient(app: app)
            _ = try await coordinator.signIn("cora", "correct horse battery")
            let editor = try await coordinator.send(.GET, "/panels/meetings/\(meeting)")
            #expect(editor.body.string.contains("notes[\(caseC)]"), "the coordinator writes a section per agenda case")
            var form = ["csrf": coordinator.csrf ?? "", "text": "Statement accepted by all present."]
            for (label, stored) in cases {
                form["notes[\(stored.id)]"] = "Section about case \(label)"
                let present: [String] = ["A": ["test-police", "test-council"], "B": ["test-police"]][label] ?? []
                for partner in present { form["present[\(stored.id):\(partner)]"] = "on" }
            }
            // A partner not on the register cannot be ticked in.
            form["present[\(try #require(cases["D"]).id):test-charity]"] = "on"
            _ = try await coordinator.send(.POST, "/panels/meetings/\(meeting)/minutes", form: form)
            _ = try await coordinator.send(.POST, "/panels/meetings/\(meeting)/minutes/publish", form: ["csrf": coordinator.csrf ?? ""])
            // A later draft is for the staff only until published.
            form["notes[\(try #require(cases["D"]).id)]"] = "Draft change about case D"
            _ = try await coordinator.send(.POST, "/panels/meetings/\(meeting)/minutes", form: form)

            // act and validate: the partners x cases matrix, on the page and in the print view
            for (username, readable) in Self.expected {
                var reader = PageClient(app: app)
                _ = try await reader.signIn(username, "correct horse battery")
                let page = try await reader.send(.GET, "/panels/meetings/\(meeting)")
                let print = try await reader.send(.GET, "/panels/meetings/\(meeting)/minutes")
                #expect(page.status == .ok && print.status == .ok)
                for (label, stored) in cases {
                    for body in [page.body.string, print.body.string] {
                        let shown = body.contains(#"data-case="\#(stored.reference)""#) && body.contains("Section about case \(label)")
                        #expect(shown == readable.contains(label), "\(username) reading case \(label)")
                    }
                }
                let withheld = 4 - readable.count
                #expect(print.body.string.contains("\(withheld) other case(s) discussed are not shown") == (withheld > 0), "\(username) is told how many are withheld")
                #expect(page.body.string.contains("Draft change about case D") == (username == "cora"), "a draft is for the staff only")
            }
            let stored = try await PanelActionRepository(database: sql).sections(of: meeting, version: 1)
            #expect(stored.first { $0.caseID == cases["D"]?.id }?.presentPartners.isEmpty == true, "only partners on the register are recorded as present")
        }
    }
}
