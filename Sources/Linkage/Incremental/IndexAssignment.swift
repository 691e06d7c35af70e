/// Where `LinkageIndex` put a new record, and the evidence for it.
///
/// Contract: `personID` is the person the record now belongs to: an existing one when
/// `isNewPerson` is false, else a fresh id. `match` is the strongest pair with a record of
/// that person (nil for a new person). `reviewCandidates` lists other people the record
/// might belong to (review band, or above auto-link but refused by a guard, with the
/// reason): a reviewer should look at them, and a must-link decision can merge them.
/// People the cannot-link rule rules out are not listed.
public struct IndexAssignment: Sendable {
    public var recordID: String
    public var recordIndex: Int
    public var personID: Int
    public var isNewPerson: Bool
    public var match: ScoredPair?
    public var reviewCandidates: [Candidate]
    /// Records compared (after blocking).
    public var comparisons: Int

    /// Another person the record may belong to, with the best pair supporting it.
    public struct Candidate: Sendable {
        public var personID: Int
        public var pair: ScoredPair
        /// Why the record did not join this person automatically.
        public var reason: PairOutcome.Reason = .uncertain
    }
}
