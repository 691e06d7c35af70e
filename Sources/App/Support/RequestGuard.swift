import Foundation
import Vapor

/// Checks the shape of every request before anything reads it, and makes
/// routing answer as HTTP and the OpenAPI document say.
///
/// Use it once, right after `ErrorPages`. Contract:
/// - a path over `maximumPathBytes` (or a segment over 255 bytes), one that does not percent-decode, or
///   one that decodes to control characters (a NUL) is "not found" (404):
///   no page has such a path, and nothing downstream (the file system, the
///   database) sees it;
/// - an API request whose query names a key the OpenAPI document does not
///   declare for that operation, or leaves out one it requires, is refused
///   (400) with a JSON problem, so a misspelt filter is never silently ignored;
/// - a method no route declares, on a path some route serves, is answered
///   405 with an `Allow` header listing the methods that path takes.
struct RequestGuard: AsyncMiddleware {
    /// The application's routes, read when a request finds none (they are
    /// registered after the middleware is set up).
    let routes: Routes
    let document: OpenAPIQueryKeys
    static let maximumPathBytes = 2048
    /// Longer than any file name (NAME_MAX) or id: no page has such a segment.
    static let maximumSegmentBytes = 255

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path.utf8.count <= Self.maximumPathBytes, let decoded = path.removingPercentEncoding,
              !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw Abort(.notFound, reason: "no such page")
        }
        let segments = path.split(separator: "/").map(String.init)
        guard segments.allSatisfy({ $0.utf8.count <= Self.maximumSegmentBytes }) else { throw Abort(.notFound, reason: "no such page") }
        if segments.first == "api", let check = document.check(request, segments: segments) {
            if !check.unknown.isEmpty {
                throw Abort(.badRequest, reason: "unknown query parameter \(check.unknown.map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")): "
                            + "see /openapi.json for the parameters this operation takes")
            }
            if !check.missing.isEmpty {
                throw Abort(.badRequest, reason: "missing query parameter \(check.missing.joined(separator: ", ")): see /openapi.json")
            }
        }
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .notFound && request.route == nil {
            let allowed = methods(for: segments)
            guard !allowed.isEmpty else { throw error }
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
            throw Abort(.methodNotAllowed, headers: headers, reason: "\(request.method.rawValue) is not allowed here: use \(allowed.joined(separator: " or "))")
        }
    }

    /// The methods routes declare for a concrete path (HEAD wherever GET is).
    func methods(for segments: [String]) -> [String] {
        var methods = Set<String>()
        for route in routes.all where Self.matches(route.path, segments) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert("HEAD") }
        }
        return methods.sorted()
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        var index = 0
        for component in pattern {
            switch component {
            case .catchall: return index < segments.count
            case .anything, .parameter:
                guard index < segments.count else { return false }
            case .constant(let text):
                guard index < segments.count, segments[index] == text else { return false }
            }
            index += 1
        }
        return index == segments.count
    }
}

/// The query keys each API operation declares in `Public/openapi.json`, read
/// once at start-up: the document is the contract, so the server enforces it.
struct OpenAPIQueryKeys: Sendable {
    /// Path pattern (as segments, `{id}` for a parameter) and method -> keys.
    private var operations: [(path: [String], method: String, keys: Set<String>, required: Set<String>)] = []

    init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let paths = document["paths"] as? [String: [String: Any]] else {
            throw Abort(.internalServerError, reason: "openapi.json has no paths")
        }
        for (path, item) in paths {
            let shared = Self.queryKeys(item["parameters"])
            for (method, operation) in item {
                guard let operation = operation as? [String: Any], method != "parameters" else { continue }
                let own = Self.queryKeys(operation["parameters"])
                operations.append((path: path.split(separator: "/").map(String.init), method: method.uppercased(),
                                   keys: shared.all.union(own.all), required: shared.required.union(own.required)))
            }
        }
    }

    init() {}

    private static func queryKeys(_ parameters: Any?) -> (all: Set<String>, required: Set<String>) {
        let query = (parameters as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" }
        return (Set(query.compactMap { $0["name"] as? String }),
                Set(query.filter { $0["required"] as? Bool == true }.compactMap { $0["name"] as? String }))
    }

    /// The keys in the request's query that its operation does not declare,
    /// and those it requires that are absent; nil when the document has no
    /// such operation (routing answers that).
    func check(_ request: Request, segments: [String]) -> (unknown: [String], missing: [String])? {
        let method = request.method == .HEAD ? "GET" : request.method.rawValue
        guard let operation = operations.first(where: { operation in
            operation.method == method && operation.path.count == segments.count
                && zip(operation.path, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }) else { return nil }
        let query = request.url.query ?? ""
        let keys: [String] = query.isEmpty ? [] : query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let key = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return key.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? key
        }
        return (keys.filter { !operation.keys.contains($0) }, operation.required.subtracting(keys).sorted())
    }
}
