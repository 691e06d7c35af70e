/// One event about a member of a household, as an evaluation counts it.
public struct FamilyRecordEvent: Sendable, Hashable {
    public var day: Int
    public var category: EventCategory
    /// Recorded by a police partner: a call-out.
    public var byPolice: Bool

    public init(day: Int, category: EventCategory, byPolice: Bool) {
        self.day = day
        self.category = category
        self.byPolice = byPolice
    }
}

/// Families given a lead professional against similar families not yet
/// given one, on later police call-outs, missing episodes and exclusions.
///
/// Why these choices: the outcomes are the ones the partnership's early help
/// offer exists to reduce; the need profile a family is matched on is the set
/// of needs its members' records showed in the window before (by the kind of
/// record: crime, education, exploitation...), which is what the case-finding
/// rules read, taken before the start so the intervention cannot change it.
/// Contract: a household counts once, from its first lead professional;
/// households never given one are timed like MARAC's comparison group (see
/// ``CohortComparison``).
public enum LeadProfessionalEvaluation {
    /// Whether an event is an outcome the evaluation counts.
    public static func isOutcome(_ event: FamilyRecordEvent) -> Bool {
        event.byPolice || event.category == .missingEpisode || event.category == .exclusion
    }

    /// Each household's outcome days (one per day).
    public static func outcomeDays(_ events: [String: [FamilyRecordEvent]]) -> [String: Set<Int>] {
        events.compactMapValues { own in
            let days = Set(own.filter(isOutcome).map(\.day))
            return days.isEmpty ? nil : days
        }
    }

    /// The need profile before `start`: the kinds of record seen in the `days` before, sorted ("crime+education").
    public static func needProfile(_ events: [FamilyRecordEvent], before start: Int, days: Int) -> String {
        let kinds = Set(events.filter { $0.day < start && $0.day >= start - days }.map(\.category.dataCategory.rawValue))
        return kinds.isEmpty ? "no recorded needs" : "needs " + kinds.sorted().joined(separator: "+")
    }

    public static func groups(starts: [String: CalendarDate], events: [String: [FamilyRecordEvent]], today: CalendarDate,
                              days: Int, months: ClosedRange<Int>) -> (cohort: [EvaluationUnit], comparison: [EvaluationUnit]) {
        let cohort = starts.sorted { $0.key < $1.key }.map { CohortMember(person: $0.key, startedOn: $0.value) }
        return CohortComparison.groups(cohort: cohort, incidentDays: outcomeDays(events), today: today, days: days, months: months) { household, start in
            needProfile(events[household] ?? [], before: start, days: days)
        }
    }
}
