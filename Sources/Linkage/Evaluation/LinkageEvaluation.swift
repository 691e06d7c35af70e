/// Pairwise precision, recall, F1 and cluster purity of a clustering against ground truth.
///
/// Use it in benchmarks and acceptance checks on synthetic data where the true person of
/// each record is known. Contract: `predicted[i]` and `truth[i]` label record `i`; pairs
/// are unordered pairs of records; precision and recall are 1 when there is nothing to
/// find and nothing found (so a run on all-distinct people scores 1, not NaN).
public struct LinkageEvaluation: Sendable, Codable, Equatable {
    public var records: Int
    public var truePairs: Int
    public var predictedPairs: Int
    public var correctPairs: Int
    /// Share of records whose predicted person's majority true person is their own.
    public var purity: Double
    public var predictedPeople: Int
    public var truePeople: Int

    public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
    public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Compares predicted labels with true labels (any hashable labels; arrays of equal length).
    public init<P: Hashable, T: Hashable>(predicted: [P], truth: [T]) {
        let n = min(predicted.count, truth.count)
        records = n
        var predictedSizes: [P: Int] = [:]
        var trueSizes: [T: Int] = [:]
        var cells: [Cell<P, T>: Int] = [:]
        for i in 0..<n {
            predictedSizes[predicted[i], default: 0] += 1
            trueSizes[truth[i], default: 0] += 1
            cells[Cell(predicted: predicted[i], truth: truth[i]), default: 0] += 1
        }
        func pairs(_ k: Int) -> Int { k * (k - 1) / 2 }
        truePairs = trueSizes.values.reduce(0) { $0 + pairs($1) }
        predictedPairs = predictedSizes.values.reduce(0) { $0 + pairs($1) }
        correctPairs = cells.values.reduce(0) { $0 + pairs($1) }
        var majority: [P: Int] = [:]
        for (cell, count) in cells { majority[cell.predicted] = max(majority[cell.predicted] ?? 0, count) }
        purity = n == 0 ? 1 : Double(majority.values.reduce(0, +)) / Double(n)
        predictedPeople = predictedSizes.count
        truePeople = trueSizes.count
    }

    private struct Cell<A: Hashable, B: Hashable>: Hashable {
        let predicted: A
        let truth: B
    }

    /// Evaluates a batch result against record id -> true person id. With
    /// `acceptingReview`, every pair left in the review queue counts as linked: the recall
    /// a team reaches by working through the queue ("recall including review").
    public init(result: LinkageResult, truth: [String: String], acceptingReview: Bool = false) {
        let labels = result.recordIDs.enumerated().map { truth[$0.element] ?? "unlabelled:\($0.offset)" }
        guard acceptingReview else {
            self.init(predicted: result.personOfRecord, truth: labels)
            return
        }
        var parent = Array(0..<result.personCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for pair in result.reviewQueue {
            let a = find(result.personOfRecord[pair.first]), b = find(result.personOfRecord[pair.second])
            if a != b { parent[a] = b }
        }
        self.init(predicted: result.personOfRecord.map { find($0) }, truth: labels)
    }

    /// Share of the given record-id pairs that ended up in one person: recall on a slice of
    /// the truth, e.g. only the pairs whose records differ by a nickname or a moved address,
    /// to report accuracy by type of variation. Pairs naming unknown ids count as missed.
    public static func recall(of pairs: [(String, String)], in result: LinkageResult) -> Double {
        guard !pairs.isEmpty else { return 1 }
        let clusters = result.clusters
        let linked = pairs.filter { pair in
            guard let a = clusters[pair.0], let b = clusters[pair.1] else { return false }
            return a == b
        }.count
        return Double(linked) / Double(pairs.count)
    }
}
