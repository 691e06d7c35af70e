@testable import App
import EncodedLinkage
import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// That a refuge or a GP federation knows a person is the refuge's or the federation's own
/// information: over every viewer (role and partner) and every encoding partner, on every
/// route that can tell it (person page, person API, household page and API, the request
/// form, its submission and the requester's list), the fact shows if and only if the access
/// decision allows the encoding partner's involvement item, and a hidden one is neither named
/// nor counted.
@Suite struct KnownToPartnersMatrixTests {
    /// Two encoding partners that both know Jane: the refuge tells the council (practitioners and
    /// analysts), never the police; the GP federation tells the police's analysts for case
    /// finding only, and its flow to the council is a draft no one has approved.
    static let partnership: PartnershipDescription = {
        var description = KnownToPartnersFixture.partnership
        description.partners.append(Partner(slug: "test-gp", name: "Test GP Federation", kind: .health))
        let from = CalendarDate(year: 2020, month: 1, day: 1)!, review = CalendarDate(year: 2030, month: 1, day: 1)!
        description.agreements.append(Agreement(
            title: "GP federation encoded linkage", owner: "test-gp", status: .approved, inForceFrom: from, reviewDue: review,
            approvedBy: "Test Board", approvedOn: CalendarDate(year: 2019, month: 12, day: 1)!,
            flows: [Flow(from: "test-gp", to: ["test-police"], categories: [.identity, .involvement], purposes: [.caseFinding],
                         art6: .publicTask, format: .requestAndResponse)]))
        description.agreements.append(Agreement(
            title: "GP federation and council (draft)", owner: "test-gp", status: .draft, inForceFrom: from, reviewDue: review,
            flows: [Flow(from: "test-gp", to: ["test-council"], categories: [.involvement], purposes: [.holisticView, .caseFinding],
                         art6: .publicTask, format: .requestAndResponse)]))
        return description
    }()

    static let encoders = [(slug: "test-refuge", name: "Test Refuge"), (slug: "test-gp", name: "Test GP Federation")]

    struct Viewer: Sendable, CustomTestStringConvertible {
        var username: String
        var partner: String
        var roles: [String]
        var allocated: Bool
        /// The purpose the viewer reads under (their role's first, as ``DefaultPurpose``).
        var purpose: AccessPurpose
        /// Whether the access decision lets them see Jane at all.
        var seesJane: Bool
        /// The encoding partners they are told know her.
        var toldOf: Set<String>
        var testDescription: String { "\(username): \(roles.joined(separator: "+"))@\(partner)" }
        var asks: Bool { roles.contains("practitioner") }
    }

    static let viewers: [Viewer] = [
        Viewer(username: "worker", partner: "test-council", roles: ["practitioner"], allocated: true, purpose: .agreed(.holisticView),
               seesJane: true, toldOf: ["test-refuge"]),
        Viewer(username: "stranger", partner: "test-council", roles: ["practitioner"], allocated: false, purpose: .agreed(.holisticView),
               seesJane: false, toldOf: []),
        Viewer(username: "analyst", partner: "test-council", roles: ["analyst"], allocated: false, purpose: .agreed(.caseFinding),
               seesJane: true, toldOf: ["test-refuge"]),
        // The gap this suite closes: the officer sees Jane, and neither partner lets the police be told.
        Viewer(username: "officer", partner: "test-police", roles: ["practitioner"], allocated: true, purpose: .agreed(.holisticView),
               seesJane: true, toldOf: []),
        Viewer(username: "policeanalyst", partner: "test-police", roles: ["analyst"], allocated: false, purpose: .agreed(.caseFinding),
               seesJane: true, toldOf: ["test-gp"]),
        Viewer(username: "dpo", partner: "test-council", roles: ["dpo"], allocated: false, purpose: .rightsRequest,
               seesJane: false, toldOf: []),
        Viewer(username: "outsider", partner: "test-charity", roles: ["practitioner"], allocated: true, purpose: .agreed(.holisticView),
               seesJane: false, toldOf: []),
        Viewer(username: "refugeworker", partner: "test-refuge", roles: ["practitioner"], allocated: true, purpose: .agreed(.holisticView),
               seesJane: false, toldOf: []),
        Viewer(username: "gpdpo", partner: "test-gp", roles: ["dpo"], allocated: false, purpose: .rightsRequest,
               seesJane: false, toldOf: []),
    ]

