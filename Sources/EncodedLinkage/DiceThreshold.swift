import Foundation

/// The Dice threshold that separates matches from non-matches, estimated without labels.
///
/// It is fitted to each record's best similarity with any candidate (see `EncodedLinker`):
/// records without a match low, records with one high (with a spike at 1 for records
/// written identically). A mixture of two betas is fitted by EM (`BetaMixture`, the same
/// idea as the clear-text linker's EM, on one similarity instead of a comparison vector)
/// and the threshold is the lowest point of the smoothed histogram from the unmatched mean
/// to the end of the first valley at or above where a record becomes as likely a match as
/// not (the betas' crossing).
/// Where the betas do not separate, the first valley of the smoothed histogram above a
/// fitted non-match mode is used (the earlier method), and with too little data `fallback`.
/// Contract: `method` says which answer was used; a fitted threshold always lies between
/// the two fitted means.
public struct DiceThreshold: Sendable, Equatable {
    public var threshold: Double
    public var nonMatchMean: Double
    public var matchMean: Double
    public var matchShare: Double
    public var fitted: Bool
    /// True when the valley fell outside `plausible` and the nearer bound was used.
    public var clamped = false
    public var method: Method = .valley

    /// How the threshold was found, for the report.
    public enum Method: String, Sendable, Equatable {
        /// Where the two fitted betas' weighted densities cross.
        case betaMixture = "two-beta mixture"
        /// The histogram's first valley above a Gaussian non-match mode, within `plausible`.
        case valley = "histogram valley"
        /// Too few records or no second mode: `fallback`.
        case fallback = "default"
    }

    public static let fallback = 0.8
    /// Where matches and non-matches meet under the starting schema on the generator's
    /// records (0.84 at 5,000 and 100,000 people). Below it the first valley is a
    /// household's mode (one surname and address), above it a dip among the matches.
    public static let plausible = 0.8...0.9

    public static func estimate(histogram: [Int]) -> DiceThreshold {
        if let mixture = BetaMixture.fit(histogram: histogram),
           mixture.high.mean - mixture.low.mean > 0.1, min(mixture.low.weight, mixture.high.weight) > 0.0005,
           let crossing = mixture.crossing(bins: histogram.count),
           crossing > mixture.low.mean, crossing < mixture.high.mean {
            // The threshold is the lowest point of the smoothed histogram from the unmatched mean
            // up to the end of the first valley at or above the betas' crossing: the fit says where
            // to look, the histogram where the two populations meet. Below the crossing, because it
            // sits high where the unmatched tail is long (the starting schema); above it, because a
            // bump of relatives (one name and address, a different or missing date of birth) pulls
            // it low (the weighted schema: crossing 0.72, valley and best F1 near 0.80).
            let bins = histogram.count
            let smooth = smoothed(histogram)
            let from = min(bins - 1, Int(mixture.low.mean * Double(bins)) + 1)
            let start = min(bins - 1, max(from, Int(crossing * Double(bins))))
            let top = max(start, min(bins - 1, Int(mixture.high.mean * Double(bins)) - 1))
            var end = start, lowest = start
            for b in start...top {
                if smooth[b] < smooth[lowest] { lowest = b }
                end = b
                // The valley ends where the histogram clearly rises into the match mode.
                if smooth[b] > 1.5 * smooth[lowest] + 1 { break }
            }
            var valley = end
            for b in stride(from: end, through: from, by: -1) where smooth[b] < smooth[valley] { valley = b }
            let threshold = (Double(valley) + 0.5) / Double(bins)
            return DiceThreshold(threshold: threshold, nonMatchMean: mixture.low.mean, matchMean: mixture.high.mean,
                                 matchShare: mixture.high.weight, fitted: true, method: .betaMixture)
        }
        var answer = valley(histogram: histogram)
        if !answer.fitted { answer.method = .fallback }
        return answer
    }

