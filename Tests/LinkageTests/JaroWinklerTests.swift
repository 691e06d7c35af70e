import Testing
@testable import Linkage

@Suite("Jaro-Winkler")
struct JaroWinklerTests {
    @Test(arguments: [
        ("MARTHA", "MARHTA", 0.961), ("DWAYNE", "DUANE", 0.840), ("DIXON", "DICKSONX", 0.813),
        ("JELLYFISH", "SMELLYFISH", 0.896), ("CRATE", "TRACE", 0.733),
    ])
    func knownAnswers(pair: (String, String, Double)) {
        #expect(abs(JaroWinkler.similarity(pair.0, pair.1) - pair.2) < 0.001)
    }

    @Test func edgeCases() {
        #expect(JaroWinkler.similarity("", "ABC") == 0)
        #expect(JaroWinkler.similarity("ABC", "ABC") == 1)
        #expect(JaroWinkler.similarity("ABC", "XYZ") == 0)
        let long = String(repeating: "A", count: 1_000)
        #expect(JaroWinkler.similarity(long, long + "B") > 0.9)
    }

    @Test func oneEditApart() {
        func check(_ a: String, _ b: String) -> Bool {
            var x = a, y = b
            return x.withUTF8 { p in y.withUTF8 { q in JaroWinkler.isOneEditApart(p, q) } }
        }
        #expect(check("EVA", "EAV"))
        #expect(check("THOMAS", "THMAS"))
        #expect(check("ANN", "ANNE"))
        #expect(check("SMITH", "SMYTH"))
        #expect(!check("SMITH", "SMITH"))
        #expect(!check("EVA", "AVE"))
        #expect(!check("JONES", "JAMES"))
    }
}