    /// The access decision itself, asked directly: whether `viewer` may see Jane's records, and
    /// each encoding partner's involvement item.
    static func decided(_ viewer: Viewer) -> (seesJane: Bool, toldOf: Set<String>) {
        let policy = AccessPolicy(agreements: partnership.agreements, partners: partnership.partners)
        let request = AccessRequest(requester: Requester(userID: viewer.username, partner: viewer.partner, roleNames: viewer.roles),
                                    purpose: viewer.purpose, subject: "jane", relationships: viewer.allocated ? [.allocatedWorker] : [],
                                    now: Moment(secondsSince1970: Int64(Date().timeIntervalSince1970)))
        let records = ["test-police", "test-council"].map { HeldItem(heldBy: $0, category: .identity) }
        let sees = !policy.decide(request, record: records).visibleIndices.isEmpty
        let told = encoders.map(\.slug).filter { slug in
            slug != viewer.partner && policy.decide(request, item: KnownToPartner.heldItem(heldBy: slug)).isPermitted
        }
        return (sees, sees ? Set(told) : [])
    }

    @Test func theMatrixHasBothOutcomesAndTheTableIsTheDecisions() {
        for viewer in Self.viewers {
            let decided = Self.decided(viewer)
            #expect(decided.seesJane == viewer.seesJane && decided.toldOf == viewer.toldOf, "\(viewer.username)")
        }
        let told = Self.viewers.filter(\.seesJane).flatMap { viewer in Self.encoders.map { viewer.toldOf.contains($0.slug) } }
        #expect(told.contains(true) && told.contains(false), "some who see Jane are told, some are not")
        for encoder in Self.encoders {
            #expect(Self.viewers.contains { $0.toldOf.contains(encoder.slug) }, "someone is told of \(encoder.name)")
            #expect(Self.viewers.contains { $0.seesJane && !$0.toldOf.contains(encoder.slug) }, "someone seeing Jane is not told of \(encoder.name)")
        }
    }

    /// The GP federation's extract: Jane again, and someone the store does not know.
    static func gpExtract() throws -> String {
        let schema = try KnownToPartnersFixture.schema()
        let encoder = try CLKEncoder(schema: schema, secret: KnownToPartnersFixture.secret)
        let standardiser = ValueStandardiser.lantern(schema)
        func clk(_ row: [String]) throws -> String { try encoder.encode(standardiser.standardise(row)).base64 }
        return "record_id,clk\nG-1,\(try clk(["", "Jane", "Doe", "1985-03-14", "F", "12 Mill Road", "", "SS14 1DL"]))\n"
            + "G-2,\(try clk(["", "Idris", "Okafor", "1961-07-30", "M", "3 Quay Lane", "", "SS17 9AB"]))\n"
    }

