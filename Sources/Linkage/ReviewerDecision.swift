/// A reviewer's ruling on two records, which every later run must respect.
///
/// Use it to feed clerical review outcomes back into `LinkageRun` and `LinkageIndex`.
/// Contract: `.samePerson` (must-link) joins the two records' people even against the
/// model; `.differentPeople` (cannot-link) keeps them in different people even when strong
/// evidence or a chain of other links says otherwise. When the two kinds contradict each
/// other, `.differentPeople` wins and the conflict is counted in the summary. Decisions
/// naming record ids that are not in the run are ignored and counted.
public struct ReviewerDecision: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable {
        case samePerson, differentPeople
    }

    public var firstRecordID: String
    public var secondRecordID: String
    public var kind: Kind

    public init(_ firstRecordID: String, _ secondRecordID: String, _ kind: Kind) {
        self.firstRecordID = firstRecordID
        self.secondRecordID = secondRecordID
        self.kind = kind
    }
}
