import Foundation
import SQLKit

/// Restrictions of processing in force, which the access decision reads on
/// every request: a restricted subject's items are used for nothing but
/// their rights request.
public struct RestrictionRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Places a restriction on `person` through a rights request; placing it
    /// again while one is in force changes nothing.
    public func restrict(_ person: UUID, request: UUID, by user: UUID, at now: Date) async throws {
        guard try await restricted(among: [person]).isEmpty else { return }
        try await sql.insert(into: "restrictions").columns("id", "person_id", "rights_request_id", "placed_by", "placed_at")
            .values(UUID(), person, request, user, now).run()
    }

    /// Lifts the restriction in force on `person`, with the reason the subject is told.
    public func lift(_ person: UUID, reason: String, at now: Date) async throws -> Bool {
        guard !(try await restricted(among: [person]).isEmpty) else { return false }
        try await sql.update("restrictions").set("lifted_at", to: now).set("lift_reason", to: reason)
            .where("person_id", .equal, person).where("lifted_at", .is, SQLLiteral.null).run()
        return true
    }

    /// Everyone under a restriction in force (few: each is a rights request).
    public func inForce() async throws -> Set<UUID> {
        Set(try await sql.select().distinct().column("person_id").from("restrictions")
            .where("lifted_at", .is, SQLLiteral.null).all().map { try $0.decode(column: "person_id", as: UUID.self) })
    }

    /// Those among `people` under a restriction in force.
    public func restricted(among people: [UUID]) async throws -> Set<UUID> {
        guard !people.isEmpty else { return [] }
        return Set(try await sql.select().distinct().column("person_id").from("restrictions")
            .where("person_id", .in, people).where("lifted_at", .is, SQLLiteral.null).all()
            .map { try $0.decode(column: "person_id", as: UUID.self) })
    }
}
