/// Which known person each partner's encoded record is, once the linker has grouped a run
/// in which the hub encoded its own people's clear-text records beside the partners'
/// encodings.
///
/// Use it after `EncodedLinker.link` over such a run. Contract: a partner's record is
/// matched to a person only when the linker put them in one group; when a group holds
/// several people (the hub's records of different people give each its own
/// `partnerPersonID`, so the cannot-link rule keeps them apart, but a chain may still
/// meet), the record goes to the person whose encoding is most like its own, ties to the
/// lower person key. Records of the hub itself are never matched.
public enum EncodedPersonMatcher {
    public struct Match: Sendable, Equatable {
        /// The partner's record, by its index in the run.
        public var record: Int
        /// The person's key, as given in `personOfRecord`.
        public var person: String
        /// The best Dice between the record and any of the person's encodings.
        public var dice: Double
    }

    /// - Parameters:
    ///   - personOfRecord: for each record in the run, the person the hub encoded it for,
    ///     or nil for a partner's encoding.
    ///   - group: the linker's `personOf`.
    public static func matches(_ records: EncodedRecords, personOfRecord: [String?], group: [Int]) -> [Match] {
        precondition(personOfRecord.count == records.count && group.count == records.count, "one entry per record")
        var members: [Int: [Int]] = [:]
        for index in 0..<records.count { members[group[index], default: []].append(index) }
        var found: [Match] = []
        for (_, indices) in members {
            let hub = indices.filter { personOfRecord[$0] != nil }
            guard !hub.isEmpty else { continue }
            for record in indices where personOfRecord[record] == nil {
                var best: Match?
                for other in hub {
                    let person = personOfRecord[other]!
                    let dice = records.dice(record, other)
                    if let current = best, current.dice > dice || (current.dice == dice && current.person <= person) { continue }
                    best = Match(record: record, person: person, dice: dice)
                }
                if let best { found.append(best) }
            }
        }
        return found.sorted { $0.record < $1.record }
    }
}
