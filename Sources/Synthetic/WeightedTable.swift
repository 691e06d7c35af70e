/// A fixed list of values with integer weights, sampled by binary search on
/// cumulative weights.
///
/// Use it for skewed vocabularies (surnames, given names, event categories).
/// Contract: built once, never mutated; sampling costs O(log n) and draws
/// exactly one value from the generator.
struct WeightedTable<Value: Sendable>: Sendable {
    let values: [Value]
    private let cumulative: [Int]

    init(_ pairs: [(Value, Int)]) {
        precondition(!pairs.isEmpty, "a weighted table needs at least one value")
        var running = 0
        var values: [Value] = []
        var cumulative: [Int] = []
        values.reserveCapacity(pairs.count)
        cumulative.reserveCapacity(pairs.count)
        for (value, weight) in pairs where weight > 0 {
            running += weight
            values.append(value)
            cumulative.append(running)
        }
        self.values = values
        self.cumulative = cumulative
    }

    var total: Int { cumulative.last ?? 0 }

    func sample(_ random: inout SeededGenerator) -> Value {
        values[index(random.below(total))]
    }

    /// The index of the value that owns `ticket` (0..<total).
    func index(_ ticket: Int) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > ticket { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
