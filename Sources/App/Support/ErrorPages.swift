import LanternDomain
import Vapor

/// Maps every error to one status and message, the same for pages and the
/// API, and never leaks internals (or personal data) to the client.
struct ErrorPages: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message, problems) = Self.classify(error)
            // An Allow header on a 405, for example, goes to the client as is.
            let headers = (error as? any AbortError)?.headers ?? [:]
            if status == .internalServerError {
                request.logger.error("request failed", metadata: ["path": .string(String(request.url.path.prefix(200))), "error": .string(String(describing: type(of: error)))])
                request.logger.debug("request failure detail", metadata: ["detail": .string(String(reflecting: error))])
            }
            let wantsJSON = request.url.path.hasPrefix("/api/") || request.headers.accept.contains { $0.mediaType == .json }
            if wantsJSON {
                let body = APIError(error: message, problems: problems)
                let response = Response(status: status)
                try response.content.encode(body)
                for (name, value) in headers where name.lowercased() != "content-type" { response.headers.add(name: name, value: value) }
                return response
            }
            let response: Response
            do {
                let view = try await request.view.render("error", ErrorPage(status: Int(status.code), message: message))
                response = try await view.encodeResponse(status: status, for: request)
            } catch {
                // The error page itself failed: still answer with the status, never a bare 500.
                response = Response(status: status, body: .init(string: "\(status.code) \(message)\n"))
                response.headers.contentType = .plainText
            }
            for (name, value) in headers where name.lowercased() != "content-type" { response.headers.add(name: name, value: value) }
            return response
        }
    }

    static func classify(_ error: any Error) -> (HTTPResponseStatus, String, [ImportProblem]) {
        switch error {
        case let abort as any AbortError: return (abort.status, abort.reason, [])
        case let failure as ImportFailure:
            switch failure {
            case .rejected(let problems, _, _): return (.unprocessableEntity, failure.description, problems)
            case .unknownPartner, .noAgreement: return (.forbidden, failure.description, [])
            default: return (.badRequest, failure.description, [])
            }
        default: return (.internalServerError, "something went wrong: the error has been logged", [])
        }
    }
}

struct APIError: Content {
    var error: String
    var problems: [ImportProblem]
}

struct ErrorPage: Encodable {
    var status: Int
    var message: String
}
