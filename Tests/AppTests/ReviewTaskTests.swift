@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// A holding partner's own reviewers answer its part of a rights request:
/// each sees only its partner's task and items, decides each item, and the
/// DPO sees the review complete; anyone else is refused, audited.
@Suite struct ReviewTaskTests {
    /// Jane's request, her holders' tasks, and a reviewer of each kind at each partner.
    static func world(_ app: Application) async throws -> (request: StoredRightsRequest, tasks: [String: UUID]) {
        let (_, _, request) = try await RightsReviewTests.world(app, kinds: [.access])
        try await addUser(app, "rita", partner: "test-police", roles: ["records"])
        try await addUser(app, "pat", partner: "test-police", roles: ["dpo"])
        try await addUser(app, "cora", partner: "test-council", roles: ["records"])
        try await addUser(app, "pete", partner: "test-police", roles: ["practitioner"])
        try await addUser(app, "padma", partner: "test-police", roles: ["partner-admin"])
        let sql = app.db as! any SQLDatabase
        try await ReviewTaskAssignment.ensure(sql, at: Date())
        let tasks = try await RightsReviewTaskRepository(database: sql).tasks(of: "test-police")
            + RightsReviewTaskRepository(database: sql).tasks(of: "test-council")
        return (request, Dictionary(uniqueKeysWithValues: tasks.map { ($0.partner, $0.id) }))
    }

    static func signIn(_ app: Application, _ username: String) async throws -> PageClient {
        var client = PageClient(app: app)
        _ = try await client.signIn(username, "correct horse battery")
        _ = try await client.send(.GET, "/home")
        return client
    }

    /// Who may open which partner's task: its own DPO or records officer only.
    static let matrix: [(user: String, partner: String, opens: Bool, code: String?)] = [
        ("rita", "test-police", true, nil), ("rita", "test-council", false, "review-task-of-another-partner"),
        ("pat", "test-police", true, nil), ("pat", "test-council", false, "review-task-of-another-partner"),
        ("cora", "test-council", true, nil), ("cora", "test-police", false, "review-task-of-another-partner"),
        ("dee", "test-council", true, nil), ("dee", "test-police", false, "review-task-of-another-partner"),
        ("pete", "test-police", false, "capability-not-for-role"), ("padma", "test-police", false, "capability-not-for-role"),
    ]

    @Test func eachPartnersReviewersOpenOnlyTheirOwnPartnersTask() async throws {
        try await withApp(.sqlite) { app in
            // setup
            let (request, tasks) = try await Self.world(app)
            let sql = app.db as! any SQLDatabase
            #expect(Set(tasks.keys) == ["test-police", "test-council"], "a task for each holding partner")
            for row in Self.matrix {
                var client = try await Self.signIn(app, row.user)
                let path = "/review-tasks/\(try #require(tasks[row.partner]))"
                // act
                let page = try await client.send(.GET, path)
                let decide = try await client.send(.POST, path + "/decide", form: ["csrf": client.csrf ?? "", "item": "event:E-1", "choice": "disclose"])
                // validate
                if row.opens {
                    #expect(page.status == .ok, "\(row.user) opens \(row.partner)'s task")
                    #expect(page.headers.first(name: "X-Lantern-Access") == "permit")
                    let body = page.body.string
                    let own = row.partner == "test-police" ? "Person record P-1" : "Person record C-1"
                    let other = row.partner == "test-police" ? "Person record C-1" : "Person record P-1"
                    #expect(body.contains(own) && !body.contains(other), "\(row.user) sees only \(row.partner)'s items")
                    #expect(decide.status == .seeOther || decide.status == .found || decide.status == .ok)
                } else {
                    #expect(page.status == .forbidden, "\(row.user) is refused \(row.partner)'s task")
                    #expect(page.body.string.contains(row.code ?? "") || row.code == "capability-not-for-role")
                    #expect(decide.status == .forbidden)
                    let api = try await client.send(.GET, path, headers: ["Accept": "application/json"])
                    struct Problem: Decodable { var code: String }
                    #expect(try api.content.decode(Problem.self).code == row.code)
                }
            }
            // Every refusal is audited against the subject.
            let refused = try await sql.select().column("resource").from("audit_entries")
                .where("resource", .like, "rights-review-task:\(request.reference)%").where("decision", .equal, "deny").all()
            #expect(refused.count >= Self.matrix.filter { !$0.opens }.count * 2)
            // Only the holders' decisions on their own items were kept: council's task has no E-1.
            let kept = try await RightsReviewTaskRepository(database: sql).decisions(of: request.id)
            #expect(kept.allSatisfy { $0.partner == "test-police" && $0.item == "event:E-1" })
        }
    }

