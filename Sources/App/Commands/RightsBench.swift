import ArgumentParser
import Foundation
import LanternDomain
import Ledger
import Storage
import Vapor

/// `lantern bench rights`: on a scratch store, one person held by 8 partners
/// with `--events` events among them (other people named in some, a worker
/// on every service), `--reads` earlier reads of them in the ledger, other
/// people around them, and an open access request with some partners'
/// redactions recorded; then the disclosure pack is fetched through the
/// app's own responder as the DPO, page and JSON, and the median and worst
/// times printed. Target: under 2 s for 500 events across 8 partners.
struct RightsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rights", abstract: "Disclosure pack time for one person held widely.")
    @ArgumentParser.Option(help: "Events about the subject, spread over the partners.") var events = 500
    @ArgumentParser.Option(help: "Partners holding the subject.") var partners = 8
    @ArgumentParser.Option(help: "Other people each partner holds.") var others = 2_000
    @ArgumentParser.Option(help: "Earlier permitted reads of the subject in the audit ledger.") var reads = 1_000
    @ArgumentParser.Option(help: "Packs to time (each of page and JSON).") var rounds = 5

    func validate() throws {
        guard events > 0, partners > 0, rounds > 0, others >= 0, reads >= 0 else { throw ValidationError("the counts must be positive") }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var config = LanternConfiguration()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let kinds: [PartnerKind] = [.police, .council, .childrensSocialCare, .health, .housing, .probation, .education, .domesticAbuseService]
        let slugs = (0..<partners).map { "bench-partner-\($0 + 1)" }
        let (page, json, held) = try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            try await PartnershipLoader.load(PartnershipDescription(
                name: "Bench", partners: slugs.enumerated().map { Partner(slug: $1, name: "Bench Partner \($0 + 1)", kind: kinds[$0 % kinds.count]) },
                agreements: [Agreement(
                    title: "Bench ISP", owner: slugs[0], status: .approved, inForceFrom: CalendarDate(year: 2020, month: 1, day: 1)!,
                    reviewDue: CalendarDate(year: 2040, month: 1, day: 1)!, approvedBy: "Bench Board",
                    approvedOn: CalendarDate(year: 2019, month: 12, day: 1)!,
                    flows: slugs.map { slug in
                        Flow(from: slug, to: slugs.filter { $0 != slug }, categories: [.identity, .involvement, .crime, .asb, .domesticAbuse],
                             purposes: [.holisticView], art6: .publicTask, art10: .preventingUnlawfulActs,
                             statutes: ["Crime and Disorder Act 1998 s115"], format: .centralController)
                    })]), into: app)
            let service = ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "bench", linker: app.storeLinker)
            let perPartner = (events + partners - 1) / partners
            for (index, slug) in slugs.enumerated() {
                var people = "record_id,given_names,family_name,date_of_birth,sex,address_line,postcode,nhs_number\n"
                people += "S-1,Jane,Doe,14/03/1985,F,12 Mill Road,SS14 1DL,943 476 5919\nS-2,Sam,Doe,2012-07-14,M,12 Mill Road,SS14 1DL,\n"
                for other in 0..<others { people += "O-\(other),Person\(other),Other\(index),1970-01-01,F,\(other) High Street,SS15 6PH,\n" }
                _ = try await service.run(partner: slug, kind: .people, source: .data(Data(people.utf8), name: "p.csv", contentType: nil))
                var rows = "record_id,person_record_id,category,role,occurred_on,summary\n"
                let count = min(perPartner, events - index * perPartner)
                for event in 0..<max(0, count) {
                    let day = CalendarDate(year: 2020, month: 1, day: 1)!.adding(days: event * 3)
                    rows += "E-\(event),S-1,domestic-abuse,victim,\(day),\(event % 3 == 0 ? "Sam Doe was present when officers arrived" : "Home visit; Jane seen alone")\n"
                }
                _ = try await service.run(partner: slug, kind: .events, source: .data(Data(rows.utf8), name: "e.csv", contentType: nil))
                let involvement = "record_id,person_record_id,service,work_type,worker_name,lead_professional,started_on\nI-1,S-1,Service \(index),policing,Worker \(index),no,2024-01-01\n"
                _ = try await service.run(partner: slug, kind: .involvements, source: .data(Data(involvement.utf8), name: "i.csv", contentType: nil))
            }
            _ = try await app.storeLinker.relinkAll(database: app.db, audit: app.auditTrail, actor: "bench")
            let sql = try AppRunner.sql(app)
            guard let subject = try await PeopleRepository(database: sql).search(name: "doe jane").first?.personID else {
                throw ValidationError("the subject did not link")
            }
            let held = try await PeopleRepository(database: sql).events(about: try await PeopleRepository(database: sql).sourceRecords(of: subject)).count
            let readers = (0..<50).map { _ in UUID().uuidString }
            let earlier = (0..<reads).map { index in
                AuditRecord(actor: readers[index % readers.count], partner: slugs[index % slugs.count], purpose: "holistic-view", action: .read,
                            subject: "person:\(subject.uuidString)", resource: "person-page", decision: .permit, reason: "bench")
            }
            for start in stride(from: 0, to: earlier.count, by: 1_000) {
                try await app.auditTrail.recordAlone(Array(earlier[start..<min(start + 1_000, earlier.count)]), on: app.db)
            }
            let password = "bench password \(UUID().uuidString)"
            let dpo = try await UserRepository(database: sql).create(username: "bench-dpo", displayName: "Bench DPO", partner: slugs[0], roles: ["dpo"],
                                                                     passwordHash: try await app.password.async.hash(password), at: Date())
            let request = try await RightsRequestRepository(database: sql).record(
                person: subject, kinds: [.access], regimes: [.ukGDPR, .dpa2018Part3], received: CalendarDate.today(at: Date()),
                identityAskedFor: false, handler: dpo, handlerName: "Bench DPO", at: Date())
            let review = RightsReviewRepository(database: sql)
            try await review.ensureTasks(for: request.id, holders: Set(slugs), at: Date())
            for (index, slug) in slugs.enumerated() where index % 2 == 0 {
                _ = try await review.add(try Redaction(item: "event:E-0", holder: slug, exemption: .crime, reason: "Investigation open"),
                                         to: request.id, by: dpo, at: Date())
            }
            let cookie = try await Self.signIn(app, username: "bench-dpo", password: password)
            var pages: [Double] = []
            var jsons: [Double] = []
            for _ in 0..<rounds {
                pages.append(try await Self.time(app, path: "/rights-requests/\(request.id.uuidString)/pack", cookie: cookie))
                jsons.append(try await Self.time(app, path: "/rights-requests/\(request.id.uuidString)/pack.json", cookie: cookie))
            }
            return (pages.sorted(), jsons.sorted(), held)
        }
        print("subject        \(held) events across \(partners) partners, \(reads) earlier reads in the ledger, \(others) other people per partner")
        for (label, times) in [("pack page", page), ("pack JSON", json)] {
            print("\(label.padding(toLength: 14, withPad: " ", startingAt: 0)) median \(String(format: "%.3f", times[times.count / 2])) s, worst \(String(format: "%.3f", times.last ?? 0)) s over \(rounds) (target < 2 s)")
        }
    }

    /// Signs in through the app's responder; returns the session cookie.
    static func signIn(_ app: Application, username: String, password: String) async throws -> String {
        let page = try await app.responder.respond(to: Request(application: app, method: .GET, url: URI(path: "/sign-in"),
                                                               on: app.eventLoopGroup.next())).get()
        guard let cookie = page.headers.setCookie?["lantern-session"], let body = page.body.string,
              let start = body.range(of: #"name="csrf" value=""#) else {
            throw Abort(.internalServerError, reason: "the sign-in page gave no session or token")
        }
        let csrf = String(body[start.upperBound...].prefix { $0 != "\"" })
        let encoded = [("username", username), ("password", password), ("csrf", csrf)]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let headers: HTTPHeaders = ["Cookie": "lantern-session=\(cookie.string)", "Content-Type": "application/x-www-form-urlencoded"]
        let response = try await app.responder.respond(to: Request(application: app, method: .POST, url: URI(path: "/sign-in"), headers: headers,
                                                                   collectedBody: ByteBuffer(string: encoded), on: app.eventLoopGroup.next())).get()
        return (response.headers.setCookie?["lantern-session"] ?? cookie).string
    }

    /// One GET through the responder, in seconds; refuses anything but 200.
    static func time(_ app: Application, path: String, cookie: String) async throws -> Double {
        let request = Request(application: app, method: .GET, url: URI(path: path), headers: ["Cookie": "lantern-session=\(cookie)"],
                              on: app.eventLoopGroup.next())
        let clock = ContinuousClock()
        let began = clock.now
        let response = try await app.responder.respond(to: request).get()
        let elapsed = clock.now - began
        guard response.status == .ok else { throw Abort(.internalServerError, reason: "\(path) answered \(response.status.code)") }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
