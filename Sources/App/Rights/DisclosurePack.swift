import Foundation
import LanternDomain
import Policy
import Storage
import Vapor

/// What a subject access request discloses: everything the partnership holds
/// about the subject, other people's names withheld by default, who has seen
/// it, where it came from and why, and the person's rights. Served as a
/// self-contained printable page and as JSON for portability.
struct DisclosurePack: Content {
    /// `withheld` is the exemption's marker when the holding partner withheld the item;
    /// `disputed` when the person said it is wrong and its partner has not yet corrected it.
    struct Record: Codable {
        var partner: String; var recordID: String; var name: String; var dateOfBirth: String?; var address: String?
        var withheld: String?; var disputed: Bool
    }
    struct Event: Codable {
        var partner: String; var category: String; var role: String; var occurredOn: String
        var summary: String?; var isOpinion: Bool; var opinionBasis: String?
        var withheld: String?; var disputed: Bool
    }
    struct Involvement: Codable {
        var partner: String; var service: String; var workType: String; var worker: String?; var since: String; var until: String?
        var withheld: String?; var disputed: Bool
    }
    /// Each holding partner's review of its items: until every one is done, the pack is a draft.
    struct Review: Codable { var partner: String; var state: String }
    /// How many items or mentions were withheld under each exemption.
    struct ExemptionUse: Codable { var citation: String; var count: Int }
    /// One time the subject's information was read or sent: by which partner, role and purpose.
    struct Disclosure: Codable { var on: String; var partner: String; var role: String; var purpose: String; var what: String }
    struct Source: Codable { var partner: String; var purposes: [String] }

    var reference: String
    var subject: String
    var dateOfBirth: String?
    var generatedOn: String
    var law: String
    var records: [Record]
    var events: [Event]
    var involvements: [Involvement]
    var disclosures: [Disclosure]
    var sources: [Source]
    /// Mentions of other people withheld by default (Sch 2 para 16).
    var redactions: Int
    /// Whole items withheld by their holding partner under an exemption.
    var withheldItems: Int
    var exemptions: [ExemptionUse]
    var reviews: [Review]
    /// Some holding partner has not finished its review: not yet for sending.
    var draft: Bool
    var rights: [String]

    static let rightsText = [
        "You may ask for a copy of the information held about you (UK GDPR Art 15; DPA 2018 s45 for law-enforcement processing).",
        "You may ask for information that is wrong to be corrected (Art 16), for its use to be restricted (Art 18), to object to its use (Art 21), and in some cases for it to be erased (Art 17).",
        "Some information may be withheld where the law allows, for example to protect other people (DPA 2018 Sch 2 para 16) or the prevention or detection of crime (Sch 2 para 2); where information was withheld this pack says so.",
        "You may complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113) if you are unhappy with how your request was handled.",
    ]
}

/// Builds a pack for one open access request whose requester's identity is settled.
struct DisclosurePackBuilder {
    let req: Request

