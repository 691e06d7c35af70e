import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import Metrics
import Prometheus
import SQLKit
import Storage
import Vapor

/// Wires Lantern into a Vapor application: the store, migrations, pages,
/// sessions, metrics and routes. Tests call it with a throwaway store.
public func configure(_ app: Application, _ config: LanternConfiguration) async throws {
    app.logger.logLevel = config.logLevel
    app.erasureDisposer = DisposalService(app: app)
    if let url = config.databaseURL {
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: config.postgresConnectionsPerEventLoop), as: .psql)
    } else {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        // SQLite has one writer: a large import holds it for longer than the driver's
        // ten-second default, and a request that waits should be served late, not fail.
        app.databases.use(.sqlite(.file(config.sqlitePath), connectionPoolTimeout: .seconds(60)), as: .sqlite)
    }
    app.migrations.add(LanternMigrations.all)
    if config.databaseURL == nil, let sql = app.db as? any SQLDatabase {
        // Write-ahead logging: readers are not blocked by an import, and bulk
        // writes journal less. The mode is stored in the file, so once is enough.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await SQLiteConnections.tunePool(app)
    }
    app.auditTrail = try AuditTrail.load(config)
    if config.databaseURL == nil {
        // The ledger's group commits go through a connection of their own (``SQLiteConnections``).
        let ledger = LedgerConnection(path: config.sqlitePath)
        app.auditTrail.ledgerConnection = ledger
        app.lifecycle.use(LedgerConnectionShutdown(connection: ledger))
        let readers = SQLiteReadConnections(path: config.sqlitePath)
        app.sqliteReaders = readers
        app.lifecycle.use(SQLiteReadersShutdown(readers: readers))
    } else if let url = config.databaseURL {
        // PostgreSQL: the ledger's batches get a connection pool of their own (``AuditTrail/ledgerDatabase``).
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 1), as: .ledger, isDefault: false)
        let databases = app.databases, group = app.eventLoopGroup, logger = app.logger
        app.auditTrail.ledgerDatabase = { databases.database(.ledger, logger: logger, on: group.any()) }
    }
    app.secretBox = try SecretBox.load(config)
    app.allowsPrivateWebhookTargets = config.allowPrivateWebhookTargets

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    // Templates and static files from wherever this binary finds them, not
    // only the working folder; Leaf's default sandbox also refuses hidden
    // folders on the path (~/.local), so its limits leave that one out.
    let resources = try ResourceLocation.find()
    app.directory = DirectoryConfiguration(workingDirectory: resources.root)
    app.leaf.configuration = LeafConfiguration(rootDirectory: resources.views)
    app.leaf.sources = LeafSources.singleSource(NIOLeafFiles(
        fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
        sandboxDirectory: resources.views, viewDirectory: resources.views))
    app.views.use(.leaf)
    // Keys in a fixed order: the same answer is the same bytes, so two
    // responses can be compared (a refusal must not differ from "no match").
    let json = JSONEncoder()
    json.outputFormatting = [.sortedKeys]
    ContentConfiguration.global.use(encoder: json, for: .json)
    app.middleware = .init()
    if config.admissionPlaces > 0 {
        let lanes = AdmissionLanes(places: config.admissionPlaces)
        app.middleware.use(PageAdmission(lanes: lanes))
        app.lifecycle.use(AdmissionShutdown(lanes: lanes))
    }
    app.middleware.use(ErrorPages())
    app.middleware.use(RequestGuard(routes: app.routes, document: openAPIQueryKeys(app)))
    app.middleware.use(PublicFiles(files: FileMiddleware(publicDirectory: app.directory.publicDirectory),
                                   directory: app.directory.publicDirectory))
    app.sessions.configuration.cookieName = "lantern-session"
    app.sessionLifetime = SessionLifetime(idle: TimeInterval(config.sessionIdleMinutes * 60),
                                          absolute: TimeInterval(config.sessionHours * 3600))
    let maxAge = config.sessionHours * 3600
    // Max-Age rather than Expires: the session's absolute limit, without formatting
    // an HTTP date on every response (Vapor builds a DateFormatter each time).
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: maxAge,
                          isSecure: config.hostname != "127.0.0.1" && config.hostname != "localhost",
                          isHTTPOnly: true, sameSite: .lax)
    }
    // Sessions live in the store, shared by every process on it (``StoredSessions``).
    let lifetime = app.sessionLifetime
    app.sessions.use { _ in StoredSessions(lifetime: lifetime) }
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(AuditOnce())
    app.middleware.use(RefusalAudit())
    app.middleware.use(AccessDecisionHeader())
    // Made here, before any request, so no two requests race to create them.
    _ = app.accessGate
    _ = app.storeLinker
    _ = app.householdHoldings
    LanternMetrics.bootstrapOnce()
    try routes(app)
}

extension DatabaseID {
    /// The audit ledger's own connections on PostgreSQL (``AuditTrail/ledgerDatabase``).
    static let ledger = DatabaseID(string: "ledger")
}

/// The query keys the served OpenAPI document declares. Without the
/// document (a server run away from its `Public/` directory) there is nothing
/// to check against: say so, as the API then accepts unknown keys.
private func openAPIQueryKeys(_ app: Application) -> OpenAPIQueryKeys {
    let url = URL(fileURLWithPath: app.directory.publicDirectory).appendingPathComponent("openapi.json")
    do {
        return try OpenAPIQueryKeys(contentsOf: url)
    } catch {
        app.logger.warning("openapi.json not readable: unknown query keys on the API are not refused", metadata: ["path": .string(url.path)])
        return OpenAPIQueryKeys()
    }
}

/// Metrics go to one Prometheus registry per process; swift-metrics allows
/// one bootstrap, so every app in the process (tests make many) shares it.
enum LanternMetrics {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrap: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    static func bootstrapOnce() { _ = bootstrap }
}
