import LanternDomain

/// What makes a permitted read lawful: an agreement's flow, the viewer's own
/// organisation's records, or a rights request.
///
/// Use ``citation`` on pages and in the audit trail ("Harrowmere ISP, flow 3
/// (from Harrowmere Police to Harrowmere Borough Council): crime for case
/// finding; Art 6 public-task; Art 10 preventing-unlawful-acts; Crime and
/// Disorder Act 1998 s115"). Contract: an `agreementFlow` clause names an
/// approved agreement in force on the day of the decision whose flow goes
/// from `holder` to `recipient` and lawfully carries `category` for `purpose`.
public struct Clause: Sendable, Hashable {
    /// The kind of authority a clause cites.
    public enum Authority: String, Sendable, Hashable, Codable {
        /// A flow in an approved, in-force agreement.
        case agreementFlow = "agreement-flow"
        /// The viewer's own organisation holds the data: no sharing happens.
        case ownRecords = "own-records"
        /// The DPO answering a data subject's rights request.
        case rightsRequest = "rights-request"
        /// The holder's records officer deciding the disposal of its own due records.
        case retention = "retention"
    }

    public let authority: Authority
    /// Slug of the partner holding the data.
    public let holder: String
    /// Slug of the partner whose staff read it.
    public let recipient: String
    public let category: DataCategory
    public let purpose: AccessPurpose
    /// The agreement's title, for `agreementFlow`.
    public let agreement: String?
    /// The flow's 1-based position in the agreement, for `agreementFlow`.
    public let flowNumber: Int?
    /// The flow itself, with its lawful bases, statutes and format.
    public let flow: Flow?
    let holderName: String
    let recipientName: String

    init(authority: Authority, holder: String, holderName: String, recipient: String, recipientName: String,
         category: DataCategory, purpose: AccessPurpose, agreement: String? = nil, flowNumber: Int? = nil,
         flow: Flow? = nil) {
        self.authority = authority
        self.holder = holder
        self.holderName = holderName
        self.recipient = recipient
        self.recipientName = recipientName
        self.category = category
        self.purpose = purpose
        self.agreement = agreement
        self.flowNumber = flowNumber
        self.flow = flow
    }

    /// The clause in words, built only when asked for (decisions stay cheap).
    public var citation: String {
        switch authority {
        case .agreementFlow:
            var text = "\(agreement ?? "agreement"), flow \(flowNumber ?? 0) (from \(holderName) to \(recipientName)): "
            text += "\(category.rawValue) for \(purpose.label)"
            if let flow {
                text += "; Art 6 \(flow.art6.rawValue)"
                if category.isSpecialCategory, let art9 = flow.art9 { text += "; Art 9 \(art9.rawValue)" }
                if category.isCriminalOffence, let art10 = flow.art10 { text += "; Art 10 \(art10.rawValue)" }
                if !flow.statutes.isEmpty { text += "; " + flow.statutes.joined(separator: "; ") }
                text += "; format \(flow.format.rawValue)"
            }
            return text
        case .ownRecords:
            return "held by \(holderName), your own organisation: \(category.rawValue) for \(purpose.label), no sharing involved"
        case .rightsRequest:
            return "UK GDPR Arts 15-21 (data subject rights): \(category.rawValue) held by \(holderName), read to answer a rights request; "
                + "agree any exemption (DPA 2018 Schedule 2) with \(holderName) before disclosure"
        case .retention:
            return "held by \(holderName), your own organisation: \(category.rawValue) due for disposal or review under its retention rule, "
                + "read by its records officer to decide it; no sharing involved"
        }
    }
}
