import PropertyBased
import Testing
@testable import Linkage

/// The record-id index answers as a dictionary filled in input order would: the same
/// repeated id refused, the same record number found, with good hashes and with hashes
/// so poor that most ids share one.
@Suite("Record ids")
struct RecordIDIndexTests {
    /// The reference: the first id (in input order) that an earlier record already has.
    static func firstRepeat(_ ids: [String]) -> String? {
        var seen = Set<String>()
        return ids.first { !seen.insert($0).inserted }
    }

    static let hashes: [(name: String, hash: @Sendable (String) -> UInt64)] = [
        ("FNV-1a", { TextFolding.hash($0.utf8) }),
        // Only the length: ids of one length all share a hash.
        ("length only", { UInt64($0.utf8.count) << 40 }),
    ]

    @Test(arguments: [0, 1])
    func repeatsAreFoundAsADictionaryWouldFindThem(_ which: Int) async {
        let hash = Self.hashes[which].hash
        let ids = Gen.int(in: 0...40).array(of: 0...60).map { $0.map { "P-\($0)" } }
        await propertyCheck(count: 300, input: ids) { ids in
            let expected = Self.firstRepeat(ids)
            do throws(LinkageError) {
                let index = try RecordIDIndex(ids, hash: hash)
                #expect(expected == nil, "\(Self.hashes[which].name): \(ids) has a repeat")
                for (number, id) in ids.enumerated() { #expect(index.index(of: id) == number) }
                #expect(index.index(of: "P-41") == nil && index.index(of: "") == nil)
            } catch {
                #expect(error == LinkageError(code: .duplicateRecordID, recordID: expected ?? "none"), "\(ids)")
            }
        }
    }

    @Test func theFirstRepeatInInputOrderIsNamedNotTheFirstInHashOrder() {
        // "b" repeats at record 3, "a" at record 4: the dictionary meets "b" first.
        for (name, hash) in Self.hashes {
            #expect(throws: LinkageError(code: .duplicateRecordID, recordID: "b"), "\(name)") {
                _ = try RecordIDIndex(["a", "b", "c", "b", "a"], hash: hash)
            }
        }
    }
}
