import Foundation
import LanternDomain
import Ledger
import SQLKit
import Storage
import Vapor

/// The demo's risk cases: a MATAC list with a selected serial perpetrator
/// whose score has fallen since, and an ASB case review under way, with
/// two earlier reviews so the yearly figures show. All people are invented.
enum RiskCaseDemo {
    static let partner = "harrowmere-police"

    static func daysAgo(_ days: Int) -> String { CalendarDate.today(at: Date()).adding(days: -days).description }

    /// People and events added to the police extracts before they are
    /// imported, so they are linked and grouped like everyone else.
    static func addExtracts(to directory: URL) throws {
        let folder = directory.appendingPathComponent(partner)
        try append(to: folder.appendingPathComponent("people.csv"), rows: [
            ["record_id": "RC-1", "given_names": "Darren", "family_name": "Whitlow", "date_of_birth": "1983-04-12", "sex": "M",
             "address_line": "14 Tanner Street", "postcode": "HW7 4RT"],
            ["record_id": "RC-2", "given_names": "Kelly", "family_name": "Whitlow", "date_of_birth": "1987-09-30", "sex": "F",
             "address_line": "14 Tanner Street", "postcode": "HW7 4RT", "related_record_id": "RC-1", "relationship": "partner"],
            ["record_id": "RC-3", "given_names": "Joanne", "family_name": "Pryce", "date_of_birth": "1985-01-17", "sex": "F",
             "address_line": "3 Mercer Court", "postcode": "HW2 8DN", "related_record_id": "RC-1", "relationship": "partner"],
            ["record_id": "RC-4", "given_names": "Wayne", "family_name": "Cross", "date_of_birth": "1979-06-05", "sex": "M",
             "address_line": "61 Orchard Rise", "postcode": "HW9 1XS"],
            ["record_id": "RC-5", "given_names": "Samira", "family_name": "Okafor", "date_of_birth": "1972-11-23", "sex": "F",
             "address_line": "22 Bellfield Road", "postcode": "HW5 3LP"],
        ])
        var events: [[String: String]] = []
        // Darren: against Kelly (his partner now) and Joanne (his former partner): a serial perpetrator.
        for (index, days) in [125, 150, 190, 260, 330].enumerated() {
            events.append(event("RCE-D\(index)", "RC-1", "domestic-abuse", "perpetrator", days, "Domestic incident at 14 Tanner Street"))
            events.append(event("RCE-K\(index)", "RC-2", "domestic-abuse", "victim", days, "Domestic incident at 14 Tanner Street"))
        }
        events.append(event("RCE-V1", "RC-1", "violence", "suspect", 140, "Assault at 14 Tanner Street"))
        for (index, days) in [640, 700].enumerated() {
            events.append(event("RCE-J\(index)", "RC-3", "domestic-abuse", "victim", days, "Domestic incident at 3 Mercer Court"))
            events.append(event("RCE-DJ\(index)", "RC-1", "domestic-abuse", "perpetrator", days, "Domestic incident at 3 Mercer Court"))
        }
        for (index, days) in [6, 30, 55, 90].enumerated() {
            events.append(event("RCE-W\(index)", "RC-4", "domestic-abuse", "perpetrator", days, "Domestic incident at 61 Orchard Rise"))
        }
        events.append(event("RCE-W9", "RC-4", "dvpo", "perpetrator", 20, "DVPN issued"))
        // Samira: three reports of anti-social behaviour and a hate incident in recent months.
        for (index, (days, category)) in [(15, "asb"), (40, "asb"), (60, "hate-crime"), (75, "asb")].enumerated() {
            events.append(event("RCE-S\(index)", "RC-5", category, "victim", days, category == "asb" ? "Neighbour's noise, threats and damage reported" : "Racist abuse at her door"))
        }
        try append(to: folder.appendingPathComponent("events.csv"), rows: events)
    }

    static func event(_ id: String, _ person: String, _ category: String, _ role: String, _ days: Int, _ summary: String) -> [String: String] {
        ["record_id": id, "person_record_id": person, "category": category, "role": role, "occurred_on": daysAgo(days),
         "summary": summary, "nature": "fact"]
    }

    /// Appends rows in the file's own column order (its header line).
    static func append(to file: URL, rows: [[String: String]]) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let header = text.split(separator: "\n", maxSplits: 1).first else { return }
        let columns = header.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func field(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let lines = rows.map { row in columns.map { field(row[$0] ?? "") }.joined(separator: ",") }
        let joined = (text.hasSuffix("\n") ? text : text + "\n") + lines.joined(separator: "\n") + "\n"
        try joined.write(to: file, atomically: true, encoding: .utf8)
    }

