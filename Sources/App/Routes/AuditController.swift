import Foundation
import Ledger
import Storage
import Vapor

/// `GET /api/v1/audit/heads`: the signed tree heads and the public key, so a
/// partner can keep them and later check the ledger was not rewritten.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", "heads", use: heads)
    }

    func heads(req: Request) async throws -> Response {
        let published = PublishedHeads(
            publicKey: Data(req.application.auditTrail.signer.verifier.publicKeyBytes).base64EncodedString(),
            heads: try await AuditRepository(database: try req.sql()).signedHeads())
        let response = Response(status: .ok)
        try response.content.encode(published, as: .json)
        return response
    }
}
