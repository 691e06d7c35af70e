import Foundation
import LanternDomain
import Storage
import Vapor

/// A partner by slug and name, for pages.
struct NamedPartner: Content {
    var slug: String
    var name: String
}

/// One line of the agreements list (and its JSON).
struct AgreementRow: Content {
    var id: UUID
    var title: String
    var owner: String
    var ownerName: String
    var status: String
    var statusLabel: String
    var version: Int
    var inForceFrom: String
    var reviewDue: String
    var reviewOverdue: Bool
    var inForceToday: Bool
    /// The first day nothing new is shared, once notice of withdrawal is given.
    var sharingEnds: String?

    init(_ stored: StoredAgreement, names: [String: String], today: CalendarDate) {
        let agreement = stored.agreement
        id = stored.id
        title = agreement.title
        owner = agreement.owner
        ownerName = names[agreement.owner] ?? agreement.owner
        status = agreement.status.rawValue
        statusLabel = agreement.status.label
        version = stored.version
        inForceFrom = agreement.inForceFrom.description
        reviewDue = agreement.reviewDue.description
        // A withdrawn agreement is not reviewed; it ends.
        reviewOverdue = agreement.status != .withdrawn && agreement.isReviewOverdue(on: today)
        inForceToday = agreement.isInForce(on: today)
        sharingEnds = agreement.withdrawal?.effectiveOn.description
    }
}

/// One flow as the agreement page shows it.
struct FlowView: Content {
    var number: Int
    var from: String
    var fromName: String
    var to: [String]
    var categories: [String]
    var purposes: [String]
    var art6: String
    var art9: String?
    var art10: String?
    var statutes: [String]
    var format: String
}

/// One kept version of an agreement.
struct VersionView: Content {
    var version: Int
    var change: String
    var status: String
    var changedBy: String
    var changedByName: String
    var changedAt: String
    var reason: String
}

/// What the withdrawing partner shared that another partner may hold, for
/// return or destruction: counts by recipient.
struct ReturnRow: Content {
    var recipient: String
    var recipientName: String
    var categories: [String]
    var sourceRecords: Int
    var involvements: Int
    var events: Int

    /// Rows for every partner the withdrawing partner's flows name as a recipient.
    static func rows(for agreement: Agreement, holdings: PartnerHoldings, names: [String: String]) -> [ReturnRow] {
        var shared: [String: Set<DataCategory>] = [:]
        for flow in agreement.flows where flow.from == holdings.partner {
            for recipient in flow.to { shared[recipient, default: []].formUnion(flow.categories) }
        }
        return shared.keys.sorted().map { recipient in
            let categories = shared[recipient]!
            return ReturnRow(
                recipient: recipient, recipientName: names[recipient] ?? recipient,
                categories: DataCategory.allCases.filter(categories.contains).map(\.label),
                sourceRecords: categories.contains(.identity) ? holdings.sourceRecords : 0,
                involvements: categories.contains(.involvement) ? holdings.involvements : 0,
                events: categories.reduce(0) { $0 + (holdings.eventsByCategory[$1] ?? 0) })
        }
    }
}

/// Everything the agreement page shows (and its JSON).
struct AgreementDetail: Content {
    var summary: AgreementRow
    var approvedBy: String?
    var approvedOn: String?
    var signatories: [NamedPartner]
    var flows: [FlowView]
    var oversight: [OversightContact]
    var withdrawingPartner: String?
    var noticeGivenOn: String?
    var returns: [ReturnRow]
    var history: [VersionView]
    /// The changes the lifecycle allows next.
    var choices: [String]

    init(_ stored: StoredAgreement, history: [AgreementVersion], holdings: PartnerHoldings?, names: [String: String],
         today: CalendarDate) {
        let agreement = stored.agreement
        func name(_ slug: String) -> String { names[slug] ?? slug }
        summary = AgreementRow(stored, names: names, today: today)
        approvedBy = agreement.approvedBy
        approvedOn = agreement.approvedOn?.description
        signatories = agreement.signatories.map { NamedPartner(slug: $0, name: name($0)) }
        flows = agreement.flows.enumerated().map { index, flow in
            FlowView(number: index + 1, from: flow.from, fromName: name(flow.from), to: flow.to.map(name),
                     categories: flow.categories.map(\.label), purposes: flow.purposes.map(\.plainLabel),
                     art6: flow.art6.plainLabel, art9: flow.art9?.plainLabel, art10: flow.art10?.plainLabel,
                     statutes: flow.statutes, format: flow.format.plainLabel)
        }
        oversight = agreement.oversight
        withdrawingPartner = agreement.withdrawal.map { name($0.partner) }
        noticeGivenOn = agreement.withdrawal?.noticeGivenOn.description
        returns = holdings.map { ReturnRow.rows(for: agreement, holdings: $0, names: names) } ?? []
        var versions = history.map { version in
            VersionView(version: version.version, change: version.change, status: version.agreement.status.label,
                        changedBy: version.changedBy, changedByName: version.changedByName,
                        changedAt: GovernanceTime.text(version.changedAt), reason: version.reason)
        }
        if versions.isEmpty {
            // Never changed in Lantern: the one version is the one loaded.
            versions = [VersionView(version: stored.version, change: "loaded", status: agreement.status.label,
                                    changedBy: "partnership", changedByName: "Loaded from the partnership description",
                                    changedAt: GovernanceTime.text(stored.updatedAt), reason: "the agreement as first loaded into Lantern")]
        }
        self.history = versions
        choices = AgreementLifecycle.choices(from: agreement.status)
    }
}