    /// The panel's decisions, the scores since, and the ASB case reviews.
    static func seed(_ app: Application, sql: any SQLDatabase) async throws {
        guard let chair = try await UserRepository(database: sql).find(username: "chair") else { return }
        func person(_ record: String) async throws -> UUID? {
            try await sql.select().column("person_id").from("source_records").where("partner_slug", .equal, partner)
                .where("record_id", .equal, record).first()?.decode(column: "person_id", as: UUID?.self)
        }
        guard let darren = try await person("RC-1"), let wayne = try await person("RC-4"), let samira = try await person("RC-5") else { return }
        let today = CalendarDate.today(at: Date())
        let service = MatacService(sql: sql)
        let weights = try await service.weights()
        let matac = MatacRepository(database: sql)
        let darrenEvents = try await service.events(of: [darren], weights: weights, on: today.adding(days: -365))[darren] ?? []
        let selectedOn = today.adding(days: -112)
        let atSelection = MatacScore(events: darrenEvents, weights: weights, on: selectedOn)
        try await matac.recordDecision(person: darren, outcome: MatacDecision.Outcome.selected.rawValue,
                                       reason: "Serial perpetrator: two partners in three years, escalating to assault. Disruption and a perpetrator programme referral.",
                                       interventions: ["disruption", "support"], weightsVersion: weights.version, scoreSeen: atSelection.total,
                                       decidedOn: selectedOn.description, by: chair.id, byName: chair.displayName, at: date(selectedOn))
        for days in stride(from: 112, through: 0, by: -28) {
            let day = today.adding(days: -days)
            try await matac.recordScore(StoredMatacScore(person: darren, MatacScore(events: darrenEvents, weights: weights, on: day)), at: date(day))
        }
        let wayneEvents = try await service.events(of: [wayne], weights: weights, on: today)[wayne] ?? []
        try await matac.recordDecision(person: wayne, outcome: MatacDecision.Outcome.notSelected.rawValue,
                                       reason: "Already managed under MAPPA level 2; the MAPPA plan covers the same interventions.",
                                       interventions: [], weightsVersion: weights.version,
                                       scoreSeen: MatacScore(events: wayneEvents, weights: weights, on: today).total,
                                       decidedOn: today.adding(days: -7).description, by: chair.id, byName: chair.displayName, at: date(today.adding(days: -7)))
        try await CaseRelationshipRepository(database: sql).add(user: chair.id, people: [darren, samira], kind: "panel-member", at: Date())

        let reviews = ASBCaseReviewRepository(database: sql)
        let rulesJSON = String(decoding: try JSONEncoder().encode(CaseReviewRules.standard), as: UTF8.self)
        let received = today.adding(days: -9)
        let complaints = try await matac.events(categories: ["asb", "hate-crime"], roles: ["victim"], since: received.addingMonths(-7).description,
                                                people: [samira]).map {
            StoredCaseReviewComplaint(agency: $0.partner, reference: $0.recordID, incidentOn: $0.occurredOn, reportedOn: $0.occurredOn,
                                      hate: $0.category == "hate-crime")
        }
        // Under way: received, acknowledged, the threshold decision still to make.
        let (underWay, reference) = try await reviews.create(victim: samira, applicant: "Samira Okafor", onBehalf: false, consent: true,
                                                             receivedOn: received.description, rulesJSON: rulesJSON, complaints: complaints,
                                                             by: chair.id, at: date(received))
        try await reviews.update(underWay, ["acknowledged_on": received.adding(days: 3).description])
        // Earlier this year: one not met, one reviewed with recommendations (no victim linked: community applicants).
        let (notMet, _) = try await reviews.create(victim: nil, applicant: "Bellfield Road Residents' Association", onBehalf: false, consent: true,
                                                   receivedOn: today.adding(days: -150).description, rulesJSON: rulesJSON, complaints: [
                                                    StoredCaseReviewComplaint(agency: "Harrowmere Council", reference: "ASB-C-2231", incidentOn: today.adding(days: -170).description,
                                                                              reportedOn: today.adding(days: -168).description, hate: false)],
                                                   by: chair.id, at: date(today.adding(days: -150)))
        try await reviews.update(notMet, ["acknowledged_on": today.adding(days: -146).description, "decided_on": today.adding(days: -140).description,
                                          "threshold_met": false, "decision": "One reported incident in six months: the threshold of three is not met. Referred to the neighbourhood team."])
        let (held, _) = try await reviews.create(victim: nil, applicant: "Harrowmere Market traders (on behalf of a trader, with consent)", onBehalf: true, consent: true,
                                                 receivedOn: today.adding(days: -90).description, rulesJSON: rulesJSON, complaints: (0..<3).map { index in
                                                    StoredCaseReviewComplaint(agency: "Harrowmere Police", reference: "ASB-M-\(index + 40)",
                                                                              incidentOn: today.adding(days: -150 + index * 20).description,
                                                                              reportedOn: today.adding(days: -149 + index * 20).description, hate: false)
                                                 }, by: chair.id, at: date(today.adding(days: -90)))
        try await reviews.update(held, ["acknowledged_on": today.adding(days: -85).description, "decided_on": today.adding(days: -80).description,
                                        "threshold_met": true, "decision": "Three separate incidents, each reported the next day: the threshold is met.",
                                        "meeting_on": today.adding(days: -62).description,
                                        "recommendations": "Council to close the alley at night; police to add the market to patrol plans."])
        try await app.auditTrail.recordAlone([
            AuditRecord(actor: "demo-loader", partner: chair.partner, purpose: "risk-panels", action: .write, subject: "person:\(darren.uuidString)",
                        resource: "matac decision:selected score:\(atSelection.total)", decision: .permit, reason: "demo seed"),
            AuditRecord(actor: "demo-loader", partner: chair.partner, purpose: "risk-panels", action: .write, subject: "person:\(samira.uuidString)",
                        resource: "asb-review \(reference)", decision: .permit, reason: "demo seed"),
        ], on: app.db)
        print("Risk cases: MATAC decisions for 2 people, 3 ASB case reviews (\(reference) under way).")
    }

    static func date(_ day: CalendarDate) -> Date { Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 10 * 3_600) }
}
