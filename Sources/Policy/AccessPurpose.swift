import LanternDomain

/// Why a user is reading: one of the agreement purposes, or answering a data
/// subject's rights request.
///
/// Use `.agreed(purpose)` for everything a partnership agreement can permit and
/// `.rightsRequest` only when the DPO is answering a subject access or other
/// rights request (UK GDPR Arts 15-21), which no sharing agreement governs.
/// Contract: the raw value is the ``Purpose`` raw value or `rights-request`,
/// so it can be written to the audit trail and read back.
public enum AccessPurpose: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    case agreed(Purpose)
    case rightsRequest
    /// A partner's records officer deciding the disposal of its own records
    /// whose retention period has ended (or that are due for review).
    case retention

    public init?(rawValue: String) {
        if rawValue == "rights-request" {
            self = .rightsRequest
        } else if rawValue == "retention" {
            self = .retention
        } else if let purpose = Purpose(rawValue: rawValue) {
            self = .agreed(purpose)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .agreed(let purpose): purpose.rawValue
        case .rightsRequest: "rights-request"
        case .retention: "retention"
        }
    }

    /// The agreement purpose, or `nil` for a rights request.
    public var agreementPurpose: Purpose? {
        if case .agreed(let purpose) = self { purpose } else { nil }
    }

    public var description: String { rawValue }

    /// Words for pages: "case finding", "rights request".
    public var label: String { self == .retention ? "retention and disposal" : rawValue.replacingOccurrencesOfHyphens() }

    /// Every purpose, for tables and tests.
    public static let all: [AccessPurpose] = Purpose.allCases.map(AccessPurpose.agreed) + [.rightsRequest, .retention]
}

extension String {
    func replacingOccurrencesOfHyphens() -> String {
        String(map { $0 == "-" ? " " : $0 })
    }
}
