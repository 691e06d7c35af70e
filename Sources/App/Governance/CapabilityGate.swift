import LanternDomain
import Foundation
import Ledger
import Policy
import Storage
import Vapor

extension Request {
    /// The caller, when the Policy ``Capability`` lets their roles do this
    /// (for `partner`, when it concerns one); otherwise a 403 that says whom
    /// to ask, and the refusal is audited.
    func requireCapability(_ capability: Capability, partner: String? = nil, subject: String) async throws -> Caller {
        let caller = try caller
        let requester = Requester(userID: caller.userID.uuidString, partner: caller.partner, roleNames: caller.roles)
        guard let denial = capability.decide(for: requester, partner: partner) else { return caller }
        try await audit(.accessDecision, subject: subject, resource: "capability:\(capability.rawValue)", decision: .deny,
                        reason: String(denial.description.prefix(500)), purpose: "governance")
        throw Refusal.policy(denial)
    }
}

/// Time for audit and history pages, in UTC without a formatter: `2026-03-01 14:05 UTC`.
enum GovernanceTime {
    static func text(millis: Int64) -> String {
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(CalendarDate(dayNumber: Int(days))) \(pad(rest / 3600)):\(pad(rest % 3600 / 60)) UTC"
    }

    static func text(_ date: Date) -> String { text(millis: Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
}
