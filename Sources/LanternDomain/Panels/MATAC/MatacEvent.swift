/// One event a partner recorded about the person being scored, with the
/// victims linked to it.
///
/// Built by the caller from stored events; ``MatacVictimLinking`` fills
/// `victims`. Contract: `category` and `role` are the codes as written in
/// extracts; whether the event counts is the weights' decision, not the caller's.
public struct MatacEvent: Sendable, Hashable, Codable {
    public var eventID: String
    public var partner: String
    public var category: String
    public var role: String
    public var occurredOn: CalendarDate
    /// Lantern's ids of the victims linked to this event.
    public var victims: Set<String>

    public init(eventID: String, partner: String, category: String, role: String, occurredOn: CalendarDate,
                victims: Set<String> = []) {
        self.eventID = eventID
        self.partner = partner
        self.category = category
        self.role = role
        self.occurredOn = occurredOn
        self.victims = victims
    }
}

/// Links victims to a person's events: a person connected to them (in their
/// household, or named as partner in a partner's record) whose own
/// domestic-abuse victim event falls within the weights' pairing days.
///
/// Contract: pure; a victim is never the person themself; an event keeps the
/// victims it already had.
public enum MatacVictimLinking {
    /// A domestic-abuse event in which a connected person was the victim.
    public struct VictimEvent: Sendable, Hashable {
        public var victim: String
        public var occurredOn: CalendarDate
        public init(victim: String, occurredOn: CalendarDate) { self.victim = victim; self.occurredOn = occurredOn }
    }

    public static func link(_ events: [MatacEvent], person: String, victimEvents: [VictimEvent],
                            pairingDays: Int) -> [MatacEvent] {
        let candidates = victimEvents.filter { $0.victim != person }
        return events.map { event in
            var event = event
            for victimEvent in candidates
            where abs(victimEvent.occurredOn.dayNumber - event.occurredOn.dayNumber) <= pairingDays {
                event.victims.insert(victimEvent.victim)
            }
            return event
        }
    }
}
