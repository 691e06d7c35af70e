import Ledger
import Vapor

/// Puts every refusal (403) in the audit ledger, once.
///
/// Routes that refuse with more to say (a capability, the access decision,
/// an import) audit it themselves and the request remembers; any other 403,
/// from a route written later included, is recorded here with the route and
/// the reason given. The path is recorded without its query, which may hold
/// a name someone searched for.
struct RefusalAudit: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .forbidden {
            try await record(request, reason: error.reason)
            throw error
        }
        if response.status == .forbidden { try await record(request, reason: "refused") }
        return response
    }

    private func record(_ request: Request, reason: String) async throws {
        guard !request.refusalAudited else { return }
        let path = String(request.url.path.prefix(300))
        try await request.audit(.accessDecision, subject: "route:\(request.method.rawValue) \(path)", resource: path,
                                decision: .deny, reason: String(reason.prefix(500)), purpose: "governance")
    }
}
