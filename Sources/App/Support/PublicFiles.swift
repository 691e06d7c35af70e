import Vapor

/// Serves `Public/` (the stylesheet and the OpenAPI document) for GET and
/// HEAD only, and only for paths that could name a file there.
///
/// Use it in place of a bare `FileMiddleware`, which asks the file system
/// about any path in any method: a path the file system cannot take would
/// fail as a server error, and a `../` as 403 rather than "not found".
/// Contract: any other request goes straight on to routing.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD,
              let decoded = request.url.path.removingPercentEncoding, !decoded.contains(".."), !decoded.contains("//") else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
