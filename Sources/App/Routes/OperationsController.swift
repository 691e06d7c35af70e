import Fluent
import Prometheus
import SQLKit
import Storage
import Vapor

/// `/health` for load balancers and `/metrics` for Prometheus.
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("metrics", use: metrics)
    }

    struct Health: Content {
        var status: String
        var database: String
        var migrations: String
    }

    func health(req: Request) async throws -> Response {
        var health = Health(status: "ok", database: "reachable", migrations: "current")
        do {
            let sql = try req.sql()
            let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("_fluent_migrations").first()
            let applied = try row?.decode(column: "n", as: Int.self) ?? 0
            if applied < LanternMigrations.all.count {
                health.status = "unavailable"
                health.migrations = "\(LanternMigrations.all.count - applied) pending: run `lantern migrate`"
            }
        } catch {
            health = Health(status: "unavailable", database: "unreachable", migrations: "unknown")
        }
        let response = Response(status: health.status == "ok" ? .ok : .serviceUnavailable)
        try response.content.encode(health)
        return response
    }

    func metrics(req: Request) async throws -> Response {
        var buffer: [UInt8] = []
        LanternMetrics.registry.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(buffer)))
    }
}
