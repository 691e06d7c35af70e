/// What changed between two versions of the MATAC weights, in words shown
/// beside the version history.
///
/// Contract: empty exactly when the weights (ignoring the version number) are the same.
extension MatacWeights {
    public func changes(since earlier: MatacWeights) -> [String] {
        var lines: [String] = []
        if lookBackDays != earlier.lookBackDays { lines.append("Look-back \(earlier.lookBackDays) to \(lookBackDays) days") }
        if roles != earlier.roles { lines.append("Roles counted \(earlier.roles.joined(separator: ", ")) to \(roles.joined(separator: ", "))") }
        let before = Dictionary(earlier.gravity.map { ($0.category, $0.points) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(gravity.map { ($0.category, $0.points) }, uniquingKeysWith: { first, _ in first })
        for entry in gravity where before[entry.category] != entry.points {
            lines.append("Gravity of \(MatacScore.label(entry.category)): \(before[entry.category].map(String.init) ?? "not counted") to \(entry.points)")
        }
        for entry in earlier.gravity where after[entry.category] == nil {
            lines.append("Gravity of \(MatacScore.label(entry.category)): \(entry.points) to not counted")
        }
        if recency != earlier.recency { lines.append("Recency bands: \(Self.describe(earlier.recency)) to \(Self.describe(recency))") }
        if frequency != earlier.frequency { lines.append("Frequency bands: \(Self.describe(earlier.frequency, "events")) to \(Self.describe(frequency, "events"))") }
        if victims != earlier.victims { lines.append("Victim bands: \(Self.describe(earlier.victims, "victims")) to \(Self.describe(victims, "victims"))") }
        if serial != earlier.serial {
            lines.append("Serial rule: \(earlier.serial.distinctVictims) victims in \(earlier.serial.withinDays) days to \(serial.distinctVictims) victims in \(serial.withinDays) days")
        }
        if pairingDays != earlier.pairingDays { lines.append("Victim pairing \(earlier.pairingDays) to \(pairingDays) days") }
        return lines
    }

    static func describe(_ bands: [RecencyBand]) -> String {
        bands.isEmpty ? "none" : bands.map { "\($0.points) within \($0.withinDays) days" }.joined(separator: ", ")
    }

    static func describe(_ bands: [CountBand], _ noun: String) -> String {
        bands.isEmpty ? "none" : bands.map { "\($0.points) for \($0.atLeast)+ \(noun)" }.joined(separator: ", ")
    }
}
