import Foundation
import Logging

/// Settings read from the environment, documented in the README.
///
/// `DATABASE_URL` (postgres://...) selects PostgreSQL; otherwise the store is a
/// SQLite file in `LANTERN_DATA` (default `./data`).
public struct LanternConfiguration: Sendable {
    public var databaseURL: String?
    public var dataDirectory: String
    public var sqliteFile: String
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level
    /// PostgreSQL connections per event loop (`LANTERN_DB_CONNECTIONS`). The
    /// server defaults to 4: with one, concurrent page views queue for the
    /// connection while the database has cores to spare. Tests keep 1, as
    /// each opens its own database on a shared server.
    public var postgresConnectionsPerEventLoop = 1
    /// Lets webhooks go to plain http and to loopback, private and other
    /// non-public addresses. Only the end-to-end webhook tests set it, in
    /// code: it is deliberately not read from the environment, so no
    /// deployment can turn off the protection against server-side request
    /// forgery by mistake.
    public var allowPrivateWebhookTargets = false
    /// Requests doing their work at once on each event loop; the rest queue
    /// in order (``PageAdmission``; `LANTERN_PAGE_PLACES`). 0 lets every
    /// request in at once. Unset: 2 on SQLite, where requests run on the
    /// event loops; none on PostgreSQL, where they run on Swift's own pool
    /// and wait for the database server with their place held (the pages
    /// bench was a quarter slower there with 2, and no better with 8 or 16).
    public var pagePlacesPerLoop: Int?
    var admissionPlaces: Int { pagePlacesPerLoop ?? (databaseURL == nil ? 2 : 0) }
    /// Minutes without a request before a session ends (`LANTERN_SESSION_IDLE_MINUTES`, default 30).
    public var sessionIdleMinutes = 30
    /// Hours after sign-in when a session ends however busy (`LANTERN_SESSION_HOURS`, default 12).
    public var sessionHours = 12

    public init(databaseURL: String? = nil, dataDirectory: String = "data", sqliteFile: String = "lantern.sqlite",
                hostname: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info) {
        self.databaseURL = databaseURL
        self.dataDirectory = dataDirectory
        self.sqliteFile = sqliteFile
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        var config = LanternConfiguration()
        config.postgresConnectionsPerEventLoop = environment["LANTERN_DB_CONNECTIONS"].flatMap(Int.init).map { max(1, min($0, 32)) } ?? 4
        if let url = environment["DATABASE_URL"], !url.isEmpty { config.databaseURL = url }
        if let dir = environment["LANTERN_DATA"], !dir.isEmpty { config.dataDirectory = dir }
        if let file = environment["LANTERN_SQLITE_FILE"], !file.isEmpty { config.sqliteFile = file }
        if let host = environment["LANTERN_HOST"], !host.isEmpty { config.hostname = host }
        if let port = environment["LANTERN_PORT"].flatMap(Int.init) { config.port = port }
        if let places = environment["LANTERN_PAGE_PLACES"].flatMap(Int.init) { config.pagePlacesPerLoop = max(0, min(places, 64)) }
        // Bounded: an idle limit of minutes to a working day, a session of at most a day.
        if let minutes = environment["LANTERN_SESSION_IDLE_MINUTES"].flatMap(Int.init) { config.sessionIdleMinutes = max(1, min(minutes, 480)) }
        if let hours = environment["LANTERN_SESSION_HOURS"].flatMap(Int.init) { config.sessionHours = max(1, min(hours, 24)) }
        if let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { config.logLevel = level }
        return config
    }

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent(sqliteFile) }

    /// Where the store is, without credentials, for logs and the console.
    public var storeDescription: String {
        guard let url = databaseURL, var components = URLComponents(string: url) else { return "SQLite \(sqlitePath)" }
        components.password = components.password == nil ? nil : "****"
        return "PostgreSQL \(components.string ?? "")"
    }
}
