/// The decision on telling the people a breach concerns (UK GDPR Art 34):
/// told (when and how) or not told, with the reason either way, and where
/// not told, any exemption relied on.
///
/// Instants are seconds since 1970 (UTC), passed in: it reads no clock.
public struct BreachSubjectsDecision: Sendable, Hashable, Codable {
    public static let exemptions = [
        "Art 34(3)(a): the data was protected (e.g. encrypted) so unintelligible",
        "Art 34(3)(b): later measures mean the high risk is no longer likely",
        "Art 34(3)(c): disproportionate effort, so a public communication instead",
        "DPA 2018 Sch 2 para 2: telling would prejudice crime purposes",
    ]

    public var told: Bool
    public var at: Int64
    public var how: String?
    public var exemption: String?
    public var reason: String

    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case noChoice, noReason, noHow, unknownExemption, inTheFuture
        public var description: String {
            switch self {
            case .noChoice: "Choose whether the people concerned were told."
            case .noReason: "Give the reason for the decision on telling the people concerned: it is required either way."
            case .noHow: "Say how the people concerned were told (letter, phone call, visit, public notice)."
            case .unknownExemption: "Choose an exemption from the list, or none."
            case .inTheFuture: "That time is in the future."
            }
        }
    }

    public init(choice: String?, at: Int64, how: String?, exemption: String?, reason: String, now: Int64) throws {
        guard let choice, choice == "told" || choice == "not-told" else { throw Refusal.noChoice }
        let reason = BreachConsultation.trimmed(reason)
        guard !reason.isEmpty else { throw Refusal.noReason }
        guard at <= now else { throw Refusal.inTheFuture }
        told = choice == "told"
        self.at = at
        self.reason = String(reason.prefix(2_000))
        if told {
            let how = BreachConsultation.trimmed(how ?? "")
            guard !how.isEmpty else { throw Refusal.noHow }
            self.how = String(how.prefix(300))
        } else if let exemption, !exemption.isEmpty {
            guard Self.exemptions.contains(exemption) else { throw Refusal.unknownExemption }
            self.exemption = exemption
        }
    }
}
