import Foundation
import LanternDomain
import SQLKit
import Storage

/// The demo's rights requests and breach, relative to when the demo starts,
/// so the DPO's pages show running clocks: an access and rectification
/// request with 12 days left, an access and restriction request paused
/// while the requester clarifies, and a breach whose 48-hour partner clock
/// is running.
enum DemoRights {
    static func load(on sql: any SQLDatabase, audit: AuditTrail, dpo: UUID, dpoName: String, practitionerPartner: String, now: Date) async throws {
        let today = CalendarDate.today(at: now)
        let requests = RightsRequestRepository(database: sql)
        // Someone several partners hold: the review has more than one task.
        let widelyHeld = try await sql.raw("""
            SELECT person_id FROM source_records WHERE person_id IS NOT NULL
            GROUP BY person_id HAVING COUNT(DISTINCT partner_slug) >= 3 ORDER BY person_id LIMIT 1
            """).first()?.decode(column: "person_id", as: UUID.self)
        if let person = widelyHeld {
            let (received, pause) = receipt(leaving: 12, asOf: today)
            var made = try await requests.record(person: person, kinds: [.access, .rectification], regimes: try await regimes(of: person, sql),
                                                 received: received, identityAskedFor: false, handler: dpo, handlerName: dpoName, at: now)
            if let pause {
                made.clock.pauses = [.init(from: received.adding(days: 1), until: received.adding(days: 1 + pause))]
                try await requests.save(clock: made.clock, of: made.id)
            }
        }
        // Someone the practitioner's service works with: restricting them shows on the practitioner's own caseload.
        if let person = try await DemoCaseload.people(workedWithBy: practitionerPartner, on: sql).sorted(by: { $0.uuidString < $1.uuidString }).first {
            let made = try await requests.record(person: person, kinds: [.access, .restriction], regimes: try await regimes(of: person, sql),
                                                 received: today.adding(days: -9), identityAskedFor: false, handler: dpo, handlerName: dpoName, at: now)
            try await requests.save(clock: try made.clock.paused(on: today.adding(days: -2)), of: made.id)
        }
        try await DemoBreach.load(on: sql, audit: audit, dpo: dpo, practitionerPartner: practitionerPartner, now: now)
    }

    /// A receipt day (and a clarification pause, in days) that leaves exactly
    /// `days` days on the clock today, or the fewest more the calendar allows
    /// (a due date is always a working day).
    static func receipt(leaving days: Int, asOf today: CalendarDate) -> (CalendarDate, Int?) {
        var nearest: (CalendarDate, Int?, Int) = (today, nil, Int.max)
        for back in 10...40 {
            let received = today.adding(days: -back)
            for pause in 0...3 {
                var clock = ResponseClock(received: received)
                if pause > 0 { clock.pauses = [.init(from: received.adding(days: 1), until: received.adding(days: 1 + pause))] }
                guard let left = clock.daysLeft(asOf: today) else { continue }
                if left == days { return (received, pause > 0 ? pause : nil) }
                // Otherwise the nearest after: a clock shown shorter than promised would mislead.
                if left > days, left - days < nearest.2 { nearest = (received, pause > 0 ? pause : nil, left - days) }
            }
        }
        return (nearest.0, nearest.1)
    }

    private static func regimes(of person: UUID, _ sql: any SQLDatabase) async throws -> [RightsRegime] {
        let holders = Set(try await PeopleRepository(database: sql).sourceRecords(of: person).map(\.partner))
        let kinds = try await PartnershipRepository(database: sql).partners().filter { holders.contains($0.slug) }.map(\.kind)
        return RightsRegime.applying(toHoldersOfKinds: kinds)
    }
}
