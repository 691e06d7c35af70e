/// A person's recency-frequency-gravity-victims score on one day, with every
/// component and the words that explain it.
///
/// Use it to rank people for the MATAC list and to follow a selected person's
/// score over time (the outcome measure). Contract: pure and reproducible:
/// the same events, weights and day give the same score; events after `day`
/// or older than the look-back are ignored; the total is the sum of the four
/// components, each 0 or more.
public struct MatacScore: Sendable, Hashable, Codable {
    public var day: CalendarDate
    public var weightsVersion: Int
    public var recency: Int
    public var frequency: Int
    public var gravity: Int
    public var victims: Int
    /// The events that counted, newest first.
    public var countedEvents: Int
    public var latestEvent: CalendarDate?
    public var distinctVictims: Int
    /// Distinct victims within the serial rule's window.
    public var serialVictims: Int
    public var isSerial: Bool
    /// One line per component, in words a panel reads.
    public var explanation: [String]

    public var total: Int { recency + frequency + gravity + victims }

    public init(events: [MatacEvent], weights: MatacWeights, on day: CalendarDate) {
        self.day = day
        weightsVersion = weights.version
        let counted = events.filter {
            weights.counts(category: $0.category, role: $0.role) && $0.occurredOn <= day
        }
        let inWindow = counted.filter { day.dayNumber - $0.occurredOn.dayNumber <= weights.lookBackDays }
        countedEvents = inWindow.count
        latestEvent = inWindow.map(\.occurredOn).max()
        var lines: [String] = []

        if let latest = latestEvent, let (band, points) = MatacWeights.points(weights.recency, forAge: day.dayNumber - latest.dayNumber) {
            recency = points
            lines.append("Recency \(points): the latest counted event was \(day.dayNumber - latest.dayNumber) days ago (\(latest)), within \(band.withinDays) days.")
        } else {
            recency = 0
            lines.append(latestEvent.map { "Recency 0: the latest counted event (\($0)) is older than every recency band." }
                         ?? "Recency 0: no counted event in the last \(weights.lookBackDays) days.")
        }

        if let (band, points) = MatacWeights.points(weights.frequency, for: inWindow.count) {
            frequency = points
            lines.append("Frequency \(points): \(inWindow.count) counted events in the last \(weights.lookBackDays) days (\(band.atLeast) or more).")
        } else {
            frequency = 0
            lines.append("Frequency 0: \(inWindow.count) counted events in the last \(weights.lookBackDays) days.")
        }

        var byCategory: [String: Int] = [:]
        for event in inWindow { byCategory[event.category, default: 0] += 1 }
        gravity = byCategory.reduce(0) { $0 + $1.value * (weights.gravity(of: $1.key) ?? 0) }
        let parts = byCategory.sorted { ($0.value * (weights.gravity(of: $0.key) ?? 0), $1.key) > ($1.value * (weights.gravity(of: $1.key) ?? 0), $0.key) }
            .map { "\($0.value) \(Self.label($0.key)) at \(weights.gravity(of: $0.key) ?? 0)" }
        lines.append("Gravity \(gravity)" + (parts.isEmpty ? ": nothing counted." : ": " + parts.joined(separator: ", ") + "."))

        let victimSet = inWindow.reduce(into: Set<String>()) { $0.formUnion($1.victims) }
        distinctVictims = victimSet.count
        if let (band, points) = MatacWeights.points(weights.victims, for: victimSet.count) {
            victims = points
            lines.append("Victims \(points): \(victimSet.count) different victims linked (\(band.atLeast) or more).")
        } else {
            victims = 0
            lines.append("Victims 0: \(victimSet.count) different victim\(victimSet.count == 1 ? "" : "s") linked.")
        }

        // The serial rule has its own window (3 years by default), not the score's.
        let serialSet = counted.filter { day.dayNumber - $0.occurredOn.dayNumber <= weights.serial.withinDays }
            .reduce(into: Set<String>()) { $0.formUnion($1.victims) }
        serialVictims = serialSet.count
        isSerial = serialSet.count >= weights.serial.distinctVictims
        if isSerial {
            lines.append("Serial perpetrator: \(serialSet.count) different victims within \(weights.serial.withinDays) days (the rule is \(weights.serial.distinctVictims) or more).")
        }
        explanation = lines
    }

    /// The words for an event category code on pages ("domestic abuse").
    public static func label(_ code: String) -> String {
        (EventCategory(rawValue: code)?.label ?? code).lowercased()
    }

    /// The score every `stepDays` from `from` to `to` inclusive: the outcome
    /// measure, computed from the events as they stood on each day.
    public static func series(events: [MatacEvent], weights: MatacWeights, from: CalendarDate, to: CalendarDate,
                              stepDays: Int) -> [MatacScore] {
        guard stepDays > 0, from <= to else { return [] }
        return stride(from: from.dayNumber, through: to.dayNumber, by: stepDays).map {
            MatacScore(events: events, weights: weights, on: CalendarDate(dayNumber: $0))
        }
    }
}
