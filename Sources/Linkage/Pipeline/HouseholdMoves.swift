import Foundation

/// Evidence that two records at different homes are one person whose household moved.
///
/// In a large population, two people with the same name and date of birth at different
/// addresses are no longer rare: at ten million records they fill much of the review queue,
/// beside the people who really moved. What tells them apart is the family: when the
/// mother's records at the old home and the new one are confidently one person, a child with
/// the same name and date of birth at those same two homes moved with her. Two strangers who
/// share a name and birthday almost never have another member of their households linked
/// across the same two homes.
///
/// Contract: pure. Only pairs scored between the two thresholds, with the same date of birth,
/// no outright person conflict and a different home (postcode and house or flat known on both
/// sides) are raised; a pair is raised by `weight` bits, capped so that the move counts for no
/// more than living at the same address would. `weight` is log2(m/u), estimated per run:
/// m is the share of confident links across two homes that another confident link, of
/// someone with another given name, joins the same two homes; u is the chance that two
/// records at different homes picked at random are at two homes so joined. Used by the batch
/// run only: an incremental record has no household links yet to lean on.
struct HouseholdMoves: Sendable {
    /// What the run learnt, for its summary.
    struct Estimate: Codable, Sendable, Equatable {
        var confidentLinksAcrossHomes = 0
        var corroboratedLinks = 0
        var m = 0.0
        var u = 0.0
        /// log2(m/u), before each pair's cap.
        var weight = 0.0
        var pairsRaised = 0
    }

    /// Fewest confident links across homes to estimate m from; below it, nothing is raised.
    static let minimumLinksAcrossHomes = 100

    private let records: StandardisedRecords
    /// Given-name codes of each confident link's two records, by the pair of homes it joins.
    private var linkedHomes: [HomePair: [GivenNames]] = [:]

    private struct HomePair: Hashable { let low: UInt64, high: UInt64 }
    private struct GivenNames: Equatable { let a: Int32, b: Int32 }

    init(records: StandardisedRecords) { self.records = records }

    /// The home of a record: postcode with house and flat number, or 0 when not known.
    func home(_ i: Int) -> UInt64 {
        let postcode = records.postcode[i], house = records.house[i], flat = records.flat[i]
        guard postcode != 0, house != 0 || flat != 0 else { return 0 }
        return TextFolding.combine(TextFolding.combine(postcode, UInt64(UInt32(bitPattern: house))),
                                   UInt64(UInt32(bitPattern: flat)))
    }

    private func homes(_ pair: ScoredPair) -> HomePair? {
        let a = home(pair.first), b = home(pair.second)
        guard a != 0, b != 0, a != b else { return nil }
        return HomePair(low: min(a, b), high: max(a, b))
    }

    /// True when another confident link, of someone whose given names are not this pair's,
    /// joins the same two homes.
    private func corroborated(_ pair: ScoredPair, homes: HomePair) -> Bool {
        guard let links = linkedHomes[homes] else { return false }
        let own = [records.given[pair.first], records.given[pair.second]]
        return links.contains { link in
            link.a >= 0 && link.b >= 0 && !own.contains(link.a) && !own.contains(link.b)
        }
    }

    /// `pairs` (strongest first) with the household-move evidence added where it applies,
    /// strongest first again, and what was estimated.
    static func apply(to pairs: [ScoredPair], records: StandardisedRecords, model: LinkageModel,
                      autoLinkWeight: Double, minimumLinks: Int = minimumLinksAcrossHomes) -> (pairs: [ScoredPair], estimate: Estimate) {
        var moves = HouseholdMoves(records: records)
        var estimate = Estimate()
        var confident: [(pair: ScoredPair, homes: HomePair)] = []
        for pair in pairs where pair.weight >= autoLinkWeight {
            guard let homes = moves.homes(pair) else { continue }
            confident.append((pair, homes))
            let names = GivenNames(a: records.given[pair.first], b: records.given[pair.second])
            var links = moves.linkedHomes[homes, default: []]
            if links.count < 4, !links.contains(names) { links.append(names) }
            moves.linkedHomes[homes] = links
        }
        estimate.confidentLinksAcrossHomes = confident.count
        estimate.corroboratedLinks = confident.filter { moves.corroborated($0.pair, homes: $0.homes) }.count
        guard confident.count >= max(1, minimumLinks), estimate.corroboratedLinks > 0 else { return (pairs, estimate) }
        estimate.m = Double(estimate.corroboratedLinks) / Double(confident.count)
        estimate.u = moves.chanceOfJoinedHomes()
        guard estimate.u > 0, estimate.m > estimate.u else { return (pairs, estimate) }
        estimate.weight = log2(estimate.m / estimate.u)

        let sameAddress = model.weight(.address, level: 1)
        var raised = pairs
        for index in raised.indices {
            let pair = raised[index]
            guard pair.weight < autoLinkWeight, pair.householdMoveAdjustment == 0,
                  pair.pattern.level(of: .dateOfBirth) == 1, !pair.hasPersonConflict,
                  (1...5).contains(pair.pattern.level(of: .givenName)),
                  pair.pattern.level(of: .address) >= 2,
                  let homes = moves.homes(pair), moves.corroborated(pair, homes: homes)
            else { continue }
            let cap = sameAddress - model.weight(.address, level: pair.pattern.level(of: .address))
            let bonus = min(estimate.weight, max(0, cap))
            guard bonus > 0 else { continue }
            raised[index] = pair.raised(byHouseholdMove: bonus)
            estimate.pairsRaised += 1
        }
        guard estimate.pairsRaised > 0 else { return (pairs, estimate) }
        raised.sort(by: ScoredPair.strongestFirst)
        return (raised, estimate)
    }

    /// The chance that two records at different homes, picked at random, sit at two homes a
    /// confident link joins. Counted over every record with a home; the denominator counts
    /// pairs at one home too, which only makes the estimate a little smaller than it could be,
    /// so the weight errs low.
    private func chanceOfJoinedHomes() -> Double {
        var residents: [UInt64: Int] = [:]
        for homes in linkedHomes.keys { residents[homes.low] = 0; residents[homes.high] = 0 }
        var withHome = 0
        for i in 0..<records.count {
            let h = home(i)
            guard h != 0 else { continue }
            withHome += 1
            if let n = residents[h] { residents[h] = n + 1 }
        }
        guard withHome > 1 else { return 0 }
        var joined = 0.0
        for homes in linkedHomes.keys {
            joined += Double(residents[homes.low] ?? 0) * Double(residents[homes.high] ?? 0)
        }
        return joined / (Double(withHome) * Double(withHome - 1) / 2)
    }
}
