import App
import Foundation
import SQLKit
import Storage
import Testing
import Vapor
import VaporTesting

/// Each role gets exactly its routes: the pages a role may use answer 200,
/// the rest 403, and case data appears only where the access decision allows.
@Suite struct RoleMatrixTests {
    static let roles = ["practitioner", "analyst", "panel-chair", "dpo", "partner-admin", "admin", "strategic-lead"]

    /// Route -> the roles that may use it.
    static let allowed: [(path: String, roles: Set<String>)] = [
        ("/review", ["analyst"]),
        ("/case-finding", ["analyst"]),
        ("/audit/unusual", ["dpo"]),
        ("/rights-requests", ["dpo"]),
        ("/breaches", ["dpo"]),
        ("/agreements", Set(roles)),
        ("/transparency/ropa", Set(roles)),
        ("/people", ["practitioner", "analyst", "panel-chair", "dpo"]),
        ("/access-requests", Set(roles)),
        ("/case-finding/rules", Set(roles)),
        ("/webhooks", ["partner-admin", "admin"]),
        ("/users", ["partner-admin", "admin"]),
        ("/audit", ["dpo"]),
        ("/home", Set(roles)),
        ("/reports", ["strategic-lead", "analyst"]),
    ]

    @Test(arguments: roles)
    func eachRoleGetsExactlyItsRoutes(_ role: String) async throws {
        try await withApp(.sqlite) { app in
            _ = try await ImportService(database: app.db, logger: app.logger, audit: app.auditTrail, actor: "test")
                .run(partner: "test-police", kind: .people, source: .data(Data(ImportTests.people.utf8), name: "p.csv", contentType: nil))
            try await addUser(app, "user", partner: "test-council", roles: [role])
            var client = PageClient(app: app)
            _ = try await client.signIn("user", "correct horse battery")
            for (path, roles) in Self.allowed {
                let status = try await client.send(.GET, path).status
                #expect(status == (roles.contains(role) ? .ok : .forbidden), "\(role) on \(path) answered \(status.code)")
            }
            // Case data: the hub's analyst finds people for case finding (audited);
            // the DPO only the subject of a recorded rights request, and there is
            // none; the others have no relationship, and the administrators no
            // case-data role, so no search at all.
            let search = try await client.send(.GET, "/people?name=doe+jane").body.string
            #expect(search.contains("Jane Doe") == (role == "analyst"), "\(role) and Jane's name")
        }
    }
}
