/// A `LinkageIndex` shared between concurrent callers (request handlers, import workers).
///
/// Use it where several tasks resolve records against one index. Contract: calls are
/// serialised by the actor, so assignments are the same as calling the index in turn.
public actor SharedLinkageIndex {
    private let index: LinkageIndex

    public init(_ index: LinkageIndex) { self.index = index }

    public func resolve(_ record: LinkageRecord) throws(LinkageError) -> IndexAssignment { try index.resolve(record) }

    @discardableResult
    public func apply(_ decision: ReviewerDecision) -> Bool { index.apply(decision) }

    public func personID(ofRecord recordID: String) -> Int? { index.personID(ofRecord: recordID) }

    public var recordCount: Int { index.recordCount }
}
