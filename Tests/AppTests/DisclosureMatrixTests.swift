@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Every name Lantern shows goes through the access decision for that
/// person: over every caller kind, every route that can name someone and
/// every person in the store, a body names only the people the caller may
/// see, never the partners holding what is withheld, and never "name
/// withheld" rows for strangers in a search.
@Suite struct DisclosureMatrixTests {
    /// One person of the store as a test recognises them in a body.
    struct Subject: Sendable {
        var label: String
        var ids: [UUID]
        /// Strings that identify the person: their name and date of birth as pages and JSON write them
        /// (not as DD/MM/YYYY, which the search form echoes back from what the caller typed).
        var marks: [String]
    }

    /// A kind of caller, what they may see, and whether they may search at all.
    struct CallerKind: Sendable, CustomTestStringConvertible {
        var username: String
        var partner: String
        var roles: [String]
        var sees: Set<String>
        var searches: Bool
        var testDescription: String { "\(roles.joined(separator: "+"))@\(partner)" }
    }

    static let callers: [CallerKind] = [
        // Allocated to Jane; the police share identity with the council for the holistic view.
        CallerKind(username: "worker", partner: "test-council", roles: ["practitioner"], sees: ["Jane"], searches: true),
        // The hub sees police and council identities for case finding; the charity's draft agreement shares nothing.
        CallerKind(username: "analyst", partner: "test-council", roles: ["analyst"], sees: ["Jane", "Sam", "Pat"], searches: true),
        CallerKind(username: "chair", partner: "test-council", roles: ["panel-chair"], sees: [], searches: true),
        // The DPO reads only within a recorded rights request, and none is recorded.
        CallerKind(username: "dpo", partner: "test-council", roles: ["dpo"], sees: [], searches: true),
        CallerKind(username: "outsider", partner: "test-charity", roles: ["practitioner"], sees: [], searches: true),
        CallerKind(username: "padmin", partner: "test-police", roles: ["partner-admin"], sees: [], searches: false),
        CallerKind(username: "sysadmin", partner: "test-council", roles: ["admin"], sees: [], searches: false),
    ]

    /// The test partnership, with the charity sharing identity with the police
    /// for case finding only: nobody at the council may see what it holds.
    static let partnership: PartnershipDescription = {
        var description = TestPartnership.description
        description.agreements.append(Agreement(
            title: "Charity ISP", owner: "test-charity", status: .approved,
            inForceFrom: CalendarDate(year: 2020, month: 1, day: 1)!, reviewDue: CalendarDate(year: 2030, month: 1, day: 1)!,
            approvedBy: "Test Board", approvedOn: CalendarDate(year: 2019, month: 12, day: 1)!,
            flows: [Flow(from: "test-charity", to: ["test-police"], categories: [.identity], purposes: [.caseFinding],
                         art6: .publicTask, format: .requestAndResponse)]))
        return description
    }()

    static let councilJane = """
        record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number
        C-1,Jane,Doe,14/03/1985,F,12 Mill Road,SS14 1DL,943 476 5919

        """
    static let charitySam = """
        record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number
        K-1,Sam,Doe,2012-07-14,M,12 Mill Road,SS14 1DL,

        """

