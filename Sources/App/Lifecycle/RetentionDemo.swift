import Foundation
import LanternDomain
import SQLKit
import Storage
import Vapor

/// The demo's retention: a saved schedule version (the police keep person
/// records under MoPI review), a legal hold that keeps one family's police
/// records past their date, and a police disposal batch awaiting the records
/// officer's approval.
enum RetentionDemo {
    static let police = "harrowmere-police"

    static func seed(_ app: Application, today: CalendarDate) async throws {
        let sql = try AppRunner.sql(app)
        let users = UserRepository(database: sql)
        guard let dpo = try await users.find(username: "dpo"), let records = try await users.find(username: "records") else { return }
        var rules = RetentionRuleSet.standard
        rules.version = 1
        // The demo's data spans five years, so the force's schedule here is short
        // enough for something to be due (demo figures, not a real force's).
        rules.rules.append(RetentionRule(recordClass: RecordClass.people, partner: police, trigger: .lastAction, years: 3, action: .destroy,
                                         basis: "Police person records with only low-level, no-further-action contact: 3 years after the last (force schedule, demo figure)"))
        // Thefts are reviewed, not destroyed, when their period ends (MoPI-style): the records officer gets a review.
        rules.rules.append(RetentionRule(recordClass: RecordClass.events(.theft), partner: police, trigger: .lastAction, years: 3, action: .review,
                                         basis: "Acquisitive crime: reviewed after 3 years for a continuing policing purpose (force schedule, demo figure)"))
        for category in [EventCategory.asb, .criminalDamage, .arrest] {
            rules.rules.append(RetentionRule(recordClass: RecordClass.events(category), partner: police, trigger: .lastAction, years: 3,
                                             action: .destroy, basis: "Low-level incident with no further action: 3 years (force schedule, demo figure)"))
        }
        try await RetentionRepository(database: sql).saveRules(
            version: 1, json: String(decoding: try JSONEncoder().encode(rules), as: UTF8.self), author: dpo.id, authorName: dpo.displayName,
            reason: "Harrowmere Police's own schedule for low-level incidents with no further action", at: Date())
        let (_, verdicts) = try await RetentionService.due(sql, partner: police, on: today)
        let byClass = Dictionary(grouping: verdicts, by: \.candidate.recordClass)
        guard let recordClass = byClass[RecordClass.people] != nil ? RecordClass.people
                : byClass.max(by: { $0.value.count < $1.value.count })?.key,
              let family = byClass[recordClass]?.compactMap(\.candidate.household).sorted().first else { return }
        let hold = LegalHold(reference: "INQ-2026-014", issuer: .inquiry,
                             reason: "Independent inquiry into child protection in Harrowmere: keep every record about this family (Inquiries Act 2005 s35)",
                             scope: .household(family), startsOn: today.adding(days: -30))
        let holdID = try await RetentionRepository(database: sql).placeHold(hold, by: dpo.id, name: dpo.displayName, at: Date())
        try await app.auditTrail.record([AuditRecord(actor: dpo.id.uuidString, partner: dpo.partner, purpose: "governance", action: .write,
                                                     subject: "legal-hold:\(holdID.uuidString)", resource: "legal-hold placed scope:household:\(family)",
                                                     decision: .permit, reason: "inquiry INQ-2026-014")], on: sql)
        guard let (_, reference, preview) = try await RetentionService.prepare(
            sql, partner: police, recordClass: recordClass, on: today, preparedBy: records.id.uuidString, at: Date()) else { return }
        try await app.auditTrail.record([AuditRecord(actor: records.id.uuidString, partner: police, purpose: "governance", action: .write,
                                                     subject: "disposal:\(reference)", resource: "disposal prepared items:\(preview.items) held:\(preview.held)",
                                                     decision: .permit, reason: "disposal batch prepared for approval: \(recordClass)")], on: sql)
        print("Retention: schedule version 1, legal hold INQ-2026-014 on one family, \(reference) awaiting approval (\(preview.items) police records, \(preview.held) held).")
        // The records officer's other work: thefts due for review, and each holding partner's review of the rights requests.
        let reviews = try await RetentionDailyRun.prepareReviews(app, on: today)
        try await ReviewTaskAssignment.ensure(sql, at: Date())
        print("Retention: \(reviews.count) review batch(es) for the records officer; rights-request review tasks given to each holding partner.")
    }
}
