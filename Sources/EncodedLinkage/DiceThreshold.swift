/// The Dice threshold that separates matches from non-matches, estimated without labels.
///
/// Candidate pairs' similarities are bimodal: chance collisions of different people low,
/// the same person high. A two-component Gaussian mixture is fitted to the histogram by
/// EM (the same idea as the clear-text linker's EM, on one similarity instead of a
/// comparison vector) and the threshold is where a pair becomes more likely a match than
/// not. Contract: `estimate` needs a histogram over [0, 1]; with too few pairs or no
/// second mode it falls back to `fallback` and says so in `fitted`.
public struct DiceThreshold: Sendable, Equatable {
    public var threshold: Double
    public var nonMatchMean: Double
    public var matchMean: Double
    public var matchShare: Double
    public var fitted: Bool

    public static let fallback = 0.8

    public static func estimate(histogram: [Int]) -> DiceThreshold {
        let bins = histogram.count
        let total = histogram.reduce(0, +)
        func centre(_ b: Int) -> Double { (Double(b) + 0.5) / Double(bins) }
        guard total >= 20, bins >= 10 else {
            return DiceThreshold(threshold: fallback, nonMatchMean: 0, matchMean: 0, matchShare: 0, fitted: false)
        }
        var w = [0.5, 0.5], mu = [0.55, 0.92], sd = [0.08, 0.05]
        func density(_ x: Double, _ k: Int) -> Double {
            let z = (x - mu[k]) / sd[k]
            return w[k] * (-0.5 * z * z).exp / sd[k]
        }
        for _ in 0..<300 {
            var n = [0.0, 0.0], s = [0.0, 0.0], ss = [0.0, 0.0]
            for b in 0..<bins where histogram[b] > 0 {
                let x = centre(b)
                let d0 = density(x, 0), d1 = density(x, 1)
                let sum = d0 + d1
                let r1 = sum > 0 ? d1 / sum : (x > 0.75 ? 1 : 0)
                let c = Double(histogram[b])
                n[0] += c * (1 - r1); n[1] += c * r1
                s[0] += c * (1 - r1) * x; s[1] += c * r1 * x
                ss[0] += c * (1 - r1) * x * x; ss[1] += c * r1 * x * x
            }
            for k in 0..<2 where n[k] > 0 {
                w[k] = n[k] / Double(total)
                mu[k] = s[k] / n[k]
                sd[k] = max(0.01, (ss[k] / n[k] - mu[k] * mu[k]).squareRoot())
            }
        }
        if mu[0] > mu[1] { w.swapAt(0, 1); mu.swapAt(0, 1); sd.swapAt(0, 1) }
        guard mu[1] - mu[0] > 0.1, w[1] > 0.0005 else {
            return DiceThreshold(threshold: fallback, nonMatchMean: mu[0], matchMean: mu[1], matchShare: w[1], fitted: false)
        }
        // The first point between the means where the match component outweighs the other.
        var threshold = (mu[0] + mu[1]) / 2
        var x = mu[0]
        while x < mu[1] {
            if density(x, 1) >= density(x, 0) { threshold = x; break }
            x += 0.001
        }
        return DiceThreshold(threshold: threshold, nonMatchMean: mu[0], matchMean: mu[1], matchShare: w[1], fitted: true)
    }
}

extension Double {
    var exp: Double { Foundation.exp(self) }
}

import Foundation
