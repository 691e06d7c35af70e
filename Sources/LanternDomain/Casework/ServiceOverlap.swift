/// Two or more services doing the same kind of work with one family on the
/// same day: a duplication the team around the family should resolve.
///
/// Found by ``TeamAroundTheFamily/init(householdID:members:involvements:on:)``.
/// Contract: `services` holds at least two distinct service names, sorted;
/// `involvements` are every in-force involvement of that work type in the
/// family; `since` is the first day all the services were working together.
public struct ServiceOverlap: Sendable, Hashable, Codable, CustomStringConvertible {
    public var workType: WorkType
    public var services: [String]
    public var involvements: [Involvement]
    public var since: CalendarDate

    public init(workType: WorkType, services: [String], involvements: [Involvement], since: CalendarDate) {
        self.workType = workType
        self.services = services
        self.involvements = involvements
        self.since = since
    }

    /// "Family support from 2 services at once since 2025-02-01: Action for
    /// Children (1 person, since 2025-02-01); Harrowmere Early Help (2 people,
    /// since 2025-01-10)".
    public var description: String {
        let parts = services.map { service -> String in
            let mine = involvements.filter { $0.service == service }
            let people = Set(mine.map(\.personID)).count
            let start = mine.map(\.startedOn).min() ?? since
            return "\(service) (\(people == 1 ? "1 person" : "\(people) people"), since \(start))"
        }
        return "\(workType.label) from \(services.count) services at once since \(since): "
            + parts.joined(separator: "; ")
    }
}
