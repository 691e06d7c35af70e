import Foundation

/// A mixture of two beta distributions fitted by EM to a histogram of similarities in 0...1:
/// the records without a match (low) and those with one (high).
///
/// Use it to place a threshold where a record is as likely to belong to either component
/// (`crossing`). Betas suit similarities: bounded, and skewed against 1 where identical
/// encodings pile up, where Gaussians put mass above 1. The fit works on the histogram's
/// bins, never the raw values, so its cost does not grow with the number of records.
/// Contract: `fit` returns nil, never a wild answer, when the histogram is too thin or
/// the two components do not separate.
struct BetaMixture: Sendable, Equatable {
    struct Component: Sendable, Equatable {
        var weight: Double
        var alpha: Double
        var beta: Double

        var mean: Double { alpha / (alpha + beta) }

        /// Method of moments; the variance is kept inside what a beta can have.
        init(weight: Double, mean: Double, variance: Double) {
            let m = min(0.999, max(0.001, mean))
            let v = min(m * (1 - m) * 0.99, max(1e-6, variance))
            let common = m * (1 - m) / v - 1
            self.weight = weight
            alpha = m * common
            beta = (1 - m) * common
        }

        func weightedDensity(_ x: Double) -> Double {
            let logB = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta)
            return weight * Foundation.exp((alpha - 1) * Foundation.log(x) + (beta - 1) * Foundation.log(1 - x) - logB)
        }
    }

    var low: Component
    var high: Component

    static func fit(histogram: [Int], iterations: Int = 200) -> BetaMixture? {
        let bins = histogram.count
        let total = Double(histogram.reduce(0, +))
        guard bins >= 50, total >= 20 else { return nil }
        func centre(_ b: Int) -> Double { (Double(b) + 0.5) / Double(bins) }
        // Started apart whatever the data: unmatched records a little above chance, matches near 1.
        var mixture = BetaMixture(low: Component(weight: 0.5, mean: 0.6, variance: 0.01),
                                  high: Component(weight: 0.5, mean: 0.97, variance: 0.001))
        for _ in 0..<iterations {
            var n = [0.0, 0.0], s = [0.0, 0.0], ss = [0.0, 0.0]
            for b in 0..<bins where histogram[b] > 0 {
                let x = centre(b), c = Double(histogram[b])
                let d0 = mixture.low.weightedDensity(x), d1 = mixture.high.weightedDensity(x)
                let sum = d0 + d1
                // Far from both, a bin goes to the nearer mean rather than dividing 0 by 0.
                let r1 = sum > 0 && sum.isFinite ? d1 / sum : (abs(x - mixture.high.mean) < abs(x - mixture.low.mean) ? 1 : 0)
                n[0] += c * (1 - r1); s[0] += c * (1 - r1) * x; ss[0] += c * (1 - r1) * x * x
                n[1] += c * r1; s[1] += c * r1 * x; ss[1] += c * r1 * x * x
            }
            guard n[0] > 0, n[1] > 0 else { return nil }
            let m0 = s[0] / n[0], m1 = s[1] / n[1]
            mixture.low = Component(weight: n[0] / total, mean: m0, variance: ss[0] / n[0] - m0 * m0)
            mixture.high = Component(weight: n[1] / total, mean: m1, variance: ss[1] / n[1] - m1 * m1)
        }
        if mixture.low.mean > mixture.high.mean { swap(&mixture.low, &mixture.high) }
        let finite = [mixture.low.alpha, mixture.low.beta, mixture.high.alpha, mixture.high.beta].allSatisfy(\.isFinite)
        return finite ? mixture : nil
    }

    /// The first similarity above the low mean at which a record is at least as likely to be
    /// in the high component as in the low one; nil when there is none below the high mean.
    func crossing(bins: Int = 1_000) -> Double? {
        let from = Int(low.mean * Double(bins)), to = Int(high.mean * Double(bins))
        guard from < to else { return nil }
        for b in from...to {
            let x = (Double(b) + 0.5) / Double(bins)
            if high.weightedDensity(x) >= low.weightedDensity(x) { return x }
        }
        return nil
    }
}