    func build(_ request: StoredRightsRequest) async throws -> DisclosurePack {
        let sql = try req.sql()
        guard let page = try await PersonFinder(database: sql).personPage(request.personID)?
            .decided(for: req, resource: "rights-request-pack") else { throw Abort(.notFound, reason: "the subject is no longer held") }
        let household = try await HouseholdRepository(database: sql).household(of: request.personID)
        let others = household?.members.filter { $0.personID != request.personID }.map(\.name) ?? []
        let review = RightsReviewRepository(database: sql)
        let withheld = Dictionary(try await review.redactions(of: request.id).map { ("\($0.redaction.holder) \($0.redaction.item)", $0.redaction.exemption) },
                                  uniquingKeysWith: { first, _ in first })
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: sql).partners().map { ($0.slug, $0.name) })
        let reviews = try await review.reviews(of: request.id)
        var passages: [String: [Passage]] = [:]
        for decision in try await RightsReviewTaskRepository(database: sql).decisions(of: request.id) where decision.choice == .redact {
            if let words = decision.passage, let exemption = decision.exemption {
                passages["\(decision.partner) \(decision.item)", default: []].append(Passage(words: words, exemption: exemption))
            }
        }
        return Self.assemble(request: request, page: page, thirdParties: others, withheld: withheld, passages: passages,
                             reviews: reviews, partnerNames: names,
                             disclosures: try await disclosures(of: request.personID),
                             sources: try await sources(Set(page.records.map(\.partner))), today: CalendarDate.today(at: Date()))
    }

    /// The pack from what was read: third parties' names withheld by default,
    /// each item a holding partner withheld replaced by its exemption's marker.
    /// Words a holding partner redacted from one of its items, under an exemption.
    struct Passage: Hashable { var words: String; var exemption: Exemption }

    static func assemble(request: StoredRightsRequest, page: PersonPage, thirdParties: [String], withheld: [String: Exemption],
                         passages: [String: [Passage]] = [:], reviews: [StoredRightsReview], partnerNames: [String: String], disclosures: [DisclosurePack.Disclosure],
                         sources: [DisclosurePack.Source], today: CalendarDate) -> DisclosurePack {
        let redaction = ThirdPartyRedaction(thirdParties: thirdParties, subject: page.displayName)
        var redactions = 0
        var uses: [Exemption: Int] = [:]
        var itemsWithheld = 0
        /// The holding partner's own redactions of `key`'s text, each replaced by its exemption's marker.
        func passagesRedacted(_ text: String?, _ key: String) -> String? {
            guard var text else { return nil }
            for passage in passages[key] ?? [] where text.range(of: passage.words, options: .caseInsensitive) != nil {
                text = text.replacingOccurrences(of: passage.words, with: passage.exemption.marker, options: .caseInsensitive)
                uses[passage.exemption, default: 0] += 1
            }
            return text
        }
        func redact(_ text: String?, _ key: String = "") -> String? {
            guard let text = passagesRedacted(text, key) else { return nil }
            let (clean, count) = redaction.redact(text)
            redactions += count
            return clean
        }
        func exemption(_ partner: String, _ item: String) -> Exemption? {
            guard let exemption = withheld["\(partner) \(item)"] else { return nil }
            uses[exemption, default: 0] += 1
            itemsWithheld += 1
            return exemption
        }
        let records = page.records.map { record in
            if let exemption = exemption(record.partner, "person:\(record.recordID)") {
                return DisclosurePack.Record(partner: record.partnerName, recordID: record.recordID, name: exemption.marker, dateOfBirth: nil,
                                             address: nil, withheld: exemption.marker, disputed: record.disputed)
            }
            return DisclosurePack.Record(partner: record.partnerName, recordID: record.recordID, name: record.name, dateOfBirth: record.dateOfBirth,
                                         address: passagesRedacted(record.address, "\(record.partner) person:\(record.recordID)"),
                                         withheld: nil, disputed: record.disputed)
        }
        let events = page.events.map { event in
            if let exemption = exemption(event.partner, "event:\(event.recordID)") {
                // Neither its kind nor its day: either may be what prejudices (an investigation, a witness).
                return DisclosurePack.Event(partner: event.partnerName, category: exemption.marker, role: "", occurredOn: "",
                                            summary: nil, isOpinion: false, opinionBasis: nil, withheld: exemption.marker, disputed: event.disputed)
            }
            return DisclosurePack.Event(partner: event.partnerName, category: event.category, role: event.role, occurredOn: event.occurredOn,
                                        summary: redact(event.summary, "\(event.partner) event:\(event.recordID)"), isOpinion: event.isOpinion,
                                        opinionBasis: redact(event.opinionBasis, "\(event.partner) event:\(event.recordID)"),
                                        withheld: nil, disputed: event.disputed)
        }
        // Practitioners' names stay: professionals acting in their role are not withheld by default (ICO, social work data).
        let involvements = page.involvements.map { involvement in
            if let exemption = exemption(involvement.partner, "involvement:\(involvement.recordID)") {
                return DisclosurePack.Involvement(partner: involvement.partnerName, service: exemption.marker, workType: "", worker: nil,
                                                  since: "", until: nil, withheld: exemption.marker, disputed: involvement.disputed)
            }
            return DisclosurePack.Involvement(partner: involvement.partnerName, service: involvement.service, workType: involvement.workType,
                                              worker: passagesRedacted(involvement.worker, "\(involvement.partner) involvement:\(involvement.recordID)"), since: involvement.since, until: involvement.until,
                                              withheld: nil, disputed: involvement.disputed)
        }
        if redactions > 0 { uses[.thirdParty, default: 0] += redactions }
        let reviewLines = reviews.map { review in
            DisclosurePack.Review(partner: partnerNames[review.partner] ?? review.partner,
                                  state: review.status == .done ? "Reviewed by \(review.reviewerName ?? "the partner")" : "Review not finished")
        }
        return DisclosurePack(
            reference: request.reference, subject: page.displayName, dateOfBirth: page.dateOfBirth,
            generatedOn: today.description, law: request.regimes.map(\.label).joined(separator: " and "),
            records: records, events: events, involvements: involvements, disclosures: disclosures, sources: sources,
            redactions: redactions, withheldItems: itemsWithheld,
            exemptions: Exemption.allCases.compactMap { exemption in uses[exemption].map { .init(citation: exemption.citation, count: $0) } },
            reviews: reviewLines, draft: reviews.isEmpty || reviews.contains { $0.status == .open }, rights: DisclosurePack.rightsText)
    }

    /// Who read or was sent the subject's information, from the audit ledger:
    /// partner, role and purpose, never the individual's name.
    private func disclosures(of person: UUID) async throws -> [DisclosurePack.Disclosure] {
        let lines = try await AuditQueryRepository(database: try req.sql()).about(subject: "person:\(person.uuidString)", limit: 5_000)
            .filter { ["permit", "permit_with_masking"].contains($0.decision) && ["read", "access_decision", "export"].contains($0.action) }
        let users = UserRepository(database: try req.sql())
        var roles: [String: String] = [:]
        for actor in Set(lines.map(\.actor)) {
            if let id = UUID(uuidString: actor), let user = try await users.find(id: id) {
                roles[actor] = user.roles.compactMap(Role.init(rawValue:)).map(\.label).joined(separator: ", ")
            } else {
                roles[actor] = "automated process"
            }
        }
        return lines.map { line in
            DisclosurePack.Disclosure(on: GovernanceTime.text(millis: line.atMillis), partner: line.partner, role: roles[line.actor] ?? "",
                                      purpose: line.purpose, what: line.resource.split(separator: " ").first.map(String.init) ?? "")
        }
    }

    private func sources(_ holders: Set<String>) async throws -> [DisclosurePack.Source] {
        let partnership = PartnershipRepository(database: try req.sql())
        let names = Dictionary(uniqueKeysWithValues: try await partnership.partners().map { ($0.slug, $0.name) })
        let agreements = try await partnership.agreements().filter { $0.status == .approved }
        return holders.sorted().map { holder in
            let purposes = Set(agreements.flatMap(\.flows).filter { $0.from == holder }.flatMap(\.purposes).map(\.rawValue))
            return DisclosurePack.Source(partner: names[holder] ?? holder, purposes: purposes.sorted())
        }
    }
}
