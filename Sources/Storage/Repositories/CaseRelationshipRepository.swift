import Foundation
import SQLKit

/// Records and looks up users' relationships with people.
public struct CaseRelationshipRepository: Sendable {
    let sql: any SQLDatabase

    public init(database: any SQLDatabase) { self.sql = database }

    /// Adds the relationships; one already held is kept as it was (several features,
    /// a panel case and a caseload say, may each give the same person to the same user).
    public func add(user: UUID, people: [UUID], kind: String, at now: Date) async throws {
        var seen = Set<UUID>()
        let people = people.filter { seen.insert($0).inserted }
        for start in stride(from: 0, to: people.count, by: 2_000) {
            var insert = sql.insert(into: "case_relationships").columns("user_id", "person_id", "kind", "since")
                .ignoringConflicts(with: ["user_id", "person_id", "kind"])
            for person in people[start..<min(start + 2_000, people.count)] { insert = insert.values(user, person, kind, now) }
            try await insert.run()
        }
    }

    /// The kinds of relationship `user` has with each of `people` that has any.
    public func relationships(of user: UUID, with people: [UUID]) async throws -> [UUID: Set<String>] {
        guard !people.isEmpty else { return [:] }
        var result: [UUID: Set<String>] = [:]
        let rows = try await sql.select().columns("person_id", "kind").from("case_relationships")
            .where("user_id", .equal, user).where("person_id", .in, people).all()
        for row in rows {
            result[try row.decode(column: "person_id", as: UUID.self), default: []]
                .insert(try row.decode(column: "kind", as: String.self))
        }
        return result
    }
}
