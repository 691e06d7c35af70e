import EncodedLinkage
import Foundation
import LanternDomain

/// Reads encoded people files (`record_id,clk` with an optional `partner_person_id`) into
/// `EncodedRecords`, refusing the whole file at the first bad line, named.
enum EncodedFileReader {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Columns that only a clear-text people file has: such a file under `--encoded` is a mistake.
    static let clearTextColumns: Set<String> = ["given_names", "family_name", "given_name", "surname", "date_of_birth", "postcode"]

    /// Adds the file's records to `records` under `partner`; the CLK length must be `records.bits`.
    static func read(path: String, partner: String, into records: inout EncodedRecords) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Problem(description: "cannot read \(path): check the path")
        }
        defer { try? handle.close() }
        let name = (path as NSString).lastPathComponent
        var parser = CSVParser()
        var header: (id: Int, clk: Int, person: Int?)?
        var problem: Problem?
        var seen = Set<String>()
        func take(_ record: CSVRecord) {
            guard problem == nil else { return }
            guard let columns = header else {
                let names = record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if let clear = names.first(where: clearTextColumns.contains) {
                    problem = Problem(description: "\(name):1: column \(clear) is clear text: this is a people file, not an "
                                      + "encoded one; link it with --records, or encode it first with lantern encode")
                    return
                }
                guard let id = names.firstIndex(of: "record_id"), let clk = names.firstIndex(of: "clk") else {
                    problem = Problem(description: "\(name):1: an encoded file needs the columns record_id and clk "
                                      + "(as lantern encode writes them)")
                    return
                }
                header = (id, clk, names.firstIndex(of: "partner_person_id"))
                return
            }
            if record.fields.count == 1, record.fields[0].isEmpty { return }
            guard record.fields.count > max(columns.id, columns.clk) else {
                problem = Problem(description: "\(name):\(record.line): clk: the line has \(record.fields.count) fields; it needs record_id and clk")
                return
            }
            let id = record.fields[columns.id]
            guard !id.isEmpty else { problem = Problem(description: "\(name):\(record.line): record_id is empty"); return }
            guard seen.insert(id).inserted else {
                problem = Problem(description: "\(name):\(record.line): record_id \(id) appears twice in this file")
                return
            }
            let clk: CLK
            do {
                clk = try CLK(base64: record.fields[columns.clk], bits: records.bits)
            } catch let bad as CLK.Problem {
                problem = Problem(description: "\(name):\(record.line): clk \(bad.description)")
                return
            } catch {
                problem = Problem(description: "\(name):\(record.line): clk cannot be read")
                return
            }
            let person = columns.person.flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
            records.append(recordID: "\(partner):\(id)", partner: partner, clk: clk, partnerPersonID: person)
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            parser.feed(chunk, emit: take)
        }
        parser.finish(emit: take)
        if let fault = parser.encodingFault { throw Problem(description: "\(name):\(fault.line): not valid UTF-8") }
        if let line = parser.unterminatedQuoteLine { throw Problem(description: "\(name):\(line): a quoted field is never closed") }
        if let problem { throw problem }
        if header == nil { throw Problem(description: "\(name): the file is empty") }
    }

    /// The length of the first CLK in a file, to set the run's length when no schema says it.
    static func firstCLKBits(path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.read(upToCount: 1 << 16) else { return nil }
        try? handle.close()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 2)
        guard lines.count >= 2 else { return nil }
        let header = lines[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let column = header.firstIndex(of: "clk") else { return nil }
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        guard column < fields.count, let bytes = Data(base64Encoded: String(fields[column]).trimmingCharacters(in: .whitespaces)) else { return nil }
        return bytes.count * 8
    }
}
