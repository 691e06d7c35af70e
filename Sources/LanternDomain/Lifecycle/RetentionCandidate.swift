/// One record the retention schedule may reach, with the dates its rule can
/// run from and whom it is about.
public struct RetentionCandidate: Sendable, Hashable {
    /// `source_records`, `events` or `involvements`: where the record lives.
    public var table: String
    public var id: String
    public var partner: String
    public var recordClass: String
    public var dates: RetentionDates
    public var person: String?
    public var household: String?
    /// For a person record: its events and services, which must all be due
    /// (and none held) before it is, since they go with it.
    public var dependents: [RetentionCandidate]

    public init(table: String, id: String, partner: String, recordClass: String, dates: RetentionDates, person: String?,
                household: String?, dependents: [RetentionCandidate] = []) {
        self.table = table
        self.id = id
        self.partner = partner
        self.recordClass = recordClass
        self.dates = dates
        self.person = person
        self.household = household
        self.dependents = dependents
    }

    /// The record as a hold sees it: its own date is its last action, else its receipt.
    public var holdable: HoldableItem {
        HoldableItem(partner: partner, recordClass: recordClass, person: person, household: household,
                     dated: dates.lastAction ?? dates.received)
    }
}

/// What the schedule says about one candidate on a day.
public struct RetentionVerdict: Sendable, Hashable {
    public var candidate: RetentionCandidate
    public var dueOn: CalendarDate
    public var action: RetentionRule.Action
    /// References of the holds that keep it; empty when it may go.
    public var heldBy: [String]
}

extension RetentionRuleSet {
    /// The candidates due on or before `day`, each with the holds that keep
    /// it. A person record is due only when it and everything recorded
    /// against it are due, on the latest of their dates; a hold on any of
    /// them keeps the person record too.
    public func due(_ candidates: [RetentionCandidate], on day: CalendarDate, holds: [LegalHold]) -> [RetentionVerdict] {
        let active = holds.filter { $0.inForce(on: day) }
        func heldBy(_ item: RetentionCandidate) -> [String] {
            active.filter { $0.covers(item.holdable, on: day) }.map(\.reference)
        }
        var verdicts: [RetentionVerdict] = []
        for candidate in candidates {
            guard let own = rule(for: candidate.recordClass, partner: candidate.partner),
                  var dueOn = own.dueOn(candidate.dates) else { continue }
            var held = heldBy(candidate)
            var reachable = true
            for dependent in candidate.dependents {
                guard let dependentRule = rule(for: dependent.recordClass, partner: dependent.partner),
                      let dependentDue = dependentRule.dueOn(dependent.dates) else { reachable = false; break }
                dueOn = max(dueOn, dependentDue)
                held += heldBy(dependent)
            }
            guard reachable, dueOn <= day else { continue }
            verdicts.append(RetentionVerdict(candidate: candidate, dueOn: dueOn, action: own.action,
                                             heldBy: Array(Set(held)).sorted()))
        }
        return verdicts
    }
}
