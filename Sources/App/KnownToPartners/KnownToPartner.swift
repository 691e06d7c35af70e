import Foundation
import LanternDomain
import Policy
import Storage

/// A partner that knows a person only through an encoded match, as the person page and its
/// API show it: the partner's name and that it was matched, never a name, date or record of
/// the partner's, until the partner answers a disclosure request.
struct KnownToPartner: Codable, Equatable, Sendable {
    var partner: String
    var partnerName: String
    var line: String
    /// The caller's own latest request to this partner about the person, if any.
    var request: Request?
    /// Whether the caller may ask now (a practitioner, with no request waiting).
    var mayAsk: Bool

    struct Request: Codable, Equatable, Sendable {
        var status: String
        /// The answer in words: waiting, the disclosed note and contact, or the reason for declining.
        var line: String
        var involvementNote: String?
        var contact: String?
    }

    /// The fact "partner X knows this person" as the access decision sees it: an item X
    /// holds about the person, about its involvement with them. Who a domestic abuse service,
    /// a GP federation or a drug service works with is that partner's own information, so
    /// the fact shows only to those X's agreement flows carry involvement to, for their
    /// purpose, like the team around the person.
    static func heldItem(heldBy partner: String) -> HeldItem {
        HeldItem(heldBy: partner, category: .involvement)
    }

    static func line(partnerName: String) -> String {
        "Also known to \(partnerName) (matched by encoded linkage; no details shared)."
    }

    /// The partners known through matches, one each, in name order, with the caller's own
    /// latest request to each. Pure: the caller has already been let see the person, and
    /// `matches` holds only the partners the access decision lets them be told of.
    static func list(matches: [StoredEncodedMatch], partnerNames: [String: String], ownRequests: [StoredPartnerDisclosure],
                     mayAsk: Bool) -> [KnownToPartner] {
        Set(matches.map(\.partner)).map { partner in
            let name = partnerNames[partner] ?? partner
            let latest = ownRequests.filter { $0.partner == partner }.max { $0.requestedAt < $1.requestedAt }
            return KnownToPartner(partner: partner, partnerName: name, line: line(partnerName: name),
                                  request: latest.map { shown($0, partnerName: name) },
                                  mayAsk: mayAsk && latest?.status != .pending)
        }.sorted { ($0.partnerName, $0.partner) < ($1.partnerName, $1.partner) }
    }

    static func shown(_ request: StoredPartnerDisclosure, partnerName: String) -> Request {
        switch request.status {
        case .pending:
            Request(status: "waiting", line: "You asked \(partnerName) to disclose its involvement; no answer yet.")
        case .disclosed:
            Request(status: "disclosed", line: "\(partnerName) disclosed its involvement:",
                    involvementNote: request.involvementNote, contact: request.contact)
        case .declined:
            Request(status: "declined", line: "\(partnerName) declined to disclose: \(request.answerReason ?? "no reason given")")
        }
    }

    /// The purposes a disclosure may be asked for: a practitioner's own.
    static let purposes: [Purpose] = [.holisticView, .joiningCaseloads, .riskPanels]
}
