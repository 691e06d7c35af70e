import LanternDomain

/// The agreements in force, indexed once so that each access decision is a
/// few hash lookups: (holder, recipient, category, purpose) -> the flows that
/// mention it.
///
/// Build one when the agreements change (they change rarely: at approval,
/// suspension, withdrawal) and share it; it is an immutable value. Contract:
/// ``coverage(from:to:category:purpose:on:)`` answers `covered` only with a
/// flow of an approved agreement in force on that day which lawfully carries
/// the category (``Flow/lawfullyCarries(_:)``: Art 9 / Art 10 condition named)
/// for that purpose; otherwise it explains the nearest miss.
public struct AgreementIndex: Sendable {
    /// What an agreement says about one (holder, recipient, category, purpose).
    public enum Coverage: Sendable, Hashable {
        case covered(Clause)
        case uncovered(Denial)
    }

    struct Entry: Sendable {
        var agreement: Int32
        var flow: Int32
        var status: AgreementStatus
        var inForceFrom: Int32
        var lawful: Bool
    }

    let agreements: [Agreement]
    private let partnerIDs: [String: Int32]
    private let names: [String: String]
    private let entries: [UInt64: [Entry]]

    public init(agreements: [Agreement], partners: [Partner] = []) {
        var ids: [String: Int32] = [:]
        func id(_ slug: String) -> Int32 {
            if let known = ids[slug] { return known }
            let next = Int32(ids.count)
            ids[slug] = next
            return next
        }
        var names: [String: String] = [:]
        for partner in partners {
            _ = id(partner.slug)
            names[partner.slug] = partner.name
        }
        var entries: [UInt64: [Entry]] = [:]
        for (agreementIndex, agreement) in agreements.enumerated() {
            for (flowIndex, flow) in agreement.flows.enumerated() {
                let from = id(flow.from)
                for category in CategorySet(flow.categories) {
                    let entry = Entry(agreement: Int32(agreementIndex), flow: Int32(flowIndex),
                                      status: agreement.status, inForceFrom: Int32(agreement.inForceFrom.dayNumber),
                                      lawful: flow.lawfullyCarries(category))
                    for recipient in Set(flow.to) {
                        let to = id(recipient)
                        for purpose in Set(flow.purposes) {
                            entries[Self.key(from, to, category, purpose), default: []].append(entry)
                        }
                    }
                }
            }
        }
        self.agreements = agreements
        self.partnerIDs = ids
        self.names = names
        self.entries = entries
    }

    /// The partner's name for pages, or its slug when the index was built without partners.
    public func name(of slug: String) -> String { names[slug] ?? slug }

    public var flowCount: Int { agreements.reduce(0) { $0 + $1.flows.count } }

    /// Whether an in-force flow lets `holder` share `category` with
    /// `recipient` for `purpose` on `day`, and if not, why not.
    public func coverage(from holder: String, to recipient: String, category: DataCategory,
                         purpose: Purpose, on day: CalendarDate) -> Coverage {
        coverage(from: holder, to: recipient, recipientID: partnerIDs[recipient], category: category,
                 purpose: purpose, dayNumber: day.dayNumber)
    }

    func partnerID(_ slug: String) -> Int32? { partnerIDs[slug] }

    /// The hot path: the recipient's id is looked up once per request.
    func coverage(from holder: String, to recipient: String, recipientID: Int32?, category: DataCategory,
                  purpose: Purpose, dayNumber: Int) -> Coverage {
        guard let recipientID, let holderID = partnerIDs[holder],
              let candidates = entries[Self.key(holderID, recipientID, category, purpose)] else {
            return .uncovered(noAgreement(holder, recipient, category, purpose))
        }
        // Nearest miss, for the explanation: lower rank is closer to permitting.
        var best: (rank: Int, entry: Entry)?
        for entry in candidates {
            let rank: Int
            if !entry.lawful {
                rank = 4
            } else {
                switch entry.status {
                case .approved:
                    if entry.inForceFrom <= dayNumber {
                        return .covered(clause(entry, holder, recipient, category, purpose))
                    }
                    rank = 0
                case .suspended: rank = 1
                case .withdrawn:
                    // Notice period: withdrawn while in force, it shares until the withdrawal takes effect.
                    if agreements[Int(entry.agreement)].isInForce(on: CalendarDate(dayNumber: dayNumber)) {
                        return .covered(clause(entry, holder, recipient, category, purpose))
                    }
                    rank = 2
                case .draft, .forApproval: rank = 3
                }
            }
            if best == nil || rank < best!.rank { best = (rank, entry) }
        }
        guard let best else { return .uncovered(noAgreement(holder, recipient, category, purpose)) }
        return .uncovered(nearMiss(best.entry, holder, recipient, category, purpose))
    }

