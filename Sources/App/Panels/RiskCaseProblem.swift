import LanternDomain

/// A field a risk-case step (MATAC decision, ASB application, IOM
/// selection) could not take, and what to put there. Pages show
/// ``description`` on the form; the API answers it as a ``PanelFieldProblem``.
struct RiskCaseProblem: Error, Sendable, Hashable, CustomStringConvertible {
    var field: String
    var message: String

    init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// From a domain problem whose description reads "field: what to do".
    init(_ field: String, _ description: String) {
        self.field = field
        let prefix = field + ": "
        message = description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
    }

    var description: String { "\(field): \(message)" }
    var asField: PanelFieldProblem { PanelFieldProblem(field: field, message: message) }
}
