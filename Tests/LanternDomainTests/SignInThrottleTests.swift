import LanternDomain
import PropertyBased
import Testing

@Suite struct SignInThrottleTests {
    let limits = SignInThrottle.Limits()

    /// One attempt in an interleaving: who, as whom, whether the password is
    /// right, and how many seconds after the one before.
    struct Attempt: CustomStringConvertible {
        var source: String
        var username: String
        var right: Bool
        var after: Double
        var description: String { "\(source)/\(username)/\(right ? "right" : "wrong")/+\(Int(after))s" }

        /// Attackers are sources 0-2 guessing at pat, alex and sam; source 3 is
        /// pat at her own desk, always with her right password.
        init(_ code: Int) {
            var n = code
            let source = n % 4; n /= 4
            let user = n % 3; n /= 3
            let right = n % 2 == 1; n /= 2
            after = Double(n % 121)
            if source == 3 {
                self.source = "pat-desk"; username = "pat"; self.right = true
            } else {
                self.source = "attacker-\(source)"; username = ["pat", "alex", "sam"][user]; self.right = right && user != 0
            }
        }
    }

    static let attempts = Gen.int(in: 0...(4 * 3 * 2 * 121 - 1)).map(Attempt.init).array(of: 1...250)

    @Test func theOwnerAtAnotherSourceIsNeverKeptOutWhateverOthersTry() async {
        await propertyCheck(input: Self.attempts) { attempts in
            var book = SignInThrottle.Book(limits: limits)
            var now = 0.0
            for attempt in attempts {
                now += attempt.after
                let outcome = book.attempt(source: attempt.source, username: attempt.username, passwordRight: attempt.right, at: now)
                if attempt.source == "pat-desk" { #expect(outcome == .checked(succeeded: true)) }
            }
        }
    }

    @Test func failuresPastTheFreeOnesAreSpacedByDoublingWaitsAndRefusalsChangeNothing() async {
        await propertyCheck(input: Self.attempts) { attempts in
            var book = SignInThrottle.Book(limits: limits)
            var now = 0.0
            // The model: failures in a row per pair (a success clears it) and per source, with their times.
            var pairFailures: [String: [Double]] = [:]
            var sourceFailures: [String: [Double]] = [:]
            func spaced(_ times: [Double], free: Int) -> Bool {
                guard times.count > free else { return true }
                for k in free..<times.count {
                    let wait = min(limits.longestWait, limits.firstWait * Double(1 << min(k - free, 30)))
                    if times[k] - times[k - 1] < wait { return false }
                }
                return true
            }
            for attempt in attempts {
                now += attempt.after
                let before = book.tallies
                let outcome = book.attempt(source: attempt.source, username: attempt.username, passwordRight: attempt.right, at: now)
                let pair = attempt.source + "/" + attempt.username
                switch outcome {
                case .refused(let until):
                    #expect(until > now)
                    #expect(book.tallies == before, "a refused attempt counts as nothing")
                case .checked(succeeded: true):
                    pairFailures[pair] = []
                case .checked(succeeded: false):
                    pairFailures[pair, default: []].append(now)
                    sourceFailures[attempt.source, default: []].append(now)
                }
                #expect(spaced(pairFailures[pair] ?? [], free: limits.pairFree))
                #expect(spaced(sourceFailures[attempt.source] ?? [], free: limits.sourceFree))
            }
        }
    }

    @Test func theWaitsDoubleFromTheFirstUpToTheLongestKnownAnswers() {
        var tally: SignInThrottle.Tally?
        var waits: [Double] = []
        for n in 1...14 {
            let at = Double(n) * 10_000
            tally = SignInThrottle.failed(tally, free: 5, at: at, limits: limits)
            waits.append((SignInThrottle.waiting(tally, at: at) ?? at) - at)
        }
        #expect(waits == [0, 0, 0, 0, 60, 120, 240, 480, 960, 1_920, 3_600, 3_600, 3_600, 3_600])
    }

    @Test func aKeyLeftAloneForADayStartsAgain() {
        var tally: SignInThrottle.Tally?
        for n in 0..<7 { tally = SignInThrottle.failed(tally, free: 5, at: Double(n * 4_000), limits: limits) }
        let later = SignInThrottle.failed(tally, free: 5, at: 24_000 + limits.forgetAfter + 1, limits: limits)
        #expect(later.failures == 1 && later.waitUntil == nil)
    }
}
