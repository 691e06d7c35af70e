import Foundation
import Ledger
import PropertyBased
import Testing

@Suite("Audit entries and their canonical bytes")
struct AuditEntryTests {
    static let sample = try! AuditEntry(
        sequence: 17,
        timestamp: 1_700_000_000_123,
        actor: "u-42",
        partner: "police",
        purpose: "safeguarding_children",
        action: .read,
        subject: "person-9",
        resource: "/people/9",
        decision: .permit,
        reason: "ISA-7 clause 4 — ok"
    )

    @Test("canonical bytes and leaf hash match the version-1 layout, computed independently")
    func knownAnswer() {
        let expected = "01" + "0000000000000011" + "0000018bcfe5687b"
            + "00000004" + "752d3432"
            + "00000006" + "706f6c696365"
            + "00000015" + "736166656775617264696e675f6368696c6472656e"
            + "00000004" + "72656164"
            + "00000008" + "706572736f6e2d39"
            + "00000009" + "2f70656f706c652f39"
            + "00000006" + "7065726d6974"
            + "00000015" + "4953412d3720636c61757365203420e28094206f6b"
        #expect(Self.sample.canonicalBytes == LedgerFixtures.bytes(expected))
        #expect(Self.sample.leafHash.hex == "fc5da30b1ab2d161aec799b1b863890134e3766e63c5e25f799d06229df1a02a")
    }

    @Test("every field changes the bytes", arguments: 0..<10)
    func everyFieldCounts(field: Int) throws {
        let s = Self.sample
        let changed = try AuditEntry(
            sequence: field == 0 ? 18 : s.sequence,
            timestamp: field == 1 ? s.timestamp + 1 : s.timestamp,
            actor: field == 2 ? "u-43" : s.actor,
            partner: field == 3 ? "health" : s.partner,
            purpose: field == 4 ? "crime_prevention" : s.purpose,
            action: field == 5 ? .export : s.action,
            subject: field == 6 ? "person-8" : s.subject,
            resource: field == 7 ? "/people/8" : s.resource,
            decision: field == 8 ? .deny : s.decision,
            reason: field == 9 ? "ISA-7 clause 5" : s.reason
        )
        #expect(changed.leafHash != s.leafHash)
    }

    @Test("length prefixes keep field boundaries unambiguous")
    func boundaries() throws {
        let a = try AuditEntry(sequence: 0, timestamp: 0, actor: "ab", partner: "c", purpose: "", action: .read,
                               subject: "", resource: "", decision: .permit, reason: "")
        let b = try AuditEntry(sequence: 0, timestamp: 0, actor: "a", partner: "bc", purpose: "", action: .read,
                               subject: "", resource: "", decision: .permit, reason: "")
        #expect(a.canonicalBytes != b.canonicalBytes)
    }

    @Test("canonical bytes decode back to the same entry, for every action and decision")
    func roundTrip() throws {
        for action in AuditAction.allCases {
            for decision in AuditDecision.allCases {
                let entry = try AuditEntry(sequence: 3, timestamp: 9, actor: "ä👩‍⚕️", partner: "p", purpose: "q",
                                           action: action, subject: "", resource: "r", decision: decision, reason: "")
                let decoded = try AuditEntry(canonicalBytes: entry.canonicalBytes)
                #expect(decoded == entry)
                #expect(decoded.canonicalBytes == entry.canonicalBytes)
            }
        }
    }

    @Test("property: random text survives the canonical round trip")
    func propertyRoundTrip() async {
        await propertyCheck(input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...40)) { sequence, length in
            let text = String((0..<length).map { Character(Unicode.Scalar(UInt32(0x61 + (sequence + $0 * 7) % 900))!) })
            let entry = try AuditEntry(sequence: sequence, timestamp: Int64(sequence) * 3, actor: text, partner: text,
                                       purpose: "", action: .breakGlass, subject: text, resource: "",
                                       decision: .permitWithMasking, reason: text)
            #expect(try AuditEntry(canonicalBytes: entry.canonicalBytes).canonicalBytes == entry.canonicalBytes)
        }
    }

    @Test("damaged bytes are refused with a stable code")
    func malformedBytes() {
        let good = Self.sample.canonicalBytes
        var wrongVersion = good
        wrongVersion[0] = 2
        var unknownAction = Self.sample.canonicalBytes
        // Replace "read" with "reed".
        let readRange = good.indices.first { Array(good[$0..<min($0 + 4, good.count)]) == Array("read".utf8) }!
        unknownAction[readRange + 2] = UInt8(ascii: "e")
        var badUTF8 = good
        badUTF8[good.count - 1] = 0xff
        for bytes in [[], Array(good.dropLast()), good + [0], wrongVersion, unknownAction, badUTF8] {
            do {
                _ = try AuditEntry(canonicalBytes: bytes)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == .malformedEntryBytes)
            }
        }
    }

    @Test("entries that could not be encoded cannot be made")
    func validation() {
        let long = String(repeating: "x", count: AuditEntry.maximumFieldByteCount + 1)
        let negativeSequence = #expect(throws: LedgerError.self) { try Self.sample.withSequence(-1) }
        let negativeTime = #expect(throws: LedgerError.self) {
            try AuditEntry(sequence: 0, timestamp: -5, actor: "", partner: "", purpose: "", action: .read,
                           subject: "", resource: "", decision: .deny, reason: "")
        }
        let tooLong = #expect(throws: LedgerError.self) {
            try AuditEntry(sequence: 0, timestamp: 0, actor: "", partner: "", purpose: "", action: .read,
                           subject: "", resource: "", decision: .deny, reason: long)
        }
        #expect([negativeSequence, negativeTime, tooLong].map { $0?.code } == Array(repeating: .invalidEntry, count: 3))
    }

    @Test("JSON round-trips and JSON input is validated")
    func json() throws {
        let data = try JSONEncoder().encode(Self.sample)
        #expect(try JSONDecoder().decode(AuditEntry.self, from: data) == Self.sample)
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"sequence\":17", with: "\"sequence\":-2")
        #expect(throws: (any Error).self) { try JSONDecoder().decode(AuditEntry.self, from: Data(text.utf8)) }
    }
}