    private static func key(_ from: Int32, _ to: Int32, _ category: DataCategory, _ purpose: Purpose) -> UInt64 {
        // 24 bits per partner id (far more partners than any partnership has),
        // 8 each for category and purpose.
        UInt64(UInt32(bitPattern: from) & 0xFF_FFFF) << 40 | UInt64(UInt32(bitPattern: to) & 0xFF_FFFF) << 16
            | UInt64(category.ordinal) << 8 | UInt64(purpose.ordinal)
    }

    private func clause(_ entry: Entry, _ holder: String, _ recipient: String, _ category: DataCategory,
                        _ purpose: Purpose) -> Clause {
        let agreement = agreements[Int(entry.agreement)]
        return Clause(authority: .agreementFlow, holder: holder, holderName: name(of: holder),
                      recipient: recipient, recipientName: name(of: recipient), category: category,
                      purpose: .agreed(purpose), agreement: agreement.title, flowNumber: Int(entry.flow) + 1,
                      flow: agreement.flows[Int(entry.flow)])
    }

    private func askHolder(_ holder: String) -> String {
        "Ask \(name(of: holder)) for access (request and response): they decide."
    }

    private func noAgreement(_ holder: String, _ recipient: String, _ category: DataCategory,
                             _ purpose: Purpose) -> Denial {
        Denial(code: .noAgreement,
               description: "No agreement lets \(name(of: holder)) share \(category.label.lowercased()) with "
                   + "\(name(of: recipient)) for \(AccessPurpose.agreed(purpose).label). " + askHolder(holder),
               nextStep: .requestAccess(holder: holder))
    }

    private func nearMiss(_ entry: Entry, _ holder: String, _ recipient: String, _ category: DataCategory,
                          _ purpose: Purpose) -> Denial {
        let agreement = agreements[Int(entry.agreement)]
        let title = agreement.title
        let ask = askHolder(holder)
        if !entry.lawful {
            let missing = category.isSpecialCategory && agreement.flows[Int(entry.flow)].art9 == nil
                ? "an Art 9 condition" : "an Art 10 condition"
            return Denial(code: .noLawfulCondition,
                          description: "\(title), flow \(entry.flow + 1) names \(category.label.lowercased()) but not "
                              + "\(missing), so it cannot lawfully carry it: the DPO should correct the agreement. " + ask,
                          nextStep: .requestAccess(holder: holder))
        }
        switch entry.status {
        case .approved:
            return Denial(code: .agreementNotYetInForce,
                          description: "\(title) covers this only from \(agreement.inForceFrom). " + ask,
                          nextStep: .requestAccess(holder: holder))
        case .suspended:
            return Denial(code: .agreementSuspended,
                          description: "\(title) covers this but is suspended: nothing is shared under it "
                              + "until the partnership lifts the suspension. " + ask,
                          nextStep: .requestAccess(holder: holder))
        case .withdrawn:
            return Denial(code: .agreementWithdrawn,
                          description: "\(title) covered this but has been withdrawn: nothing new is shared under it. " + ask,
                          nextStep: .requestAccess(holder: holder))
        case .draft, .forApproval:
            return Denial(code: .agreementNotApproved,
                          description: "\(title) would cover this but is \(agreement.status.rawValue), "
                              + "not approved: it permits nothing yet. " + ask,
                          nextStep: .requestAccess(holder: holder))
        }
    }
}
