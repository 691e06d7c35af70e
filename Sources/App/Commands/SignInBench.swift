import ArgumentParser
import Foundation
import Storage
import Vapor

/// `lantern bench signin`: the median time of a sign-in for a known username
/// (right and wrong password) and for an unknown one, through the app's own
/// responder on a scratch store. The figures should be close: every path
/// makes one bcrypt check (`SignInController.checkPassword`).
struct SignInBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signin", abstract: "Sign-in time, known against unknown usernames.")
    @ArgumentParser.Option(help: "Attempts of each kind.") var rounds = 15

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var config = LanternConfiguration()
        config.dataDirectory = scratch.path
        config.logLevel = .warning
        let password = "bench password \(UUID().uuidString)"
        let figures = try await AppRunner.withApp(config) { app in
            try await app.autoMigrate()
            let sql = try AppRunner.sql(app)
            _ = try await UserRepository(database: sql).create(
                username: "bench-user", displayName: "Bench", partner: "bench", roles: ["practitioner"],
                passwordHash: try await app.password.async.hash(password), at: Date())
            let user = try await UserRepository(database: sql).find(username: "bench-user")
            var times: [String: [Double]] = [:]
            for _ in 0..<rounds {
                for (label, username, attempt) in [("known, right password", "bench-user", password),
                                                   ("known, wrong password", "bench-user", "wrong"),
                                                   ("unknown username", "nobody-\(UUID().uuidString.prefix(8))", password)] {
                    times[label, default: []].append(try await Self.time(app, username: username, password: attempt))
                    // Keep the known account below the lockout, so every known attempt is a real check.
                    if let user { try await AccountSecurityRepository(database: sql).recordSuccess(user: user.id) }
                }
            }
            return times.mapValues { $0.sorted()[$0.count / 2] }
        }
        for label in ["known, right password", "known, wrong password", "unknown username"] {
            print("\(label.padding(toLength: 22, withPad: " ", startingAt: 0)) median \(String(format: "%.1f", figures[label] ?? 0)) ms over \(rounds)")
        }
    }

    /// One sign-in: the page for a session and its token (not timed), then the timed post.
    static func time(_ app: Application, username: String, password: String) async throws -> Double {
        let page = try await app.responder.respond(to: Request(application: app, method: .GET, url: URI(path: "/sign-in"),
                                                               on: app.eventLoopGroup.next())).get()
        guard let cookie = page.headers.setCookie?["lantern-session"], let body = page.body.string,
              let start = body.range(of: #"name="csrf" value=""#) else {
            throw Abort(.internalServerError, reason: "the sign-in page gave no session or token")
        }
        let csrf = String(body[start.upperBound...].prefix { $0 != "\"" })
        let safe = CharacterSet.alphanumerics
        let encoded = [("username", username), ("password", password), ("csrf", csrf)]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: safe) ?? "")" }.joined(separator: "&")
        let headers: HTTPHeaders = ["Cookie": "lantern-session=\(cookie.string)", "Content-Type": "application/x-www-form-urlencoded"]
        let request = Request(application: app, method: .POST, url: URI(path: "/sign-in"), headers: headers,
                              collectedBody: ByteBuffer(string: encoded), on: app.eventLoopGroup.next())
        let clock = ContinuousClock()
        let began = clock.now
        _ = try await app.responder.respond(to: request).get()
        let elapsed = clock.now - began
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
