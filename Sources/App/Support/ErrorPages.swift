import Foundation
import LanternDomain
import Storage
import Vapor

/// Maps every error to one status and message, the same for pages and the
/// API, and never leaks internals (or personal data) to the client.
///
/// A person (a page request, `Accept: text/html`) gets the site layout: what
/// happened in plain words, what to do next, and a link home. A machine
/// (`/api/`, or asking for JSON) gets a problem body: `error`, a stable
/// `code` for a ``Refusal``, and `problems` for a rejected extract.
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
            let refusal = Self.refusal(error)
            if Self.wantsJSON(request) {
                let body = APIError(error: message, code: refusal?.code, problems: problems)
                let response = Response(status: status)
                try response.content.encode(body)
                for (name, value) in headers where name.lowercased() != "content-type" { response.headers.add(name: name, value: value) }
                return response
            }
            let response: Response
            do {
                let page = ErrorPage(request, caller: await Self.signedIn(request), status: status, message: message, code: refusal?.code, nextStep: refusal?.nextStep,
                                     problems: problems.map(\.description))
                let view = try await request.renderPage("error", page)
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

    /// The person signed in, for the layout's navigation: loaded by
    /// ``RequireCaller`` on pages, or from the session for an address no
    /// route answers. Best effort: an error page never fails for want of it.
    static func signedIn(_ request: Request) async -> Caller? {
        if let caller = request.auth.get(Caller.self) { return caller.credential == .session ? caller : nil }
        guard request.hasSession, let id = request.session.data["user"].flatMap(UUID.init(uuidString:)),
              request.application.sessionLifetime.ended(request.session.data, now: Date()) == nil,
              let sql = try? request.sql(), let user = try? await UserRepository(database: sql).find(id: id) else { return nil }
        return Caller(user)
    }

    /// The API always answers JSON; elsewhere a client that asks for JSON and
    /// not for HTML gets it, and everyone else (a browser) gets a page.
    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api/") { return true }
        let accepted = request.headers.accept.map(\.mediaType)
        return accepted.contains(.json) && !accepted.contains(.html)
    }

    /// The catalogue's entry for an error that is a refusal.
    static func refusal(_ error: any Error) -> Refusal? {
        switch error {
        case let refusal as Refusal: refusal
        case ImportFailure.unknownPartner(let slug): .extractFromUnknownPartner(slug)
        case ImportFailure.noAgreement(let partner): .extractWithoutAgreement(partner: partner)
        default: nil
        }
    }

    static func classify(_ error: any Error) -> (HTTPResponseStatus, String, [ImportProblem]) {
        if let refusal = refusal(error) { return (refusal.status, refusal.reason, []) }
        switch error {
        // Vapor's own errors (no route, a bad body) say only the status's name.
        case let abort as any AbortError where abort.reason == abort.status.reasonPhrase:
            return (abort.status, ErrorWords.of(abort.status).message, [])
        case let abort as any AbortError: return (abort.status, abort.reason, [])
        case let failure as ImportFailure:
            switch failure {
            case .rejected(let problems, _, _): return (.unprocessableEntity, failure.description, problems)
            default: return (.badRequest, failure.description, [])
            }
        default: return (.internalServerError, "something went wrong: the error has been logged", [])
        }
    }
}

/// The JSON problem body of every API error.
struct APIError: Content {
    var error: String
    /// A ``Refusal``'s stable code; absent for other errors.
    var code: String?
    var problems: [ImportProblem]
}

/// The error page: the status in plain words, the reason, the next step and
/// the way home, inside the layout (with the signed-in person's navigation).
struct ErrorPage: Encodable {
    var status: Int
    /// A ``Refusal``'s stable code, on the page for tests and support staff.
    var code: String?
    var title: String
    var message: String
    var nextStep: String
    var problems: [String]
    var home: String
    var homeLabel: String
    var caller: CallerView?
    var csrf: String?

    init(_ request: Request, caller: Caller?, status: HTTPResponseStatus, message: String, code: String?, nextStep: String?, problems: [String]) {
        let words = ErrorWords.of(status)
        self.status = Int(status.code)
        self.code = code
        title = words.title
        // A sentence, whatever case the thrower wrote it in.
        self.message = message.prefix(1).uppercased() + message.dropFirst()
        self.nextStep = nextStep ?? words.nextStep
        self.problems = problems
        home = caller == nil ? "/sign-in" : "/home"
        homeLabel = caller == nil ? "Go to the sign-in page" : "Go to your home page"
        self.caller = caller.map(CallerView.init)
        csrf = caller == nil || !request.hasSession ? nil : request.session.data["csrf"]
    }
}

/// What each status means to a person, and what they can do about it.
enum ErrorWords {
    static func of(_ status: HTTPResponseStatus) -> (title: String, message: String, nextStep: String) {
        switch status {
        case .badRequest:
            ("The request could not be understood", "what was sent could not be read", "Check what you entered and try again.")
        case .unauthorized:
            ("You need to sign in", "you are not signed in", "Sign in, then open the page again.")
        case .forbidden:
            ("You cannot use this page", "your roles do not allow this", "Go back to your home page for the work your roles allow.")
        case .notFound:
            ("Page not found", "no such page", "Check the address, or start again from your home page.")
        case .methodNotAllowed:
            ("That action is not available here", "this page does not take that action", "Go back and use the page's own buttons and links.")
        case .conflict:
            ("This has already been done", "someone has already done this", "Reload the page to see where things stand now.")
        case .payloadTooLarge:
            ("What you sent is too large", "what was sent is larger than Lantern accepts", "Send it in smaller parts.")
        case .unprocessableEntity:
            ("Some details need correcting", "some details need correcting", "Go back, correct the details and send them again.")
        case .internalServerError:
            ("Sorry, something went wrong", "something went wrong: the error has been logged",
             "Try again in a few minutes. If it keeps happening, tell your system administrator the time it happened: the error has been logged.")
        default:
            ("Sorry, there is a problem", "the request could not be completed", "Go back and try again, or start from your home page.")
        }
    }
}
