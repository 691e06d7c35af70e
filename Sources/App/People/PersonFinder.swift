import Foundation
import LanternDomain
import Policy
import SQLKit
import Storage
import Vapor

struct SearchQuery: Content {
    var name: String?
    var born: String?
}

/// One person a search found, as the caller may see them: only from the
/// records the access decision lets through, naming only those partners.
struct SearchRow: Content, Equatable {
    var personID: UUID
    var displayName: String
    var dateOfBirth: String?
    var postcode: String?
    /// The partners whose records the caller may see.
    var partners: [String]
    var partnerCount: Int
}

struct SearchProblem: Error {
    var description: String
}

struct SearchResult: Content {
    var searched: Bool
    var results: [SearchRow]
    var problem: String?
    /// For a practitioner who typed an exact name and date of birth: how many
    /// further people partners hold that the caller may not see, never which
    /// partners hold them (naming a domestic-abuse service discloses the abuse).
    var furtherMatches: Int?
    /// The line to show for ``furtherMatches``.
    var furtherMatchesLine: String?
    /// Where to ask for access to each further match.
    var requestAccessPaths: [String]?

    init(searched: Bool, results: [SearchRow], problem: String? = nil) {
        self.searched = searched
        self.results = results
        self.problem = problem
    }
}

/// Everything the person page shows, as plain values (no database types).
struct PersonPage: Content {
    struct Record: Codable {
        var partner: String
        var partnerName: String
        var recordID: String
        var version: Int
        var name: String
        var dateOfBirth: String?
        var sex: String?
        var address: String?
        var nhsNumber: String?
        /// The person says it is wrong; its partner is asked to correct it.
        var disputed = false
    }
    struct Event: Codable {
        var partner: String
        var dataCategoryCode: String
        var partnerName: String
        var category: String
        var dataCategory: String
        var role: String
        var occurredOn: String
        var summary: String?
        var isOpinion: Bool
        var opinionBasis: String?
        var version: Int
        var recordID: String
        var historyPath: String
        var disputed = false
    }
    /// A service working (or that worked) with the person.
    struct Involvement: Codable {
        var partner: String
        var partnerName: String
        var service: String
        var workType: String
        var worker: String?
        var role: String?
        var contact: String?
        var since: String
        var until: String?
        var lead: Bool
        var recordID: String
        var historyPath: String
        var disputed = false
    }
    var personID: UUID
    var displayName: String
    var dateOfBirth: String?
    var partnerCount: Int
    var records: [Record]
    var events: [Event]
    var involvements: [Involvement]
    var household: HouseholdView?
    /// What the viewer may not see, in words ("3 further items held by 2 partners: request access").
    var accessSummary: String?
    /// Partners that know the person only through an encoded match (shown only with the person).
    var knownToPartners: [KnownToPartner] = []

    /// Every item on the page as the access decision sees it: records are
    /// identity data, events their category's data.
    var heldItems: [HeldItem] {
        records.map { HeldItem(heldBy: $0.partner, category: .identity) }
            + events.map { HeldItem(heldBy: $0.partner, category: DataCategory(rawValue: $0.dataCategoryCode) ?? .crime) }
            + involvements.map { HeldItem(heldBy: $0.partner, category: .involvement) }
    }

    /// The page with only what `decision` shows; the household is shown only
    /// when the viewer may see this person's identity at all.
    func showing(_ decision: RecordDecision) -> PersonPage {
        var page = self
        let visible = Set(decision.visibleIndices)
        page.records = records.indices.filter { visible.contains($0) }.map { records[$0] }
        page.events = events.indices.filter { visible.contains(records.count + $0) }.map { events[$0] }
        page.involvements = involvements.indices.filter { visible.contains(records.count + events.count + $0) }.map { involvements[$0] }
        if let shown = page.records.first {
            // The name as a partner the viewer may see holds it, not as the first record found
            // (another partner's spelling, or a former name, is that partner's to share).
            page.displayName = shown.name
            page.dateOfBirth = shown.dateOfBirth ?? page.records.compactMap(\.dateOfBirth).first
        } else {
            page.displayName = "Name withheld"
            page.dateOfBirth = nil
            page.household = nil
        }
        page.accessSummary = decision.summary
        return page
    }
}

