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
    struct Record: Codable { var partner: String; var recordID: String; var name: String; var dateOfBirth: String?; var address: String? }
    struct Event: Codable {
        var partner: String; var category: String; var role: String; var occurredOn: String
        var summary: String?; var isOpinion: Bool; var opinionBasis: String?
    }
    struct Involvement: Codable { var partner: String; var service: String; var workType: String; var worker: String?; var since: String; var until: String? }
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
    var redactions: Int
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
        let redaction = ThirdPartyRedaction(thirdParties: others, subject: page.displayName)
        var redactions = 0
        func redact(_ text: String?) -> String? {
            guard let text else { return nil }
            let (clean, count) = redaction.redact(text)
            redactions += count
            return clean
        }
        let events = page.events.map { event in
            DisclosurePack.Event(partner: event.partnerName, category: event.category, role: event.role, occurredOn: event.occurredOn,
                                 summary: redact(event.summary), isOpinion: event.isOpinion, opinionBasis: redact(event.opinionBasis))
        }
        return DisclosurePack(
            reference: request.reference, subject: page.displayName, dateOfBirth: page.dateOfBirth,
            generatedOn: CalendarDate.today(at: Date()).description, law: request.regimes.map(\.label).joined(separator: " and "),
            records: page.records.map { .init(partner: $0.partnerName, recordID: $0.recordID, name: $0.name, dateOfBirth: $0.dateOfBirth, address: $0.address) },
            events: events,
            involvements: page.involvements.map { .init(partner: $0.partnerName, service: $0.service, workType: $0.workType, worker: $0.worker, since: $0.since, until: $0.until) },
            disclosures: try await disclosures(of: request.personID),
            sources: try await sources(Set(page.records.map(\.partner))), redactions: redactions, rights: DisclosurePack.rightsText)
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
