import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

struct SearchQuery: Content {
    var name: String?
    var born: String?
}

struct SearchResult: Content {
    var searched: Bool
    var results: [PersonMatch]
    var problem: String?
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
    }
    struct Event: Codable {
        var partnerName: String
        var category: String
        var dataCategory: String
        var role: String
        var occurredOn: String
        var summary: String?
        var isOpinion: Bool
        var opinionBasis: String?
        var version: Int
    }
    var personID: UUID
    var displayName: String
    var dateOfBirth: String?
    var partnerCount: Int
    var records: [Record]
    var events: [Event]
    var household: HouseholdView?
}

/// The queries behind the search and person page, apart from their rendering.
struct PersonFinder {
    let database: any SQLDatabase

    func search(_ query: SearchQuery) async throws -> SearchResult {
        let name = query.name?.trimmingCharacters(in: .whitespaces) ?? ""
        let bornText = query.born?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !name.isEmpty else { return SearchResult(searched: false, results: []) }
        var born: CalendarDate?
        if !bornText.isEmpty {
            guard let date = CalendarDate(parsing: bornText) else {
                return SearchResult(searched: false, results: [], problem: "Enter the date of birth as DD/MM/YYYY, for example 14/03/1985.")
            }
            born = date
        }
        let results = try await PeopleRepository(database: database).search(name: name, born: born)
        return SearchResult(searched: true, results: results)
    }

    func personPage(_ id: UUID) async throws -> PersonPage? {
        let people = PeopleRepository(database: database)
        let records = try await people.sourceRecords(of: id)
        guard let first = records.first else { return nil }
        let names = Dictionary(uniqueKeysWithValues: try await PartnershipRepository(database: database).partners()
            .map { ($0.slug, $0.name) })
        let events = try await people.events(about: records)
        let household = try await HouseholdRepository(database: database).household(of: id)
        return PersonPage(
            personID: id, displayName: "\(first.givenNames) \(first.familyName)", dateOfBirth: first.dateOfBirth,
            partnerCount: Set(records.map(\.partner)).count,
            records: records.map { record in
                PersonPage.Record(
                    partner: record.partner, partnerName: names[record.partner] ?? record.partner,
                    recordID: record.recordID, version: record.version,
                    name: "\(record.givenNames) \(record.familyName)", dateOfBirth: record.dateOfBirth,
                    sex: record.sex, address: [record.addressLine, record.postcode].compactMap { $0 }.joined(separator: ", "),
                    nhsNumber: record.nhsNumber)
            },
            events: events.map { event in
                PersonPage.Event(
                    partnerName: names[event.partner] ?? event.partner,
                    category: EventCategory(rawValue: event.category)?.label ?? event.category,
                    dataCategory: DataCategory(rawValue: event.dataCategory)?.label ?? event.dataCategory,
                    role: event.role, occurredOn: event.occurredOn, summary: event.summary,
                    isOpinion: event.nature == "opinion", opinionBasis: event.opinionBasis, version: event.version)
            },
            household: household)
    }
}
