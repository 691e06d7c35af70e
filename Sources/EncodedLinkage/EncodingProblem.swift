/// Why one value of a row could not be encoded: the line of the input file, the
/// feature (column) and what the schema expects. The value itself is not repeated,
/// so that the message can be shared with the hub's support without leaking it.
public struct EncodingProblem: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable { case wrongColumnCount, notInFormat, notEncodable }
    public var code: Code
    public var line: Int?
    public var field: String
    public var reason: String

    public init(_ code: Code, line: Int? = nil, field: String, reason: String) {
        self.code = code
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return "\(place)\(field): \(reason)"
    }
}
