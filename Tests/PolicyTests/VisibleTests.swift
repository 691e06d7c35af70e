import Foundation
import LanternDomain
import PropertyBased
import Testing
@testable import Policy

/// Masked fields cannot leak through any serialisation built from `Visible`.
struct VisibleTests {
    /// A person page row as a route would build it: every field through the decision.
    struct PersonRow: Encodable {
        var name: Visible<String>
        var offence: Visible<String>
        var injury: Visible<String>
        var daysInHospital: Visible<Int>

        var cells: [String] { [name.description, offence.description, injury.description, daysInHospital.description] }
    }

    static func csv(_ rows: [PersonRow]) -> String {
        func quote(_ field: String) -> String {
            field.contains(where: { ",\"\n\r".contains($0) })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return rows.map { $0.cells.map(quote).joined(separator: ",") }.joined(separator: "\r\n")
    }

    static func html(_ rows: [PersonRow]) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
        }
        return rows.map { "<tr>" + $0.cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined()
    }

    @Test func maskingNeverLeaksASecretThroughAnySerialisation() async throws {
        let policy = Harrowmere.policy()
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView),
                                         relationships: [.allocatedWorker])
        // The police flow carries crime and identity, not health: injury details are masked.
        let decision = policy.decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime,
                                                              fields: [.identity, .health]))
        #expect(decision.masked == [.health])
        await propertyCheck(input: Gen.int(in: 0...Int(Int32.max)), Gen.int(in: 100_000...999_999)) { seed, days in
            var rng = SplitMix(seed: seed)
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            let token = "Q" + String((0..<12).map { _ in alphabet.randomElement(using: &rng)! })
            let awkward = ["", "<b>", "\"", ",", "&", "'", "\n"].randomElement(using: &rng)!
            let secret = "stab wound \(awkward)\(token)"
            let row = PersonRow(
                name: decision.reveal("Jane \"JJ\" O'Neil, <b>", as: .identity),
                offence: decision.reveal("assault", as: .crime),
                injury: decision.reveal(secret, as: .health),
                daysInHospital: decision.reveal(days, as: .health))
            let renderings = [
                String(decoding: try JSONEncoder().encode([row]), as: UTF8.self),
                Self.csv([row]),
                Self.html([row]),
                String(describing: row), String(reflecting: row),
                { var out = ""; dump(row, to: &out); return out }(),
            ]
            for text in renderings {
                #expect(!text.contains(token), "seed \(seed) leaked in \(text)")
                #expect(!text.contains(String(days)), "seed \(seed) leaked the day count in \(text)")
                #expect(text.contains("assault"))
            }
            #expect(renderings[0].contains("\"[masked: Health]\""))
        }
    }

    @Test func aMaskedValueIsNeverEvaluated() {
        let request = Harrowmere.request([.practitioner], at: Harrowmere.childrens, purpose: .agreed(.holisticView))
        let denied = Harrowmere.policy().decide(request, item: HeldItem(heldBy: Harrowmere.police, category: .crime))
        func secret() -> String { Issue.record("a masked value was evaluated"); return "secret" }
        #expect(denied.reveal(secret(), as: .crime) == .masked(.crime))
    }

    @Test func shownValuesEncodeAsThemselves() throws {
        let shown: Visible<Int> = .shown(42)
        #expect(String(decoding: try JSONEncoder().encode([shown]), as: UTF8.self) == "[42]")
        #expect(shown.map { $0 + 1 }.value == 43)
        #expect(Visible<Int>.masked(.health).map { $0 + 1 }.isMasked)
    }
}