    @Test(arguments: TestStore.available)
    func theRecordsOfficerDecidesEachItemAndTheDPOSeesTheReviewComplete(_ store: TestStore) async throws {
        try await withApp(store) { app in
            // setup
            let (request, tasks) = try await Self.world(app)
            let sql = app.db as! any SQLDatabase
            var rita = try await Self.signIn(app, "rita")
            let home = try await rita.send(.GET, "/home").body.string
            #expect(home.contains("Your review tasks") && home.contains("/review-tasks"))
            let list = try await rita.send(.GET, "/review-tasks").body.string
            #expect(list.contains(request.reference) && !list.contains("Jane"), "the list names the request, not the person")
            let path = "/review-tasks/\(try #require(tasks["test-police"]))"
            func send(_ form: [String: String]) async throws -> String {
                var form = form
                form["csrf"] = rita.csrf ?? ""
                let response = try await rita.send(.POST, path + "/decide", form: form)
                return response.headers.first(name: .location) ?? ""
            }

            // act, validate: refusals change nothing
            #expect(try await send(["item": "event:E-1", "choice": "withhold", "exemption": "", "reason": "x"]).contains("problem="))
            #expect(try await send(["item": "event:E-1", "choice": "withhold", "exemption": Exemption.crime.rawValue, "reason": " "]).contains("problem="))
            #expect(try await send(["item": "event:E-4", "choice": "redact", "exemption": Exemption.seriousHarm.rawValue,
                                    "reason": "r", "passage": "not in the item"]).contains("problem="))
            #expect(try await send(["item": "person:C-1", "choice": "disclose"]).contains("problem="), "not the police's item")
            #expect(try await RightsReviewTaskRepository(database: sql).decisions(of: request.id).isEmpty)
            let early = try await rita.send(.POST, path + "/complete", form: ["csrf": rita.csrf ?? ""])
            #expect(early.headers.first(name: .location)?.contains("problem=") == true, "every item decided first")

            // act: a decision on every item
            #expect(try await send(["item": "event:E-1", "choice": "withhold", "exemption": Exemption.crime.rawValue,
                                    "reason": "Investigation still open"]).contains("done="))
            #expect(try await send(["item": "event:E-4", "choice": "redact", "exemption": Exemption.seriousHarm.rawValue,
                                    "reason": "Would put the officer at risk", "passage": "saw DC Rowe"]).contains("done="))
            #expect(try await send(["item": "person:P-1", "choice": "disclose"]).contains("done="))
            #expect(try await send(["item": "involvement:I-1", "choice": "disclose"]).contains("done="))
            let page = try await rita.send(.GET, path).body.string
            #expect(page.contains("Withhold under \(Exemption.crime.citation): Investigation still open"))
            #expect(page.contains("0 item(s) still to decide"))
            let done = try await rita.send(.POST, path + "/complete", form: ["csrf": rita.csrf ?? ""])
            #expect(done.headers.first(name: .location)?.contains("done=") == true)

            // validate: the DPO's workbench and pack
            var dpo = try await RightsReviewTests.dpo(app)
            let workbench = try await dpo.send(.GET, "/rights-requests/\(request.id)/review").body.string
            #expect(workbench.contains("Reviewed by Rita, records officer"))
            // Each item shows the holding partner's own decision: what, under which exemption, why, by whom and when.
            func decision(_ item: String) -> String {
                guard let start = workbench.range(of: "id=\"decision-test-police-\(item)\"") else { return "" }
                return String(workbench[start.upperBound...]).components(separatedBy: "</td>").first ?? ""
            }
            let withheld = decision("event:E-1"), redacted = decision("event:E-4"), disclosed = decision("person:P-1")
            #expect(withheld.contains("Withhold") && withheld.contains(Exemption.crime.citation) && withheld.contains("Investigation still open"))
            #expect(redacted.contains("Redact a passage") && redacted.contains("saw DC Rowe") && redacted.contains(Exemption.seriousHarm.citation)
                    && redacted.contains("Would put the officer at risk"))
            #expect(disclosed.contains("Disclose") && !disclosed.contains("under"))
            for text in [withheld, redacted, disclosed] { #expect(text.contains("Rita") && text.contains(" UTC"), "who decided and when") }
            let pack = try await dpo.send(.GET, "/rights-requests/\(request.id)/pack").body.string
            #expect(!pack.contains("Incident at home") && pack.contains(Exemption.crime.marker))
            #expect(!pack.contains("saw DC Rowe") && pack.contains(Exemption.seriousHarm.marker), "the passage is redacted, the rest kept")
            #expect(pack.contains("arrive"))
            // The audit holds what was decided, not the words redacted.
            let steps = try await sql.select().columns("reason", "decision").from("audit_entries")
                .where("resource", .like, "rights-review-task:\(request.reference) test-police decide").all()
                .map { try $0.decode(column: "reason", as: String.self) }
            #expect(steps.count == 8 && !steps.contains { $0.contains("DC Rowe") })
        }
    }
}
