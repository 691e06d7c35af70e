import Foundation
import Vapor

/// Serves `Public/` (the stylesheet and the OpenAPI document) for GET and
/// HEAD only, and only for paths that could name a file there.
///
/// Use it in place of a bare `FileMiddleware`, which asks the file system
/// about any path in any method: a path the file system cannot take would
/// fail as a server error, and a `../` as 403 rather than "not found".
/// Contract: any other request goes straight on to routing. What `Public/`
/// holds at its top level is read once, at start-up (it ships with the
/// release): a page's path (`/panels/...`) names nothing there, and asking the
/// file system on every page cost a trip through the blocking thread pool the
/// SQLite connections wait on.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware
    /// The names at the top of `Public/` (`css`, `openapi.json`).
    let topLevel: Set<String>

    init(files: FileMiddleware, directory: String) {
        self.files = files
        topLevel = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD,
              let decoded = request.url.path.removingPercentEncoding, !decoded.contains(".."), !decoded.contains("//"),
              let first = decoded.split(separator: "/", omittingEmptySubsequences: true).first, topLevel.contains(String(first)) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
