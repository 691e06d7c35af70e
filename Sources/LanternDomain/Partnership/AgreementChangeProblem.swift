/// Why an agreement change was refused, with a stable code and what to do.
///
/// Use ``code`` to branch in tests and clients and ``description`` to show
/// the user. Contract: a description always says what to do next.
public struct AgreementChangeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let description: String

    public init(code: String, description: String) {
        self.code = code
        self.description = description
    }

    static func notAllowed(_ from: AgreementStatus, _ change: AgreementChange) -> AgreementChangeProblem {
        let next: String = switch from {
        case .draft: "submit it for approval first"
        case .forApproval: "approve it, or return it to draft"
        case .approved: "suspend or withdraw it"
        case .suspended: "reinstate or withdraw it"
        case .withdrawn: "a withdrawn agreement is final: draft a new agreement instead"
        }
        return AgreementChangeProblem(
            code: "transition-not-allowed",
            description: "A \(from.label) agreement cannot be \(change.target.label) directly: \(next).")
    }
}
