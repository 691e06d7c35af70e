import Vapor

/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) made with the
/// session cookie unless it carries the session's anti-forgery token: the
/// `csrf` field of a form, or the `X-CSRF-Token` header (for JSON and other
/// bodies). A browser sends the cookie with any site's form, so the cookie
/// alone does not show that the person meant the change.
///
/// Use it once per group, after ``RequireCaller`` (it reads how the caller
/// signed in), and on the sign-in routes, where no caller exists yet and the
/// token comes from the sign-in page. Contract: a caller authenticated by a
/// bearer token passes without a token (the browser never adds that header by
/// itself); every refusal is a 403 and an audited access decision.
struct AntiForgery: AsyncMiddleware {
    static let header: HTTPHeaders.Name = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.changesState(request.method), request.auth.get(Caller.self)?.credential != .apiToken else {
            return try await next.respond(to: request)
        }
        guard Self.matches(sent: try await Self.sentToken(request), expected: request.session.data["csrf"]) else {
            let route = request.route.map { $0.path.map(\.description).joined(separator: "/") } ?? "unrouted"
            try await request.audit(.accessDecision, subject: "route:\(request.method.rawValue) /\(route)", resource: "anti-forgery",
                                    decision: .deny, reason: "change with the session cookie but without the anti-forgery token",
                                    purpose: "session")
            throw Refusal.antiForgery
        }
        return try await next.respond(to: request)
    }

    static func changesState(_ method: HTTPMethod) -> Bool {
        switch method {
        case .POST, .PUT, .PATCH, .DELETE: true
        default: false
        }
    }

    /// The header if sent, else the form field. A form body is collected here
    /// (within the app's usual limit) so the handler reads it afterwards as
    /// usual; other bodies, such as a streamed extract, are left untouched.
    static func sentToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: header) { return header }
        guard let type = request.headers.contentType, type == .urlEncodedForm || type == .formData else { return nil }
        _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
        struct Form: Content { var csrf: String? }
        return (try? request.content.decode(Form.self))?.csrf
    }

    /// Compares in time that does not depend on where the strings differ.
    static func matches(sent: String?, expected: String?) -> Bool {
        guard let sent, let expected, !expected.isEmpty else { return false }
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