    /// The histogram averaged over a window wide enough that its counts are not noise:
    /// ±0.02 for a few thousand records, narrowing to ±0.005 from a million.
    static func smoothed(_ histogram: [Int]) -> [Double] {
        let bins = histogram.count
        let total = histogram.reduce(0, +)
        let radius = max(1, bins * (total >= 1_000_000 ? 5 : total >= 100_000 ? 10 : 20) / 1_000)
        var prefix = [0]
        prefix.reserveCapacity(bins + 1)
        for count in histogram { prefix.append(prefix[prefix.count - 1] + count) }
        return (0..<bins).map { b in
            let lo = max(0, b - radius), hi = min(bins - 1, b + radius)
            return Double(prefix[hi + 1] - prefix[lo]) / Double(hi - lo + 1)
        }
    }

    /// The earlier estimate, kept for histograms the betas cannot separate: a three-Gaussian
    /// mixture for the non-match mode, then the first valley of the smoothed histogram above it.
    static func valley(histogram: [Int]) -> DiceThreshold {
        let bins = histogram.count
        let total = histogram.reduce(0, +)
        func centre(_ b: Int) -> Double { (Double(b) + 0.5) / Double(bins) }
        guard total >= 20, bins >= 50 else {
            return DiceThreshold(threshold: fallback, nonMatchMean: 0, matchMean: 0, matchShare: 0, fitted: false)
        }
        var w = [0.6, 0.2, 0.2], mu = [0.5, 0.85, 0.98], sd = [0.08, 0.05, 0.02]
        func density(_ x: Double, _ k: Int) -> Double {
            let z = (x - mu[k]) / sd[k]
            return w[k] * Foundation.exp(-0.5 * z * z) / sd[k]
        }
        for _ in 0..<200 {
            var n = [0.0, 0.0, 0.0], s = [0.0, 0.0, 0.0], ss = [0.0, 0.0, 0.0]
            for b in 0..<bins where histogram[b] > 0 {
                let x = centre(b)
                let d = (0..<3).map { density(x, $0) }
                let sum = d.reduce(0, +)
                let c = Double(histogram[b])
                for k in 0..<3 {
                    let r = sum > 0 ? d[k] / sum : (k == 0 ? 1 : 0)
                    n[k] += c * r; s[k] += c * r * x; ss[k] += c * r * x * x
                }
            }
            for k in 0..<3 where n[k] > 0 {
                w[k] = n[k] / Double(total)
                mu[k] = s[k] / n[k]
                sd[k] = max(0.005, (ss[k] / n[k] - mu[k] * mu[k]).squareRoot())
            }
        }
        let order = (0..<3).sorted { mu[$0] < mu[$1] }
        let low = order[0]
        let matchShare = 1 - w[low]
        let matchMean = matchShare > 0 ? order.dropFirst().reduce(0) { $0 + w[$1] * mu[$1] } / matchShare : 0
        // The valley of the histogram, smoothed over ±0.02, between the non-match mode and 0.97.
        // A window wide enough that its counts are not noise: ±0.02 for a few thousand pairs,
        // narrowing to ±0.005 from a million, so a real rise is not smoothed away.
        let radius = max(1, bins * (total >= 1_000_000 ? 5 : total >= 100_000 ? 10 : 20) / 1_000)
        var smooth = [Double](repeating: 0, count: bins)
        for b in 0..<bins {
            let range = max(0, b - radius)...min(bins - 1, b + radius)
            smooth[b] = Double(range.reduce(0) { $0 + histogram[$1] }) / Double(range.count)
        }
        let from = min(bins - 1, Int((mu[low] + sd[low]) * Double(bins)))
        let to = Int(0.97 * Double(bins))
        guard matchMean - mu[low] > 0.1, matchShare > 0.0005, from < to else {
            return DiceThreshold(threshold: fallback, nonMatchMean: mu[low], matchMean: matchMean, matchShare: matchShare, fitted: false)
        }
        // The first valley: the lowest point before the histogram clearly rises again into the
        // match mode (the matches themselves may have two modes, near 0.9 and at 1, and the
        // dip between those is not the threshold).
        var valley = from
        for b in from...to {
            if smooth[b] < smooth[valley] { valley = b }
            if smooth[b] > 1.5 * smooth[valley] + 1 { break }
        }
        let found = centre(valley)
        let threshold = min(plausible.upperBound, max(plausible.lowerBound, found))
        return DiceThreshold(threshold: threshold, nonMatchMean: mu[low], matchMean: matchMean, matchShare: matchShare,
                             fitted: true, clamped: threshold != found)
    }
}
