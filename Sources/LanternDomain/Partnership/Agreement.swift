/// Where an agreement is in its life. Only `approved` agreements, inside their
/// in-force dates, permit sharing.
public enum AgreementStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case draft, forApproval = "for-approval", approved, suspended, withdrawn
}

/// One permitted flow of information in an agreement: from one partner to
/// others, which categories, for which purposes, on which lawful bases.
public struct Flow: Sendable, Hashable, Codable {
    public var from: String
    public var to: [String]
    public var categories: [DataCategory]
    public var purposes: [Purpose]
    public var art6: Article6Basis
    public var art9: Article9Condition?
    public var art10: Article10Condition?
    public var statutes: [String]
    public var format: SharingFormat

    public init(from: String, to: [String], categories: [DataCategory], purposes: [Purpose],
                art6: Article6Basis, art9: Article9Condition? = nil, art10: Article10Condition? = nil,
                statutes: [String] = [], format: SharingFormat) {
        self.from = from
        self.to = to
        self.categories = categories
        self.purposes = purposes
        self.art6 = art6
        self.art9 = art9
        self.art10 = art10
        self.statutes = statutes
        self.format = format
    }

    /// A flow may carry special category or criminal offence data only when it
    /// names the Art 9 or Art 10 condition that allows it.
    public func lawfullyCarries(_ category: DataCategory) -> Bool {
        guard categories.contains(category) else { return false }
        if category.isSpecialCategory && art9 == nil { return false }
        if category.isCriminalOffence && art10 == nil { return false }
        return true
    }
}

/// An information sharing agreement: the law of the system. Nothing is shared
/// that an approved agreement in force on the day does not cover.
public struct Agreement: Sendable, Hashable, Codable {
    public var title: String
    /// Slug of the partner that owns the agreement.
    public var owner: String
    public var status: AgreementStatus
    public var inForceFrom: CalendarDate
    public var reviewDue: CalendarDate
    public var approvedBy: String?
    public var approvedOn: CalendarDate?
    public var flows: [Flow]
    /// Set when a partner has given notice of withdrawal (status `withdrawn`).
    public var withdrawal: Withdrawal?
    /// The managers who oversee sharing under the agreement, partner by partner.
    public var oversight: [OversightContact]

    public init(title: String, owner: String, status: AgreementStatus, inForceFrom: CalendarDate,
                reviewDue: CalendarDate, approvedBy: String? = nil, approvedOn: CalendarDate? = nil,
                flows: [Flow], withdrawal: Withdrawal? = nil, oversight: [OversightContact] = []) {
        self.title = title
        self.owner = owner
        self.status = status
        self.inForceFrom = inForceFrom
        self.reviewDue = reviewDue
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
        self.flows = flows
        self.withdrawal = withdrawal
        self.oversight = oversight
    }

    /// Approved and started on `day`, or withdrawn while in force and still
    /// inside its notice period. A review date in the past flags the
    /// agreement as overdue for review but does not stop it being in force.
    public func isInForce(on day: CalendarDate) -> Bool {
        guard inForceFrom <= day else { return false }
        switch status {
        case .approved: return true
        case .withdrawn:
            guard let withdrawal, withdrawal.sharesDuringNotice else { return false }
            return day < withdrawal.effectiveOn
        case .draft, .forApproval, .suspended: return false
        }
    }

    /// Every partner party to the agreement: its owner and everyone its flows name.
    public var signatories: [String] {
        Array(Set([owner] + flows.flatMap { [$0.from] + $0.to })).sorted()
    }

    public func isReviewOverdue(on day: CalendarDate) -> Bool { reviewDue < day }

    /// The first flow that lets `partner` share `category` on `day`, if any.
    public func flow(from partner: String, carrying category: DataCategory,
                     on day: CalendarDate) -> Flow? {
        guard isInForce(on: day) else { return nil }
        return flows.first { $0.from == partner && $0.lawfullyCarries(category) }
    }
}

extension Agreement {
    private enum CodingKeys: String, CodingKey {
        case title, owner, status, inForceFrom, reviewDue, approvedBy, approvedOn, flows, withdrawal, oversight
    }

    /// Decodes `partnership.json` written before withdrawal and oversight
    /// existed: both are optional there.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(title: try container.decode(String.self, forKey: .title),
                  owner: try container.decode(String.self, forKey: .owner),
                  status: try container.decode(AgreementStatus.self, forKey: .status),
                  inForceFrom: try container.decode(CalendarDate.self, forKey: .inForceFrom),
                  reviewDue: try container.decode(CalendarDate.self, forKey: .reviewDue),
                  approvedBy: try container.decodeIfPresent(String.self, forKey: .approvedBy),
                  approvedOn: try container.decodeIfPresent(CalendarDate.self, forKey: .approvedOn),
                  flows: try container.decode([Flow].self, forKey: .flows),
                  withdrawal: try container.decodeIfPresent(Withdrawal.self, forKey: .withdrawal),
                  oversight: try container.decodeIfPresent([OversightContact].self, forKey: .oversight) ?? [])
    }
}
