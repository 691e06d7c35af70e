import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Every route that can return personal data must ask the access decision.
/// A new route fails this test until it either asks (and so carries
/// `X-Lantern-Access`) or is added to the list of routes that hold no
/// personal data, with a reason.
@Suite struct AccessCoverageTests {
    /// Routes that return no personal data, and why.
    static let noPersonalData: [String: String] = [
        "GET /health": "database and migration status",
        "GET /metrics": "counters and latencies",
        "GET /": "redirect",
        "GET /sign-in": "the sign-in form",
        "POST /sign-in": "signs in",
        "POST /sign-out": "signs out",
        "GET /sign-in/code": "the second-factor form",
        "POST /people/:id/break-glass": "grants emergency access; the page it leads to asks the decision",
        "GET /case-finding/rules": "the rules and weights, no people",
        "POST /case-finding/rules": "saves a new version of the rules, no people",
        "POST /people/:id/access-requests": "records a request and redirects; it asks the decision to know whom to ask",
        "POST /audit/break-glass/:sequence/review": "records the DPO's review of an audit entry",
        "GET /webhooks": "partners' alert endpoints, no people",
        "POST /webhooks": "subscribes an endpoint",
        "POST /webhooks/:id/revoke": "revokes an endpoint",
        "GET /tokens": "partners' API tokens, no people",
        "POST /tokens": "makes an API token",
        "POST /tokens/:id/revoke": "revokes an API token",
        "GET /access-requests": "requests and answers: names of requesters and the holder's own record ids, no case data",
        "POST /access-requests/:id/answer": "records a holding partner's answer",
        "POST /people/:id/partner-disclosures": "records a disclosure request and redirects; it asks the decision whether the caller may see the person",
        "GET /partner-disclosures": "disclosure requests: requesters' names, purposes and the partner's own record ids, no one's name or data",
        "POST /partner-disclosures/:id/answer": "records a matched partner's answer and redirects",
        "GET /notifications": "the caller's own alerts, each passed through the access decision when raised",
        "POST /case-finding/:id/decision": "records a reviewer's decision",
        "POST /sign-in/code": "checks a second-factor code",
        "GET /account/two-factor": "the caller's own second-factor set-up",
        "POST /account/two-factor": "turns on the caller's own second factor",
        "GET /account/password": "the caller's own password form",
        "POST /account/password": "changes the caller's own password",
        "GET /account/sessions": "the caller's own sessions: times and browser, no case data",
        "POST /account/sessions/end": "ends one of the caller's own sessions",
        "POST /account/sessions/end-others": "ends the caller's other sessions",
        "GET /api/v1/audit/heads": "tree sizes, hashes and signatures only",
        "POST /api/v1/imports": "writes extracts; answers counts and problems",
        "GET /review": "linkage review: analysts only, see ReviewTests",
        "GET /api/v1/review": "linkage review: analysts only, see ReviewTests",
        "POST /review/:id": "records a decision",
        "POST /api/v1/review/:id": "records a decision",
        "GET /agreements": "agreements hold no personal data",
        "GET /agreements/:id": "agreement, versions and counts of what a withdrawing partner shared",
        "POST /agreements/:id/changes": "changes an agreement's status",
        "GET /agreements/:id/terms": "an agreement's flows for editing, no people",
        "POST /agreements/:id/terms": "revises an agreement's flows",
        "GET /api/v1/agreements": "agreements hold no personal data",
        "GET /api/v1/agreements/:id": "agreement, versions and counts of what a withdrawing partner shared",
        "POST /api/v1/agreements/:id/changes": "changes an agreement's status",
        "GET /transparency/ropa": "generated from agreements: no personal data",
        "GET /transparency/ropa.csv": "generated from agreements: no personal data",
        "GET /transparency/privacy-notice/:partner": "generated from agreements: no personal data",
        "GET /audit/people/:id": "DPO audit: capability-checked",
        "GET /audit/users/:id": "DPO audit: capability-checked",
        "GET /audit/unusual": "DPO audit: capability-checked",
        "GET /api/v1/audit/people/:id": "DPO audit: capability-checked",
        "GET /api/v1/audit/users/:id": "DPO audit: capability-checked",
        "GET /api/v1/audit/unusual": "DPO audit: capability-checked",
        "GET /rights-requests": "the DPO's requests: references, rights and clocks; the subject's records open through the person page",
        "GET /rights-requests/new": "the DPO's subject finder: says only whether the requester's own name and date of birth match, audited",
        "POST /rights-requests": "records a rights request",
        "POST /rights-requests/:id/:step": "moves a rights request's clock or closes it",
        "GET /rights-requests/:id/pack": "DPO only (capability-checked); the pack asks the decision under the rights request, see RightsRequestTests",
        "GET /rights-requests/:id/pack.json": "DPO only (capability-checked); as the pack page",
        "GET /rights-requests/:id/review": "DPO only (capability-checked); the workbench asks the decision under the rights request, see RightsReviewTests",
        "POST /rights-requests/:id/review/:action": "records a redaction, review, dispute or decision and redirects",
        "GET /review-tasks": "a partner's review tasks: request references, rights and clocks, no one's name",
        "GET /review-tasks/:id": "refused unless the caller is the holding partner's DPO or records officer; then decided and audited (ReviewTaskTests)",
        "POST /review-tasks/:id/decide": "records a holding partner's decision on its own item and redirects",
        "POST /review-tasks/:id/complete": "marks a holding partner's review complete and redirects",
        "GET /home": "the role's home: counts of work waiting, no one's data",
        "GET /audit": "DPO audit: capability-checked; finds a person's or user's audit by id or username",
        "GET /users": "accounts: names of staff, not of people the partnership holds; AccountManagement-checked",
        "POST /users": "makes an account",
        "POST /users/:id/roles": "changes an account's roles",
        "POST /users/:id/disable": "disables an account",
        "POST /users/:id/reset-second-factor": "removes an account's second factor",
        "POST /users/:id/reset-password": "sets a one-time password on an account, shown once to the administrator",
        "GET /accessibility": "the accessibility statement, public",
        "GET /breaches": "the breach register: counts of people and partners reached, no people",
        "POST /breaches": "records a breach",
        "POST /breaches/:id/partners-told": "records that partners were told",
        "POST /breaches/:id/ico": "records the ICO decision",
        "POST /breaches/:id/assessment": "records who detected a breach, the data categories and the risk, no people",
        "POST /breaches/:id/recall-asked": "records that a misdirected share's recipient was asked to delete it, no people",
        "POST /breaches/:id/recall-confirmed": "records the recipient's confirmation of the recall, no people",
        "POST /breaches/:id/consultation": "records an affected partner's view on the reporting decision, no people",
        "POST /breaches/:id/owner-decision": "records the protocol owner's decision where partners disagree, no people",
        "POST /breaches/:id/close": "closes a breach, no people",
        "POST /breaches/:id/subjects": "records the decision on telling the people concerned, no people",
        "GET /panels/cases/:id": "refused unless the caller is on the panel case; its names go through the access decision (PanelTests)",
        "GET /panels/cases/:id/transfer": "refused unless the caller is the area's staff; the victim's name goes through the access decision (PanelCaseMovesTests)",
        "GET /panels/cases/:id/resubmit": "refused unless the caller referred the case or is the area's staff; the name goes through the access decision (PanelCaseMovesTests)",
        "GET /panels/meetings/:id": "refused unless the caller chairs, coordinates or attends; names on the agenda go through the access decision",
        "GET /panels/meetings/:id/minutes": "the published minutes, for attendees who accepted the statement: text written by the panel, each partner reading only the cases it was present for or holds actions on (PanelMinutesTests)",
        "GET /panels/dash/new": "refused without a MARAC area; the victim and linked people go through the access decision",
        "POST /panels/dash": "records a DASH about a victim the access decision lets the caller see (PanelTests)",
        "POST /panels/cases/:id/accept": "moves a panel case; redirects",
        "POST /panels/cases/:id/return": "moves a panel case; redirects",
        "POST /panels/cases/:id/actions": "records an action; redirects",
        "POST /panels/actions/:id": "updates an action; redirects",
        "POST /panels/meetings": "creates a meeting; redirects",
        "POST /panels/meetings/:id/list": "lists cases on an agenda; redirects",
        "POST /panels/meetings/:id/publish": "publishes an agenda; redirects",
        "POST /panels/meetings/:id/attendees": "adds an attendee; redirects",
        "POST /panels/meetings/:id/confidentiality": "records an acceptance; redirects",
        "POST /panels/meetings/:id/open": "opens a meeting; redirects",
        "POST /panels/meetings/:id/minutes": "saves minutes; redirects",
        "POST /panels/meetings/:id/minutes/publish": "publishes minutes; redirects",
        "POST /panels/research/:id": "returns a partner's research; redirects",
        "GET /panels/areas/:area/settings": "an area's settings and versions: partners and numbers, no people; its staff only",
        "POST /panels/areas/:area/settings": "saves a new version of an area's settings, no people; its staff only",
        "POST /panels/cases/:id/transfer": "moves a panel case to another area; redirects, or the form again, which asks",
        "POST /panels/cases/:id/resubmit": "resubmits a returned referral; redirects, or the form again, which asks",
        "GET /api/v1/panels/cases/:id": "a referral's state and routes, no names; refused unless on the case, then asks as the page does",
        "POST /api/v1/panels/dash": "records a DASH as the page does; its answer names no one (PanelTests)",
        "GET /retention": "counts due by partner and record class, holds by id, batches and certificates: no people",
        "POST /retention/rules": "saves a new version of the retention schedule",
        "POST /retention/holds": "places a legal hold",
        "POST /retention/holds/:id/lift": "lifts a legal hold",
        "GET /retention/batches/:id": "records officer or DPO only (capability-checked); the batch's records are read under the retention purpose through the access decision (RetentionPreviewTests)",
        "POST /retention/batches": "prepares a disposal batch: the owning partner's records officer only",
        "POST /retention/batches/:id/approve": "approves a disposal batch: the owning partner's records officer only",
        "POST /retention/batches/:id/dispose": "carries out an approved batch: the owning partner's records officer only",
        "POST /retention/batches/:id/review": "records a review rule's decision (keep to a date, or dispose): the owning partner's records officer only",
        "GET /reports": "depersonalised counts through disclosure control (read-reports capability), no person",
        "GET /reports/trends": "depersonalised counts through disclosure control, no person",
        "GET /reports/trends.csv": "depersonalised counts through disclosure control, no person",
        "GET /reports/hotspots": "map cells of 8+ addresses through disclosure control, no person",
        "GET /reports/hotspots.csv": "map cells of 8+ addresses through disclosure control, no person",
        "GET /api/v1/reports/trends": "depersonalised counts through disclosure control, no person",
        "GET /api/v1/reports/hotspots": "map cells of 8+ addresses through disclosure control, no person",
        "GET /reports/repeat-victimisation": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/repeat-victimisation.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/repeat-victimisation": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/service-overlap": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/service-overlap.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/service-overlap": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/partner-combinations": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/partner-combinations.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/partner-combinations": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/case-finding": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/case-finding.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/case-finding": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/marac-return": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/marac-return.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/marac-return": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/asb-review": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/asb-review.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/asb-review": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/equality": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/equality.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/equality": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/evaluation": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /reports/evaluation.csv": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /api/v1/reports/evaluation": "counts of people, households or cases through disclosure control and the differencing guard, no person",
        "GET /matac/rules": "the MATAC weights and their versions, no people",
        "POST /matac/rules": "saves a new version of the MATAC weights, no people",
        "POST /matac/people/:id/decision": "records the panel's decision and redirects to the person's page, which asks",
        "POST /matac/scores": "records the selected cohort's scores and redirects to the list, which asks",
        "POST /asb-reviews": "records an application and redirects to the review, which asks",
        "POST /asb-reviews/:id/:step": "records a step and redirects to the review, which asks",
        "POST /iom": "selects a person into the cohort and redirects to the cohort, which asks",
        "POST /iom/:id/:step": "records a review, compliance event or de-selection and redirects to the cohort, which asks",
        "POST /exploitation": "opens a case and redirects to it, which asks",
        "POST /exploitation/:id/review": "records a review and redirects to the case, which asks",
        "POST /exploitation/:id/actions": "sets an action and redirects to the case, which asks",
        "POST /exploitation/:id/list": "lists the case on an exploitation panel meeting (its staff only) and redirects to the case, which asks",
        "POST /api/v1/matac/people/:id/decision": "records the panel's decision as the page does: chairs only; answers the decision, no name",
        "POST /api/v1/asb-reviews": "records an application as the page does: chairs only; answers its id and reference, no name",
        "POST /api/v1/iom": "selects a person as the page does: chairs only; the name in its answer goes through the access decision",
    ]