    /// Police, council and charity records of a mother, her child and a neighbour,
    /// linked and grouped; the worker allocated to Jane; an account per caller kind.
    static func world(_ app: Application) async throws -> [Subject] {
        let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test",
                                    linker: app.storeLinker, alerts: app.accessGate)
        for (partner, text) in [("test-police", ImportTests.people), ("test-council", councilJane), ("test-charity", charitySam)] {
            _ = try await service.run(partner: partner, kind: .people, source: .data(Data(text.utf8), name: "p.csv", contentType: nil))
        }
        let events = "record_id,person_record_id,category,role,occurred_on,summary\nE-1,P-2,asb,subject,2025-01-02,Stone through a window\n"
        _ = try await service.run(partner: "test-police", kind: .events, source: .data(Data(events.utf8), name: "e.csv", contentType: nil))
        _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "test")
        let sql = app.db as! any SQLDatabase
        func ids(_ given: String) async throws -> [UUID] {
            try await sql.select().distinct().column("person_id").from("source_records").where("given_names", .like, "%\(given)%")
                .all().compactMap { try $0.decode(column: "person_id", as: UUID?.self) }
        }
        for caller in callers { try await addUser(app, caller.username, partner: caller.partner, roles: caller.roles) }
        let worker = try #require(try await UserRepository(database: sql).find(username: "worker"))
        let jane = try await ids("Jane")
        try await CaseRelationshipRepository(database: sql).add(user: worker.id, people: jane, kind: "allocated-worker", at: Date())
        return [
            Subject(label: "Jane", ids: jane, marks: ["Jane Doe", "1985-03-14"]),
            Subject(label: "Sam", ids: try await ids("Sam"), marks: ["Sam Doe", "2012-07-14", "Stone through a window"]),
            Subject(label: "Pat", ids: try await ids("Pat"), marks: ["Kelly", "1990-01-01"]),
        ]
    }

    /// Every route that can name a person, for these subjects and their households.
    static func routes(_ subjects: [Subject], households: [UUID]) -> [String] {
        let people = subjects.flatMap(\.ids)
        return [
            "/people?name=doe", "/people?name=doe+jane&born=14%2F03%2F1985", "/people?name=sam+doe&born=14%2F07%2F2012",
            "/people?name=kelly", "/api/v1/people?name=doe", "/api/v1/people?name=doe+sam&born=14%2F07%2F2012",
            "/review", "/api/v1/review", "/notifications", "/access-requests", "/case-finding", "/api/v1/case-finding",
        ] + people.flatMap { ["/people/\($0)", "/api/v1/people/\($0)"] }
            + households.flatMap { ["/households/\($0)", "/api/v1/households/\($0)"] }
    }

    @Test(arguments: callers)
    func everyRouteNamesOnlyThePeopleTheCallerMaySee(_ kind: CallerKind) async throws {
        try await withApp(.sqlite, partnership: Self.partnership) { app in
            let subjects = try await Self.world(app)
            let sql = app.db as! any SQLDatabase
            let households = try await sql.select().distinct().column("household_id").from("household_members").all()
                .map { try $0.decode(column: "household_id", as: UUID.self) }
            #expect(!households.isEmpty, "the mother and child share an address and are grouped")
            var client = PageClient(app: app)
            _ = try await client.signIn(kind.username, "correct horse battery")
            var checked = 0
            for route in Self.routes(subjects, households: households) {
                let response = try await client.send(.GET, route)
                let body = response.body.string
                #expect(response.status.code < 500, "\(route) answered \(response.status.code)")
                for subject in subjects where !kind.sees.contains(subject.label) {
                    for mark in subject.marks {
                        #expect(!body.contains(mark), "\(kind.username) on \(route) was shown \(subject.label)'s \(mark)")
                    }
                }
                // Nobody outside the charity may see its records, so nothing may say it holds any
                // (the charity's own staff see their partner's name in the page header).
                if kind.partner != "test-charity" {
                    #expect(!body.contains("test-charity") && !body.contains("Test Charity"), "\(kind.username) on \(route) names the charity")
                }
                if route.hasPrefix("/people?") || route.hasPrefix("/api/v1/people?") {
                    #expect(response.status == (kind.searches ? .ok : .forbidden), "\(kind.username) searching \(route)")
                    #expect(!body.contains("Name withheld"), "a search lists no strangers, even withheld")
                    #expect(!body.contains("known to"), "a search counts no stranger's partners")
                }
                checked += 1
            }
            #expect(checked == Self.routes(subjects, households: households).count)
        }
    }

    @Test func onlyAPractitionerWithAnExactNameAndDateOfBirthIsToldOfAFurtherMatchAndItIsAudited() async throws {
        try await withApp(.sqlite, partnership: Self.partnership) { app in
            _ = try await Self.world(app)
            var client = PageClient(app: app)
            _ = try await client.signIn("worker", "correct horse battery")
            let exact = try await client.send(.GET, "/people?name=sam+doe&born=14%2F07%2F2012")
            #expect(exact.body.string.contains("1 further match is held by partners: request access."))
            #expect(!exact.body.string.contains("Test Police"))
            let api = try await client.send(.GET, "/api/v1/people?name=doe+sam&born=14%2F07%2F2012")
            struct Result: Decodable { var furtherMatches: Int?; var furtherMatchesLine: String?; var results: [Row]; struct Row: Decodable { var partners: [String] } }
            let decoded = try api.content.decode(Result.self)
            #expect(decoded.furtherMatches == 1 && decoded.results.isEmpty)
            for (path, why) in [("/people?name=doe", "a name alone"), ("/people?name=sa&born=14%2F07%2F2012", "part of a name"),
                                ("/people?name=sam+doe", "no date of birth")] {
                let body = try await client.send(.GET, path).body.string
                #expect(!body.contains("further match"), "\(why) tells nothing about people outside the caller's work")
            }
            let audited = try await (app.db as! any SQLDatabase).select().column("decision").from("audit_entries")
                .where("resource", .like, "%further-match%").all()
            #expect(audited.count == 2, "each further-match line is in the ledger")

            var analyst = PageClient(app: app)
            _ = try await analyst.signIn("analyst", "correct horse battery")
            let hub = try await analyst.send(.GET, "/people?name=doe+jane&born=14%2F03%2F1985")
            #expect(!hub.body.string.contains("further match"), "the line is for practitioners")
        }
    }

    /// A person's page is titled with a name the viewer may see: another
    /// partner's spelling, or a former name, is that partner's to share.
    @Test func aPersonIsNamedAsAPartnerTheViewerMaySeeHoldsThem() async throws {
        try await withApp(.sqlite) { app in
            let sql = app.db as! any SQLDatabase
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
            let council = "record_id,given_names,family_name,date_of_birth,sex\nC-9,Jayne,Doherty,14/03/1985,F\n"
            _ = try await service.run(partner: "test-council", kind: .people, source: .data(Data(council.utf8), name: "c.csv", contentType: nil))
            _ = try await service.run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            let jane = try #require(try await PeopleRepository(database: sql).search(name: "doe jane").first).personID
            // The council's record of the same woman under her former name, linked to her.
            try await sql.update("source_records").set("person_id", to: jane).where("record_id", .equal, "C-9").run()
            try await addUser(app, "officer", partner: "test-police")
            let officer = try #require(try await UserRepository(database: sql).find(username: "officer"))
            try await CaseRelationshipRepository(database: sql).add(user: officer.id, people: [jane], kind: "allocated-worker", at: Date())
            var client = PageClient(app: app)
            _ = try await client.signIn("officer", "correct horse battery")
            // The council shares identity with the police for case finding only, not for the officer's holistic view.
            for path in ["/people/\(jane)", "/api/v1/people/\(jane)"] {
                let body = try await client.send(.GET, path).body.string
                #expect(body.contains("Jane Doe"), "\(path) names her as the police hold her")
                #expect(!body.contains("Jayne") && !body.contains("Doherty"), "\(path) shows the council's name for her")
            }
        }
    }

    /// A name alone tells nothing about people outside the caller's work:
    /// a search matching only strangers answers exactly as one matching no one.
    @Test func aSearchMatchingOnlyStrangersLooksLikeOneMatchingNoOne() async throws {
        try await withApp(.sqlite, partnership: Self.partnership) { app in
            _ = try await Self.world(app)
            var client = PageClient(app: app)
            _ = try await client.signIn("worker", "correct horse battery")
            for (strangers, nobody) in [("/people?name=kelly", "/people?name=zzzz"), ("/api/v1/people?name=kelly", "/api/v1/people?name=zzzz"),
                                        ("/people?name=doe+sam", "/people?name=doe+zed")] {
                let seen = try await client.send(.GET, strangers)
                let none = try await client.send(.GET, nobody)
                #expect(seen.status == none.status)
                #expect(seen.headers.first(name: "X-Lantern-Access") == none.headers.first(name: "X-Lantern-Access"), "\(strangers) and its header")
                func withoutQuery(_ body: String) -> String {
                    body.replacingOccurrences(of: "kelly", with: "").replacingOccurrences(of: "zzzz", with: "")
                        .replacingOccurrences(of: "doe sam", with: "").replacingOccurrences(of: "doe zed", with: "")
                }
                #expect(withoutQuery(seen.body.string) == withoutQuery(none.body.string), "\(strangers) answered differently from \(nobody)")
            }
        }
    }

    @Test func aFeedTokenSearchesNoOne() async throws {
        try await withApp(.sqlite, partnership: Self.partnership) { app in
            _ = try await Self.world(app)
            let token = APIToken.make()
            _ = try await AccountSecurityRepository(database: app.db as! any SQLDatabase).addToken(
                name: "Police nightly", partner: "test-police", purposes: ["case-finding"], tokenHash: APIToken.hash(token), at: Date())
            var client = PageClient(app: app)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            for path in ["/api/v1/people?name=doe", "/api/v1/people?name=doe+jane&born=14%2F03%2F1985"] {
                let response = try await client.send(.GET, path, headers: headers)
                #expect(response.status == .forbidden)
                #expect(!response.body.string.contains("test-police"))
            }
            let refusals = try await (app.db as! any SQLDatabase).select().column("reason").from("audit_entries")
                .where("subject", .equal, "people-search").where("decision", .equal, "deny").all()
            #expect(refusals.count == 2)
        }
    }
}
