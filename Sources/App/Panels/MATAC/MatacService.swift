import Foundation
import LanternDomain
import SQLKit
import Storage

/// Reads what the MATAC score needs from the store and scores people under
/// the weights in force: the list proposed to the panel, or one person.
///
/// The store is read fresh each time: the list is asked for once a month
/// per panel, not on every page, so it needs no cache.
struct MatacService: Sendable {
    let sql: any SQLDatabase

    var repository: MatacRepository { MatacRepository(database: sql) }

    /// The weights in force: the newest saved version, else the standard ones.
    func weights() async throws -> MatacWeights {
        guard let saved = try await repository.latestWeights() else { return .standard }
        return try JSONDecoder().decode(MatacWeights.self, from: Data(saved.json.utf8))
    }

    /// Every person's counted events with victims linked, from the earliest
    /// day either the score or the serial rule looks at.
    func events(of people: [UUID]?, weights: MatacWeights, on day: CalendarDate) async throws -> [UUID: [MatacEvent]] {
        let since = day.adding(days: -max(weights.lookBackDays, weights.serial.withinDays) - weights.pairingDays)
        let facts = try await repository.events(categories: weights.gravity.map(\.category), roles: weights.roles,
                                                since: since.description, people: people)
        var byPerson: [UUID: [MatacEvent]] = [:]
        for fact in facts {
            guard let occurred = CalendarDate(parsing: fact.occurredOn) else { continue }
            byPerson[fact.person, default: []].append(MatacEvent(eventID: "\(fact.partner)/\(fact.recordID)", partner: fact.partner,
                                                                 category: fact.category, role: fact.role, occurredOn: occurred))
        }
        let connected = try await repository.connectedPeople(to: Array(byPerson.keys))
        let others = Array(Set(connected.values.flatMap { $0 }))
        var victimEvents: [UUID: [MatacVictimLinking.VictimEvent]] = [:]
        for (victim, occurred) in try await repository.victimEvents(of: others, since: since.description) {
            guard let day = CalendarDate(parsing: occurred) else { continue }
            victimEvents[victim, default: []].append(.init(victim: victim.uuidString, occurredOn: day))
        }
        return byPerson.reduce(into: [:]) { result, entry in
            let candidates = (connected[entry.key] ?? []).flatMap { victimEvents[$0] ?? [] }
            result[entry.key] = MatacVictimLinking.link(entry.value, person: entry.key.uuidString, victimEvents: candidates,
                                                        pairingDays: weights.pairingDays)
        }
    }

    /// The proposed list, highest score first.
    func list(on day: CalendarDate, limit: Int) async throws -> (weights: MatacWeights, entries: [(person: UUID, score: MatacScore)]) {
        let weights = try await weights()
        let events = try await events(of: nil, weights: weights, on: day)
        let proposed = MatacList.propose(Dictionary(uniqueKeysWithValues: events.map { ($0.key.uuidString, $0.value) }),
                                         weights: weights, on: day, limit: limit)
        return (weights, proposed.compactMap { entry in UUID(uuidString: entry.person).map { ($0, entry.score) } })
    }

    /// One person's score today and month by month over the last year.
    func score(of person: UUID, on day: CalendarDate) async throws -> (weights: MatacWeights, score: MatacScore, monthly: [MatacScore]) {
        let weights = try await weights()
        // The series starts a year back, so events are read from that day's earliest window on.
        let all = try await events(of: [person], weights: weights, on: day.adding(days: -365))[person] ?? []
        let monthly = MatacScore.series(events: all, weights: weights, from: day.adding(days: -364), to: day, stepDays: 28)
        return (weights, MatacScore(events: all, weights: weights, on: day), monthly)
    }
}

extension StoredMatacScore {
    init(person: UUID, _ score: MatacScore) {
        self.init(person: person, scoredOn: score.day.description, weightsVersion: score.weightsVersion, total: score.total,
                  recency: score.recency, frequency: score.frequency, gravity: score.gravity, victims: score.victims,
                  serial: score.isSerial)
    }
}
