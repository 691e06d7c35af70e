/// Why access was refused, with a stable code for tests and clients and a
/// description that tells the user what they can do next.
///
/// Use ``code`` to branch (map to HTTP 403, choose a template) and
/// ``description`` to show the user. Contract: codes never change meaning
/// once released; every denial has a non-empty code and description; a
/// description never contains the subject's data. A denial about one item
/// names the holding partner (the caller already showed that the item
/// exists); a whole-record summary only counts partners.
public struct Denial: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable kind of denial.
    public struct Code: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Only system or partner administrator roles: they read no case data.
        public static let noCaseDataRole = Code(rawValue: "no-case-data-role")
        /// None of the requester's roles may use the purpose.
        public static let purposeNotForRole = Code(rawValue: "purpose-not-for-role")
        /// Break-glass declared by a role that may not use it.
        public static let breakGlassNotForRole = Code(rawValue: "break-glass-not-for-role")
        /// Break-glass that has not started yet.
        public static let breakGlassNotYetValid = Code(rawValue: "break-glass-not-yet-valid")
        /// Break-glass that has ended.
        public static let breakGlassExpired = Code(rawValue: "break-glass-expired")
        /// No relationship with the person.
        public static let noRelationship = Code(rawValue: "no-relationship")
        /// The purpose needs the person to be on the requester's panel case.
        public static let notOnPanelCase = Code(rawValue: "not-on-panel-case")
        /// A rights-request read about someone who is not the subject of a
        /// rights request the requester is answering.
        public static let noRightsRequest = Code(rawValue: "no-rights-request")
        /// An access request answered by its requester or their own partner.
        public static let ownRequest = Code(rawValue: "own-request")
        /// A records officer asked about another partner's record: they decide the disposal of their own partner's only.
        public static let notOwnRecords = Code(rawValue: "not-own-records")
        /// A records officer asked about a record that is not due for disposal or review.
        public static let notDueForDisposal = Code(rawValue: "not-due-for-disposal")
        /// The subject restricted the processing of this item (UK GDPR Art 18).
        public static let restricted = Code(rawValue: "restricted")
        /// No agreement has a flow for this holder, recipient, category and purpose.
        public static let noAgreement = Code(rawValue: "no-agreement")
        /// A flow names the category but not the Art 9 / Art 10 condition it needs.
        public static let noLawfulCondition = Code(rawValue: "no-lawful-condition")
        /// The covering agreement is a draft or awaiting approval.
        public static let agreementNotApproved = Code(rawValue: "agreement-not-approved")
        /// The covering agreement is suspended.
        public static let agreementSuspended = Code(rawValue: "agreement-suspended")
        /// The covering agreement is withdrawn.
        public static let agreementWithdrawn = Code(rawValue: "agreement-withdrawn")
        /// The covering agreement starts after today.
        public static let agreementNotYetInForce = Code(rawValue: "agreement-not-yet-in-force")
        /// Identifying data asked for under a depersonalised purpose (evaluation).
        public static let depersonalised = Code(rawValue: "depersonalised")
        /// A capability (audit, accounts, agreements) the requester's roles do not have.
        public static let capabilityNotForRole = Code(rawValue: "capability-not-for-role")
    }

    /// What the user can do about a denial; pages render it as a button or a link.
    public enum NextStep: Sendable, Hashable {
        /// Ask the holding partner (or, with `nil`, the partners holding the
        /// data, whom the system contacts) for access: request and response.
        case requestAccess(holder: String?)
        /// Declare a new break-glass grant with its reason.
        case declareBreakGlass
        /// Ask the DPO (the agreement or the user's roles need changing).
        case askDPO
        /// Nothing the user can do.
        case none
    }

    public let code: Code
    public let description: String
    public let nextStep: NextStep

    public init(code: Code, description: String, nextStep: NextStep = .none) {
        self.code = code
        self.description = description
        self.nextStep = nextStep
    }
}