    @Test func everyPersonalDataRouteAsksTheAccessDecision() async throws {
        try await withApp(.sqlite) { app in
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            // An event and an involvement named like the person record, so the
            // history routes of all three kinds find something to decide on.
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .events, source: .data(Data("""
                    record_id,person_record_id,category,role,occurred_on,summary
                    P-1,P-1,domestic-abuse,victim,2025-01-02,Incident at home
                    """.utf8), name: "e.csv", contentType: nil))
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .involvements, source: .data(Data("""
                    record_id,person_record_id,service,work_type,started_on
                    P-1,P-1,Neighbourhood Team,policing,2025-01-03
                    """.utf8), name: "i.csv", contentType: nil))
            let person = try #require(try await PeopleRepository(database: app.db as! any SQLDatabase).search(name: "doe").first)
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
            let household = try #require(try await CaseworkRepository(database: app.db as! any SQLDatabase).household(of: person.personID))
            try await addUser(app, "ana", partner: "test-council", roles: ["analyst"])
            var client = PageClient(app: app)
            _ = try await client.signIn("ana", "correct horse battery")
            var checked = 0
            for route in app.routes.all {
                let path = "/" + route.path.map(\.description).joined(separator: "/")
                let key = "\(route.method.rawValue) \(path)"
                if Self.noPersonalData[key] != nil { continue }
                let id = path.contains("households") ? household : person.personID
                let concrete = path.replacingOccurrences(of: ":id", with: id.uuidString)
                    .replacingOccurrences(of: ":partner", with: "test-police").replacingOccurrences(of: ":record", with: "P-1")
                    + (path.hasSuffix("people") ? "?name=doe" : "")
                let response = try await client.send(route.method, concrete)
                #expect(response.headers.first(name: "X-Lantern-Access") != nil,
                        "\(key) answered \(response.status.code) without asking the access decision")
                checked += 1
            }
            #expect(checked >= 4, "the person search and page, as pages and API, are personal-data routes")
        }
    }
}