    @Test(arguments: viewers)
    func theFactShowsOnEveryRouteIfAndOnlyIfTheDecisionAllowsIt(_ viewer: Viewer) async throws {
        try await withApp(.sqlite, partnership: Self.partnership) { app in
            // setup: the people, both partners' encodings, the viewer, their allocation
            let (jane, householdID) = try await KnownToPartnersFixture.world(app)
            let household = try #require(householdID)
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-gp", kind: .encodedPeople, source: .data(Data(try Self.gpExtract().utf8), name: "gp.csv", contentType: nil))
            try await addUser(app, viewer.username, partner: viewer.partner, roles: viewer.roles)
            let sql = app.db as! any SQLDatabase
            if viewer.allocated {
                let user = try #require(try await UserRepository(database: sql).find(username: viewer.username))
                try await CaseRelationshipRepository(database: sql).add(user: user.id, people: [jane], kind: "allocated-worker", at: Date())
            }
            var client = PageClient(app: app)
            _ = try await client.signIn(viewer.username, "correct horse battery")
            let routes = ["/people/\(jane)", "/api/v1/people/\(jane)", "/households/\(household)", "/api/v1/households/\(household)"]
            var before: [String: (status: HTTPResponseStatus, access: String?, body: String)] = [:]
            for route in routes {
                let response = try await client.send(.GET, route)
                before[route] = (response.status, response.headers.first(name: "X-Lantern-Access"), response.body.string)
            }
            let summary = try await EncodedMatchRun(schema: try KnownToPartnersFixture.schema(), secret: KnownToPartnersFixture.secret,
                                                    threshold: 0.9, actor: "test").run(database: app.db, audit: app.auditTrail)
            let matched = Set(try await EncodedMatchRepository(database: sql).all().filter { $0.personID == jane }.map(\.partner))
            #expect(summary.matches == 2 && matched == ["test-refuge", "test-gp"], "both partners' encodings of Jane match her")

            // act and validate: the pages and the API
            for route in routes {
                let response = try await client.send(.GET, route)
                let body = response.body.string
                for encoder in Self.encoders {
                    let told = viewer.toldOf.contains(encoder.slug)
                    #expect(body.contains(KnownToPartner.line(partnerName: encoder.name)) == told, "\(encoder.name) on \(route)")
                    if !told && encoder.slug != viewer.partner {
                        #expect(!body.contains(encoder.name) && !body.contains(encoder.slug), "\(encoder.name) is not named on \(route)")
                    }
                    if route.hasPrefix("/people/") {
                        #expect(body.contains("id=\"ask-\(encoder.slug)\"") == (told && viewer.asks), "the form to ask \(encoder.name)")
                    }
                }
                #expect(!body.contains("R-1") && !body.contains("G-1") && !body.contains("Idris"), "no partner's record on \(route)")
                if viewer.toldOf.isEmpty {
                    // Nothing told is nothing counted: the answer is the one given before any match.
                    let earlier = try #require(before[route])
                    #expect(response.status == earlier.status && body == earlier.body, "\(route) changed with hidden matches: \(Self.firstDifference(earlier.body, body))")
                }
                #expect(response.headers.first(name: "X-Lantern-Access") == before[route]?.access, "\(route)'s header says the page's decision")
            }

            // The request: asked of a hidden partner, refused exactly as one that knows nothing of her.
            let path = "/people/\(jane)/partner-disclosures"
            func ask(_ partner: String) async throws -> TestingHTTPResponse {
                try await client.send(.POST, path, form: ["csrf": client.csrf ?? "", "partner": partner, "purpose": "holistic-view",
                                                          "reason": "Safety planning for the family"])
            }
            _ = try await client.send(.GET, "/people/\(jane)")
            let nobody = try await ask("test-charity")
            let own = try await ask(viewer.partner)
            #expect(own.status == nobody.status && own.body.string == nobody.body.string, "asking one's own partner")
            for encoder in Self.encoders {
                let response = try await ask(encoder.slug)
                let expected: String? = !viewer.asks ? "partner-disclosure-not-for-role"
                    : !viewer.seesJane ? "partner-disclosure-needs-sight"
                    : viewer.toldOf.contains(encoder.slug) ? nil : "partner-disclosure-partner-not-shown"
                if let expected {
                    #expect(response.status == .forbidden && response.body.string.contains(expected), "asking \(encoder.name)")
                    #expect(response.body.string == nobody.body.string, "asking \(encoder.name) answers as asking no one")
                } else {
                    #expect(response.headers.first(name: .location) == "/partner-disclosures", "asking \(encoder.name)")
                }
                let asked = try await PartnerDisclosureRepository(database: sql).waiting(for: encoder.slug).count
                #expect(asked == (expected == nil ? 1 : 0), "requests waiting for \(encoder.name)")
            }
            if viewer.asks {
                let mine = try await client.send(.GET, "/partner-disclosures").body.string
                for encoder in Self.encoders {
                    #expect(mine.contains(encoder.name) == viewer.toldOf.contains(encoder.slug), "\(encoder.name) in the requester's list")
                }
            }
            // Each decision about the partners' items is in the ledger, only where there was one to make.
            let decisions = try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE resource LIKE 'person-page known-to%'")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            #expect((decisions > 0) == viewer.seesJane, "the known-to decisions are audited")
        }
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a), y = Array(b)
        let i = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        return String(x[max(0, i - 80)..<min(x.count, i + 120)]) + " ||| " + String(y[max(0, i - 80)..<min(y.count, i + 120)])
    }
}
