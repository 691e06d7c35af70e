import ArgumentParser
import EncodedLinkage
import Foundation

/// `lantern encode --schema SCHEMA.json --secret-file KEY --out ENCODED.csv people.csv`:
/// run at a partner, offline, to turn identifiers into clkhash-compatible CLKs that the
/// hub can link without seeing a name. See docs/pprl.md.
struct EncodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode people as Bloom-filter linkage keys (clkhash v3 compatible), offline.",
        discussion: """
            The CSV's header names the schema's features (record_id first), or is a Lantern people extract.
            Values are standardised first (case, spaces, dates: see docs/pprl.md) unless --as-is is given.
            Rotating the secret means every partner re-encodes everything: encodings made under different
            secrets never match.
            """)

    @ArgumentParser.Option(help: "The clkhash linkage schema (v3) agreed by the partners.") var schema: String
    @ArgumentParser.Option(name: .customLong("secret-file"), help: "File holding the shared secret (at least 16 bytes).")
    var secretFile: String?
    @ArgumentParser.Option(help: "Where to write record_id,clk (CSV, CLK in base64).") var out: String
    @ArgumentParser.Flag(name: .customLong("as-is"), help: "Encode values exactly as written (no standardising), as clkhash does.")
    var asIs = false
    @ArgumentParser.Flag(name: .customLong("standardise-only"),
                         help: "Write the standardised CSV instead of encodings, to feed clkhash with the same values.")
    var standardiseOnly = false
    @ArgumentParser.Argument(help: "The people CSV to encode.") var input: String

    func run() async throws {
        let schema = try Self.loadSchema(schema)
        let rows: [EncodeInput.Row]
        do {
            rows = try EncodeInput.read(path: input, schema: schema)
        } catch let problem as EncodeInput.Problem {
            throw ValidationError(problem.description)
        }
        let standardiser = asIs ? nil : ValueStandardiser.lantern(schema)
        if standardiseOnly {
            try Self.writeStandardised(rows, schema: schema, standardiser: standardiser, to: out)
            print("\(rows.count) rows standardised into \(out); encode them with the agreed schema and secret")
            return
        }
        guard let secretFile else { throw ValidationError("--secret-file is needed to encode (only --standardise-only works without it)") }
        let secret: [UInt8]
        do { secret = try SecretFile.read(path: secretFile) } catch let problem as SecretFile.Problem {
            throw ValidationError(problem.description)
        }
        let encoder = try CLKEncoder(schema: schema, secret: secret)
        let start = ContinuousClock.now
        let clks: [CLK]
        do {
            clks = try await BatchEncoder.encode(rows, encoder: encoder, standardiser: standardiser)
        } catch let problem as EncodingProblem {
            throw ValidationError("\((input as NSString).lastPathComponent):\(problem.description)")
        }
        try Self.write(ids: rows.map { $0.values.first ?? "" }, clks: clks, to: out)
        let seconds = LinkBench.seconds(ContinuousClock.now - start)
        print("\(clks.count) records encoded into \(out) (\(schema.length)-bit CLKs) in \(String(format: "%.2f", seconds)) s")
        print("the hub links these without the secret; if the secret is ever rotated, every partner must re-encode")
    }

    static func loadSchema(_ path: String) throws -> LinkageSchema {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("schema \(path): cannot be read: check the path")
        }
        do {
            return try LinkageSchema.parse(data)
        } catch let problem as SchemaProblem {
            throw ValidationError("\((path as NSString).lastPathComponent): \(problem.description)")
        }
    }

    static func write(ids: [String], clks: [CLK], to path: String) throws {
        var text = "record_id,clk\n"
        text.reserveCapacity(clks.count * 190)
        for (id, clk) in zip(ids, clks) {
            text += QuarantineFile.quote(id) + "," + clk.base64 + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func writeStandardised(_ rows: [EncodeInput.Row], schema: LinkageSchema, standardiser: ValueStandardiser?,
                                  to path: String) throws {
        var text = schema.features.map { QuarantineFile.quote($0.identifier) }.joined(separator: ",") + "\n"
        for row in rows {
            let values = standardiser?.standardise(row.values) ?? row.values
            text += values.map(QuarantineFile.quote).joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
