import Foundation
import LanternDomain

/// Every event case finding reads, packed as the store streams the rows:
/// the person as a number, the partner, category and role as small codes,
/// the day as one integer, only the record id kept as text. At a million
/// people and ten million events, rows held as text (and the store's row
/// objects before them) took 12 to 16 GB; these take about 40 bytes an event.
///
/// Use ``add(person:partner:recordID:category:role:occurredOn:)`` as the
/// row handler, then ``events(of:)`` per person. Contract: an event about no
/// one numbered, about a person left out, or with a category, role or day
/// case finding cannot read is dropped, as the household facts always did;
/// a person's events keep the order the store gave them in.
final class CompactEventFacts: @unchecked Sendable {
    // @unchecked: every stored property below is only touched while holding `lock`
    // (rows may arrive on the store's thread); `events(of:)` is called once streaming has ended.
    private struct Event {
        var person: Int32
        var partner: UInt16
        var category: UInt8
        var role: UInt8
        var day: Int32  // year * 10_000 + month * 100 + day
        var recordID: String
    }

    private let lock = NSLock()
    private let people: [UUID: Int32]
    private let leftOut: Set<UUID>
    private var events: [Event] = []
    private var partnerCodes: [String: UInt16] = [:]
    private var partners: [String] = []
    /// Per person, where their events start in `order` (built once streaming ends).
    private var starts: [Int32] = []
    private var order: [Int32] = []

    private static let categories = EventCategory.allCases
    private static let categoryCodes = Dictionary(uniqueKeysWithValues: EventCategory.allCases.enumerated().map { ($1.rawValue, UInt8($0)) })
    private static let roles = PersonRole.allCases
    private static let roleCodes = Dictionary(uniqueKeysWithValues: PersonRole.allCases.enumerated().map { ($1.rawValue, UInt8($0)) })

    /// `people`: everyone whose events are wanted, numbered 0..<count; `leftOut`: people whose events feed nothing.
    init(people: [UUID: Int32], leftOut: Set<UUID>) {
        self.people = people
        self.leftOut = leftOut
    }

    func add(person: UUID, partner: String, recordID: String, category: String, role: String, occurredOn: String) {
        guard let number = people[person], !leftOut.contains(person), let c = Self.categoryCodes[category], let r = Self.roleCodes[role],
              let day = CalendarDate(parsing: occurredOn) else { return }
        lock.withLock {
            let code: UInt16
            if let known = partnerCodes[partner] {
                code = known
            } else {
                code = UInt16(partners.count)
                partnerCodes[partner] = code
                partners.append(partner)
            }
            events.append(Event(person: number, partner: code, category: c, role: r,
                                day: Int32(day.year * 10_000 + day.month * 100 + day.day), recordID: recordID))
        }
    }

    /// Groups the events by person, keeping their order (a counting sort: one pass to count, one to place).
    func finish() {
        lock.withLock {
            var starts = [Int32](repeating: 0, count: people.count + 1)
            for event in events { starts[Int(event.person) + 1] += 1 }
            for i in 1..<starts.count { starts[i] += starts[i - 1] }
            var next = starts
            var order = [Int32](repeating: 0, count: events.count)
            for (i, event) in events.enumerated() {
                order[Int(next[Int(event.person)])] = Int32(i)
                next[Int(event.person)] += 1
            }
            self.starts = starts
            self.order = order
        }
    }

    /// The events of person `number`, as the household facts carry them; `names` turns a partner's slug into its name.
    func events(of number: Int32, personID: String, names: [String: String]) -> [HouseholdEvent] {
        lock.withLock {
            guard Int(number) + 1 < starts.count else { return [] }
            return (starts[Int(number)]..<starts[Int(number) + 1]).map { slot in
                let event = events[Int(order[Int(slot)])]
                let partner = partners[Int(event.partner)]
                return HouseholdEvent(eventID: "\(partner):\(event.recordID)", personID: personID,
                                      category: Self.categories[Int(event.category)], role: Self.roles[Int(event.role)],
                                      occurredOn: CalendarDate(year: Int(event.day / 10_000), month: Int(event.day / 100 % 100), day: Int(event.day % 100))!,
                                      partner: names[partner] ?? partner)
            }
        }
    }
}
