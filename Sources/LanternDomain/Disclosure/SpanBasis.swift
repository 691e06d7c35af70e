/// A basis of the combinations an attacker can form by adding and subtracting
/// released counts, kept in reduced form so that "can this set be worked
/// out?" is one reduction.
///
/// Arithmetic is modulo a large prime: a combination found over the rationals
/// is always found here, and the rare false "yes" only makes the guard more
/// cautious. Contract: vectors are dense over the guard's classes.
struct SpanBasis {
    static let prime: Int64 = 2_147_483_647
    private var rows: [Int: [Int64]] = [:]  // pivot column -> row with 1 at the pivot
    let width: Int

    init(width: Int) { self.width = width }

    /// Adds the set of classes `members` (each with coefficient 1).
    mutating func add(_ members: [Int]) {
        var vector = [Int64](repeating: 0, count: width)
        for member in members { vector[member] = 1 }
        reduce(&vector)
        guard let pivot = vector.firstIndex(where: { $0 != 0 }) else { return }
        let inverse = Self.inverse(vector[pivot])
        for i in pivot..<width where vector[i] != 0 { vector[i] = vector[i] * inverse % Self.prime }
        rows[pivot] = vector
    }

    /// Whether the set of classes `members` is a combination of what was added.
    func contains(_ members: [Int]) -> Bool {
        var vector = [Int64](repeating: 0, count: width)
        for member in members { vector[member] = 1 }
        reduce(&vector)
        return !vector.contains { $0 != 0 }
    }

    private func reduce(_ vector: inout [Int64]) {
        for pivot in rows.keys.sorted() where vector[pivot] != 0 {
            let factor = vector[pivot]
            let row = rows[pivot]!
            for i in pivot..<width where row[i] != 0 {
                vector[i] = ((vector[i] - factor * row[i]) % Self.prime + Self.prime) % Self.prime
            }
        }
    }

    private static func inverse(_ value: Int64) -> Int64 {
        // Fermat: a^(p-2) is a's inverse modulo a prime p.
        var result: Int64 = 1, base = value % prime, exponent = prime - 2
        while exponent > 0 {
            if exponent & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            exponent >>= 1
        }
        return result
    }
}