/// The queries behind the search and person page, apart from their rendering.
struct PersonFinder {
    let database: any SQLDatabase

    /// What a search asked for, once the query is understood.
    struct Search {
        var name: String
        var born: CalendarDate?
        var matches: [PersonMatch]
    }

    /// Every person whose records match, before any decision: callers must
    /// pass the result through ``PersonSearch`` before showing a thing.
    func search(_ query: SearchQuery) async throws -> Result<Search, SearchProblem>? {
        let name = query.name?.trimmingCharacters(in: .whitespaces) ?? ""
        let bornText = query.born?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !name.isEmpty else { return nil }
        var born: CalendarDate?
        if !bornText.isEmpty {
            guard let date = CalendarDate(parsing: bornText) else {
                return .failure(SearchProblem(description: "Enter the date of birth as DD/MM/YYYY, for example 14/03/1985."))
            }
            born = date
        }
        let matches = try await PeopleRepository(database: database).search(name: name, born: born)
        return .success(Search(name: name, born: born, matches: matches))
    }

    func personPage(_ id: UUID) async throws -> PersonPage? {
        let people = PeopleRepository(database: database)
        let records = try await people.sourceRecords(of: id)
        guard let first = records.first else { return nil }
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: database).partners()
            .map { ($0.slug, $0.name) })
        let events = try await people.events(about: records)
        let household = try await HouseholdRepository(database: database).household(of: id)
        let involvements = try await CaseworkRepository(database: database).involvements(with: [id])
        // Disputed wherever the record shows: the person page, the API, the household timeline and the pack.
        let disputed = Set(try await DisputeRepository(database: database).open(about: [id]).map { "\($0.partner) \($0.item)" })
        return PersonPage(
            personID: id, displayName: "\(first.givenNames) \(first.familyName)", dateOfBirth: first.dateOfBirth,
            partnerCount: Set(records.map(\.partner)).count,
            records: records.map { record in
                PersonPage.Record(
                    partner: record.partner, partnerName: names[record.partner] ?? record.partner,
                    recordID: record.recordID, version: record.version,
                    name: "\(record.givenNames) \(record.familyName)", dateOfBirth: record.dateOfBirth,
                    sex: record.sex, address: [record.addressLine, record.postcode].compactMap { $0 }.joined(separator: ", "),
                    nhsNumber: record.nhsNumber, disputed: disputed.contains("\(record.partner) person:\(record.recordID)"))
            },
            events: events.map { event in
                PersonPage.Event(
                    partner: event.partner, dataCategoryCode: event.dataCategory,
                    partnerName: names[event.partner] ?? event.partner,
                    category: EventCategory(rawValue: event.category)?.label ?? event.category,
                    dataCategory: DataCategory(rawValue: event.dataCategory)?.label ?? event.dataCategory,
                    role: event.role, occurredOn: event.occurredOn, summary: event.summary,
                    isOpinion: event.nature == "opinion", opinionBasis: event.opinionBasis, version: event.version,
                    recordID: event.recordID, historyPath: RecordPath.history(of: .events, partner: event.partner, record: event.recordID),
                    disputed: disputed.contains("\(event.partner) event:\(event.recordID)"))
            },
            involvements: involvements.sorted { $0.startedOn > $1.startedOn }.map { involvement in
                PersonPage.Involvement(
                    partner: involvement.partner, partnerName: names[involvement.partner] ?? involvement.partner,
                    service: involvement.service, workType: WorkType(rawValue: involvement.workType)?.label ?? involvement.workType,
                    worker: involvement.workerName, role: involvement.workerRole, contact: involvement.contact,
                    since: involvement.startedOn, until: involvement.endedOn, lead: involvement.leadProfessional,
                    recordID: involvement.recordID,
                    historyPath: RecordPath.history(of: .involvements, partner: involvement.partner, record: involvement.recordID),
                    disputed: disputed.contains("\(involvement.partner) involvement:\(involvement.recordID)"))
            },
            household: household, accessSummary: nil)
    }
}
