/// The weights of the MATAC recency-frequency-gravity-victims (RFGV) score,
/// kept as versioned data an analyst edits on the rules page, like the need
/// rules, so every score names the weights that produced it.
///
/// Use ``standard`` as the first version; round-trip through JSON to edit;
/// score with ``MatacScore/init(events:weights:on:)``. Contract: usable only
/// when ``problems()`` is empty. Every points value is 0 or more and only the
/// largest band that applies counts, so more evidence, more recent evidence
/// or more victims never lowers a score (the property tests hold this).
public struct MatacWeights: Sendable, Hashable, Codable {
    /// Points when the latest counted event is no more than `withinDays` old.
    public struct RecencyBand: Sendable, Hashable, Codable {
        public var withinDays: Int
        public var points: Int
        public init(withinDays: Int, points: Int) { self.withinDays = withinDays; self.points = points }
    }

    /// Points when at least `atLeast` events (or victims) count.
    public struct CountBand: Sendable, Hashable, Codable {
        public var atLeast: Int
        public var points: Int
        public init(atLeast: Int, points: Int) { self.atLeast = atLeast; self.points = points }
    }

    /// Points each event of this category adds to gravity.
    public struct Gravity: Sendable, Hashable, Codable {
        /// An ``EventCategory`` code, as written in extracts.
        public var category: String
        public var points: Int
        public init(category: EventCategory, points: Int) { self.category = category.rawValue; self.points = points }
    }

    /// The serial-perpetrator rule (Northumbria's definition: a suspect or
    /// offender in domestic abuse against 2 or more different victims within 3 years).
    public struct SerialRule: Sendable, Hashable, Codable {
        public var distinctVictims: Int
        public var withinDays: Int
        public init(distinctVictims: Int, withinDays: Int) { self.distinctVictims = distinctVictims; self.withinDays = withinDays }
    }

    public var version: Int
    /// Only events this many days old or newer count toward the score.
    public var lookBackDays: Int
    /// The parts the person must have played for an event to count as theirs.
    public var roles: [String]
    /// The categories that count, each with its gravity; others are ignored.
    public var gravity: [Gravity]
    public var recency: [RecencyBand]
    public var frequency: [CountBand]
    public var victims: [CountBand]
    public var serial: SerialRule
    /// How many days apart a victim's domestic-abuse event and the person's
    /// own may be for the victim to be linked to it.
    public var pairingDays: Int

    public init(version: Int, lookBackDays: Int, roles: [String], gravity: [Gravity], recency: [RecencyBand],
                frequency: [CountBand], victims: [CountBand], serial: SerialRule, pairingDays: Int) {
        self.version = version
        self.lookBackDays = lookBackDays
        self.roles = roles
        self.gravity = gravity
        self.recency = recency
        self.frequency = frequency
        self.victims = victims
        self.serial = serial
        self.pairingDays = pairingDays
    }

    /// The first version: two years of police and domestic-abuse events,
    /// gravest for sexual and weapon offences.
    public static let standard = MatacWeights(
        version: 1, lookBackDays: 730, roles: [PersonRole.perpetrator.rawValue, PersonRole.suspect.rawValue],
        gravity: [
            Gravity(category: .domesticAbuse, points: 3), Gravity(category: .violence, points: 5),
            Gravity(category: .sexualOffence, points: 8), Gravity(category: .weaponOffence, points: 6),
            Gravity(category: .dvpo, points: 4), Gravity(category: .criminalDamage, points: 2),
        ],
        recency: [RecencyBand(withinDays: 28, points: 30), RecencyBand(withinDays: 91, points: 20),
                  RecencyBand(withinDays: 182, points: 10), RecencyBand(withinDays: 365, points: 5)],
        frequency: [CountBand(atLeast: 1, points: 5), CountBand(atLeast: 3, points: 10),
                    CountBand(atLeast: 5, points: 20), CountBand(atLeast: 10, points: 30)],
        victims: [CountBand(atLeast: 2, points: 15), CountBand(atLeast: 3, points: 25)],
        serial: SerialRule(distinctVictims: 2, withinDays: 1_095), pairingDays: 3)

    /// The gravity of a category, or nil when it does not count.
    public func gravity(of category: String) -> Int? {
        gravity.first { $0.category == category }?.points
    }

    /// Whether an event of this category in this role counts toward the score.
    public func counts(category: String, role: String) -> Bool {
        roles.contains(role) && gravity(of: category) != nil
    }

    /// The largest points of the bands whose threshold `count` meets.
    static func points(_ bands: [CountBand], for count: Int) -> (band: CountBand, points: Int)? {
        bands.filter { count >= $0.atLeast }.max { $0.points < $1.points }.map { ($0, $0.points) }
    }

    /// The largest points of the recency bands holding an event `age` days old.
    static func points(_ bands: [RecencyBand], forAge age: Int) -> (band: RecencyBand, points: Int)? {
        bands.filter { age <= $0.withinDays }.max { $0.points < $1.points }.map { ($0, $0.points) }
    }
}
