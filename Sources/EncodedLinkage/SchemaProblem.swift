/// Why a linkage schema was refused: the JSON path of the field (`features[2].hashing.strategy`),
/// the line of the schema file it sits on when known, and what to change.
public struct SchemaProblem: Error, CustomStringConvertible, Sendable, Equatable {
    /// A stable code for tests and for callers that map problems to messages.
    public enum Code: String, Sendable { case notJSON, wrongVersion, missingField, wrongType, badValue, unsupported }

    public var code: Code
    public var field: String
    public var line: Int?
    public var reason: String

    public init(_ code: Code, field: String, line: Int? = nil, reason: String) {
        self.code = code
        self.field = field
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line.map { "line \($0), " } ?? ""
        return "schema \(place)\(field): \(reason)"
    }
}
