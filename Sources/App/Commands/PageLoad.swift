import Foundation
import Vapor

/// The load `lantern bench pages` drives: signs every user in through the
/// sign-in form (a session each), finds the pages each account may open by
/// following the links on `/panels` and on the meetings it lists, then runs
/// `users` concurrent loops over those pages until every page kind has had
/// `requests` requests, and prints each kind's percentiles and errors.
///
/// Latency is measured at the client, from sending the request to the last
/// byte of the body, so it includes the loopback round trip.
struct PageLoad: Sendable {
    var users: Int
    var requests: Int
    var usernames: [String]
    var password: String
    /// Milliseconds each user waits between its requests (0: back to back, as a load generator does; ±50% jitter otherwise).
    var thinkMilliseconds = 0

    enum Kind: String, CaseIterable, Sendable { case agenda, meeting, caseFile = "case" }

    /// One signed-in user and the pages of each kind its account may open.
    struct Session: Sendable {
        var username: String
        var cookie: String
        var pages: [Kind: [String]]
    }

    /// Lets the shared client open one connection per user and leaves redirects to the caller (the sign-in answers one).
    static func prepareClient(_ app: Application) {
        app.http.client.configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        app.http.client.configuration.redirectConfiguration = .disallow
        app.http.client.configuration.timeout = .init(connect: .seconds(10), read: .seconds(120))
    }

