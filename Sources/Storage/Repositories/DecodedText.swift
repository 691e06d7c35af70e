import Foundation

/// Values decoded from stored JSON text, kept by the exact text they came
/// from. Every panel list decodes each case's referral afresh, and JSON
/// decoding was the largest single cost of a list page after rendering.
/// Keyed by the whole text, an entry is only ever found for exactly the same
/// stored value, so it can never be stale: a changed referral is new text.
/// Bounded: past `capacity` entries the cache starts again empty, and it is
/// only in this process's memory (a disposed case's text is never asked for
/// again, and its entry goes at the next reset or restart).
final class DecodedText<Value: Decodable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]
    private let capacity: Int

    init(capacity: Int = 4_096) { self.capacity = capacity }

    func decode(_ text: String) throws -> Value {
        if let known = lock.withLock({ values[text] }) { return known }
        let value = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[text] = value
        }
        return value
    }
}
