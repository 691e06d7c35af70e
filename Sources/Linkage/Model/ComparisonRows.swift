import Dispatch

/// Everything `RecordComparator` reads about one record, in one 128-byte row.
///
/// Comparing a pair reads two records picked by blocking, far apart in memory. Read from
/// the standardised records' twenty arrays, that was up to forty cache misses a pair, and
/// the misses, not the arithmetic, were most of the comparing stage. A row on two cache
/// lines makes it four. Contract: the fields mean what the same-named arrays of
/// `StandardisedRecords` mean, except `partner`, a small number per distinct source.
struct ComparisonRow {
    var postcode: UInt64 = 0
    var postcodeText: UInt64 = 0
    var birthText: UInt64 = 0
    var uprn: UInt64 = 0
    var phone: UInt64 = 0
    var email: UInt64 = 0
    var nhs: UInt64 = 0
    var cro: UInt64 = 0
    var street: SIMD4<UInt32> = .zero
    var given: Int32 = -1
    var middle: Int32 = -1
    var family: Int32 = -1
    var familyPartA: Int32 = -1
    var familyPartB: Int32 = -1
    var otherA: Int32 = -1
    var otherB: Int32 = -1
    var birthDate: Int32 = 0
    var house: Int32 = 0
    var flat: Int32 = 0
    /// 0 when the source is not given; otherwise the same number for the same source.
    var partner: UInt32 = 0
    var sex: UInt8 = 0
}

/// The rows of a run's records, in memory aligned to cache lines.
///
/// Shared by every copy of a comparator (workers read it at once); `RecordComparator`
/// copies it before appending when another copy still holds it. Contract: rows
/// `0..<count` are initialised; the memory lives as long as the object.
final class ComparisonRows: @unchecked Sendable {
    static let alignment = 128
    let base: UnsafeMutablePointer<ComparisonRow>
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: self.capacity * MemoryLayout<ComparisonRow>.stride,
                                                   alignment: Self.alignment)
        base = raw.bindMemory(to: ComparisonRow.self, capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Fills rows `0..<records.count` from `records`, on all cores for a large run.
    static func build(_ records: StandardisedRecords, partners: [UInt64: UInt32], capacity: Int) -> ComparisonRows {
        let rows = ComparisonRows(capacity: max(capacity, records.count))
        let n = records.count
        let parts = n < 100_000 ? 1 : 8
        let chunk = (n + parts - 1) / parts
        let fill: @Sendable (Int) -> Void = { part in
            for index in min(n, part * chunk)..<min(n, (part + 1) * chunk) {
                (rows.base + index).initialize(to: row(records, index, partners: partners))
            }
        }
        if parts == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: fill) }
        rows.count = n
        return rows
    }

    /// A copy with room for `capacity` rows.
    func copy(capacity: Int) -> ComparisonRows {
        let copy = ComparisonRows(capacity: max(capacity, count))
        copy.base.initialize(from: base, count: count)
        copy.count = count
        return copy
    }

    /// Appends in place; the caller has made sure that no other comparator holds this object
    /// and that there is room.
    func append(_ row: ComparisonRow) {
        precondition(count < capacity, "comparison rows are full")
        (base + count).initialize(to: row)
        count += 1
    }

    /// The distinct sources of `records`, numbered from 1 in order of first appearance.
    static func partnerNumbers(_ records: StandardisedRecords) -> [UInt64: UInt32] {
        var numbers: [UInt64: UInt32] = [:]
        // Records arrive a partner's file at a time, so the last source seen is nearly
        // always the next one too.
        var last: UInt64 = 0
        for source in records.source where source != last {
            last = source
            number(source, in: &numbers)
        }
        return numbers
    }

    /// Gives `source` the next number if it has none (0, no source, never gets one).
    static func number(_ source: UInt64, in numbers: inout [UInt64: UInt32]) {
        if source != 0, numbers[source] == nil { numbers[source] = UInt32(numbers.count + 1) }
    }

    static func row(_ r: StandardisedRecords, _ i: Int, partners: [UInt64: UInt32]) -> ComparisonRow {
        let slots = StandardisedRecords.streetSlots
        let source = r.source[i]
        return ComparisonRow(
            postcode: r.postcode[i], postcodeText: r.postcodeText[i], birthText: r.birthText[i], uprn: r.uprn[i],
            phone: r.phone[i], email: r.email[i], nhs: r.nhs[i], cro: r.cro[i],
            street: SIMD4(r.street[i * slots], r.street[i * slots + 1], r.street[i * slots + 2], r.street[i * slots + 3]),
            given: r.given[i], middle: r.middle[i], family: r.family[i], familyPartA: r.familyPartA[i],
            familyPartB: r.familyPartB[i], otherA: r.otherA[i], otherB: r.otherB[i], birthDate: r.birthDate[i],
            house: r.house[i], flat: r.flat[i], partner: source == 0 ? 0 : partners[source] ?? 0, sex: r.sex[i])
    }
}