    /// User plus system CPU seconds this process has used so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    func drive(base: String, app: Application, store: String, storeServedHere: Bool = true) async throws {
        // The pages each account may open, found once per account with its first session.
        let clock = ContinuousClock()
        let signInStarted = clock.now
        var sessions: [Session] = []
        var pagesOf: [String: [Kind: [String]]] = [:]
        for index in 0..<users {
            let username = usernames[index % usernames.count]
            let cookie = try await signIn(base: base, username: username, app: app)
            if pagesOf[username] == nil { pagesOf[username] = try await discover(base: base, cookie: cookie, app: app) }
            sessions.append(Session(username: username, cookie: cookie, pages: pagesOf[username] ?? [:]))
        }
        for username in usernames {
            let pages = pagesOf[username] ?? [:]
            print("\(username): " + Kind.allCases.map { "\(pages[$0]?.count ?? 0) \($0.rawValue) page(s)" }.joined(separator: ", "))
        }
        print(String(format: "%d users signed in, pages found, in %.1f s; driving the pages...", users, (clock.now - signInStarted).seconds))
        fflush(nil)
        let budget = PageBudget(perKind: requests)
        let started = clock.now
        let cpuBefore = Self.processCPUSeconds()
        // Each user's own client: the shared client's settings, with a single keep-alive connection.
        var oneConnection = app.http.client.configuration
        oneConnection.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1
        let browserConfiguration = oneConnection
        let results = try await withThrowingTaskGroup(of: [Kind: PageTimes].self) { group in
            for session in sessions {
                group.addTask {
                    // A user is a browser: it keeps one connection open and sends its pages down it in
                    // turn. A shared pool would send each request down whichever connection is idle, so
                    // the server's loops would get a different share of the users from moment to moment.
                    let browser = HTTPClient(eventLoopGroupProvider: .shared(app.eventLoopGroup), configuration: browserConfiguration)
                    do {
                        let times = try await self.loop(session, base: base, browser: browser, budget: budget)
                        try await browser.shutdown()
                        return times
                    } catch {
                        try? await browser.shutdown()
                        throw error
                    }
                }
            }
            var merged: [Kind: PageTimes] = [:]
            for try await part in group { for (kind, times) in part { merged[kind, default: PageTimes()].add(times) } }
            return merged
        }
        let elapsed = clock.now - started
        print("\n\(users) concurrent users, \(requests) requests per page, "
              + (thinkMilliseconds > 0 ? "about \(thinkMilliseconds) ms between a user's requests" : "each user's requests back to back") + ", \(store):")
        for kind in Kind.allCases {
            guard let times = results[kind], !times.milliseconds.isEmpty || times.errors > 0 else {
                print("\(kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) no account could open one")
                continue
            }
            print(times.line(kind.rawValue))
        }
        let total = results.values.reduce(0) { $0 + $1.milliseconds.count + $1.errors }
        print(String(format: "%d requests in %.1f s (%.0f per second)", total, elapsed.seconds, Double(total) / max(elapsed.seconds, 1e-9)))
        // User and system time of this process over the run, per page: the server's work and,
        // without --url, the client's too. Load average says how busy the machine was meanwhile.
        let cpu = Self.processCPUSeconds() - cpuBefore
        var load = [Double](repeating: 0, count: 3)
        let loads = getloadavg(&load, 3)
        print(String(format: "CPU %.2f ms per page (this process%@), load average %@", cpu * 1000 / Double(max(total, 1)),
                     storeServedHere ? ": server and client" : ": the client only",
                     loads == 3 ? String(format: "%.2f %.2f %.2f", load[0], load[1], load[2]) : "unknown"))
    }

    /// One user's loop: the next page kind with requests left that this account may open, round and round.
    private func loop(_ session: Session, base: String, browser: HTTPClient, budget: PageBudget) async throws -> [Kind: PageTimes] {
        var times: [Kind: PageTimes] = [:]
        let kinds = Kind.allCases.filter { !(session.pages[$0] ?? []).isEmpty }
        guard !kinds.isEmpty else { return times }
        // Users start at different pages and, when they pause, at different moments: fifty first
        // requests to one page at the same instant would be a burst no real morning has.
        var turn = Int.random(in: 0..<kinds.count)
        if thinkMilliseconds > 0 { try await Task.sleep(for: .milliseconds(Int.random(in: 0..<thinkMilliseconds))) }
        var open = Set(kinds)
        while !open.isEmpty {
            let kind = kinds[turn % kinds.count]
            turn += 1
            guard open.contains(kind) else { continue }
            guard let number = await budget.claim(kind) else { open.remove(kind); continue }
            let pages = session.pages[kind] ?? []
            let path = pages[number % pages.count]
            let clock = ContinuousClock()
            let began = clock.now
            do {
                let request = try HTTPClient.Request(url: base + path, method: .GET, headers: ["Cookie": session.cookie])
                let response = try await browser.execute(request: request).get()
                let elapsed = (clock.now - began).seconds * 1000
                if response.status == .ok { times[kind, default: PageTimes()].milliseconds.append(elapsed) } else { times[kind, default: PageTimes()].errors += 1 }
            } catch {
                times[kind, default: PageTimes()].errors += 1
            }
            if thinkMilliseconds > 0 {
                try await Task.sleep(for: .milliseconds(Int.random(in: thinkMilliseconds / 2...thinkMilliseconds * 3 / 2)))
            }
        }
        return times
    }

    /// Signs in through the form, as a browser does: the page for a session and its token, then the post.
    func signIn(base: String, username: String, app: Application) async throws -> String {
        let page = try await app.client.get(URI(string: base + "/sign-in"))
        guard let first = page.headers.setCookie?["lantern-session"], let body = page.body.map({ String(buffer: $0) }),
              let start = body.range(of: #"name="csrf" value=""#) else {
            throw Abort(.badGateway, reason: "\(base)/sign-in gave no session or token: is it Lantern?")
        }
        let csrf = String(body[start.upperBound...].prefix { $0 != "\"" })
        let encoded = [("username", username), ("password", password), ("csrf", csrf)]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let answer = try await app.client.post(URI(string: base + "/sign-in"), headers: [
            "Cookie": "lantern-session=\(first.string)", "Content-Type": "application/x-www-form-urlencoded",
        ]) { $0.body = ByteBuffer(string: encoded) }
        let session = answer.headers.setCookie?["lantern-session"]?.string ?? first.string
        let cookie = "lantern-session=\(session)"
        let home = try await app.client.get(URI(string: base + "/panels"), headers: ["Cookie": cookie])
        guard home.status == .ok else {
            throw Abort(.unauthorized, reason: "\(username) could not sign in and open /panels (\(home.status.code)): is it a demo store with the demo accounts?")
        }
        return cookie
    }

    /// The meetings linked from `/panels` and the cases linked from it and from those meetings, kept when they open (200) for this account.
    func discover(base: String, cookie: String, app: Application) async throws -> [Kind: [String]] {
        func body(_ path: String) async throws -> String? {
            let response = try await app.client.get(URI(string: base + path), headers: ["Cookie": cookie])
            return response.status == .ok ? response.body.map { String(buffer: $0) } : nil
        }
        let home = try await body("/panels") ?? ""
        let meetings = Self.links(in: home, under: "/panels/meetings/")
        var openMeetings: [String] = []
        var cases = Self.links(in: home, under: "/panels/cases/")
        for meeting in meetings {
            guard let page = try await body(meeting) else { continue }
            openMeetings.append(meeting)
            cases += Self.links(in: page, under: "/panels/cases/")
        }
        var openCases: [String] = []
        for path in Array(Set(cases)).sorted() where try await body(path) != nil { openCases.append(path) }
        return [.agenda: ["/panels"], .meeting: openMeetings, .caseFile: openCases]
    }

    /// Paths `prefix` + a UUID found in `html`, in order, each once.
    static func links(in html: String, under prefix: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let range = rest.range(of: prefix) {
            let id = String(rest[range.upperBound...].prefix(36))
            if UUID(uuidString: id) != nil, !found.contains(prefix + id) { found.append(prefix + id) }
            rest = rest[range.upperBound...]
        }
        return found
    }
}

/// Requests left per page kind, shared by the users' loops.
actor PageBudget {
    private var claimed: [PageLoad.Kind: Int] = [:]
    private let perKind: Int

    init(perKind: Int) { self.perKind = perKind }

    /// The number of the next request of `kind`, or nil when its budget is spent.
    func claim(_ kind: PageLoad.Kind) -> Int? {
        let next = claimed[kind, default: 0]
        guard next < perKind else { return nil }
        claimed[kind] = next + 1
        return next
    }
}

/// One page kind's latencies in milliseconds and its failed requests (not 200, or no answer).
struct PageTimes: Sendable {
    var milliseconds: [Double] = []
    var errors = 0

    mutating func add(_ other: PageTimes) {
        milliseconds += other.milliseconds
        errors += other.errors
    }

    /// Nearest-rank percentile of the sorted latencies.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    func line(_ label: String) -> String {
        let sorted = milliseconds.sorted()
        return label.padding(toLength: 8, withPad: " ", startingAt: 0)
            + String(format: " %5d ok, %d errors   p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms   max %6.1f ms", sorted.count, errors,
                     Self.percentile(sorted, 50), Self.percentile(sorted, 95), Self.percentile(sorted, 99), sorted.last ?? 0)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
