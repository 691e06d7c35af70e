import Foundation

extension LinkageSchema {
    /// Reads and validates a v3 schema (see `LinkageSchema`). Unknown keys inside
    /// `format` and `hashing` are refused, as clkhash's JSON Schema refuses them, so
    /// a misspelt setting is not silently ignored.
    public static func parse(_ data: Data) throws -> LinkageSchema {
        let object: JSONValue
        do {
            object = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SchemaProblem(.notJSON, field: "(file)", reason: "not valid JSON: check brackets, commas and quotes")
        }
        let lines = LineFinder(text: String(decoding: data, as: UTF8.self))
        var reader = SchemaReader(lines: lines)
        return try reader.schema(object)
    }
}

/// Finds the line a feature starts on, so that problems can name it.
struct LineFinder {
    let text: String

    /// The first line at or after `start` holding the key `"key"`.
    func line(ofKey key: String, from start: Int) -> Int? {
        let needle = "\"\(key)\""
        var line = 1
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line >= start, row.contains(needle) { return line }
            line += 1
        }
        return nil
    }

    func line(ofIdentifier identifier: String) -> Int? {
        let needle = "\"\(identifier)\""
        var line = 1
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if row.contains("\"identifier\"") && row.contains(needle) { return line }
            line += 1
        }
        return nil
    }
}

struct SchemaReader {
    let lines: LineFinder
    var line: Int?

    init(lines: LineFinder) { self.lines = lines }

    /// A problem placed on the line of the field itself when it is written in the file,
    /// else on the line of its feature.
    func problem(_ code: SchemaProblem.Code, _ field: String, _ reason: String) -> SchemaProblem {
        let key = field.split(separator: ".").last.map { String($0.split(separator: "[")[0]) } ?? field
        let exact = code == .missingField ? nil : lines.line(ofKey: key, from: line ?? 1)
        return SchemaProblem(code, field: field, line: exact ?? line, reason: reason)
    }

    func object(_ value: JSONValue?, _ field: String) throws -> [String: JSONValue] {
        guard let value else { throw problem(.missingField, field, "is required") }
        guard case .object(let object) = value else { throw problem(.wrongType, field, "must be a JSON object, not \(value.shown)") }
        return object
    }

    func integer(_ value: JSONValue?, _ field: String, minimum: Int) throws -> Int {
        guard let value else { throw problem(.missingField, field, "is required") }
        guard case .number(let number) = value, let int = Int(exactly: number) else {
            throw problem(.wrongType, field, "must be a whole number, not \(value.shown)")
        }
        guard int >= minimum else { throw problem(.badValue, field, "must be at least \(minimum), not \(int)") }
        return int
    }

    func string(_ value: JSONValue?, _ field: String) throws -> String {
        guard let value else { throw problem(.missingField, field, "is required") }
        guard case .string(let text) = value else { throw problem(.wrongType, field, "must be a string, not \(value.shown)") }
        return text
    }

    func bool(_ value: JSONValue?, _ field: String) throws -> Bool {
        guard case .bool(let flag)? = value else {
            throw problem(.wrongType, field, "must be true or false, not \(value?.shown ?? "nothing")")
        }
        return flag
    }

    func onlyKeys(_ object: [String: JSONValue], _ allowed: Set<String>, _ field: String) throws {
        if let extra = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw problem(.badValue, "\(field).\(extra)", "is not a v3 setting (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    mutating func schema(_ root: JSONValue) throws -> LinkageSchema {
        let top = try object(root, "(schema)")
        guard let version = top["version"] else { throw problem(.missingField, "version", "is required: this reader takes version 3") }
        guard case .number(3) = version else {
            throw problem(.wrongVersion, "version", "must be 3 (clkhash linkage schema v3), not \(version.shown)")
        }
        let config = try object(top["clkConfig"], "clkConfig")
        try onlyKeys(config, ["l", "kdf", "xorFolds"], "clkConfig")
        let length = try integer(config["l"], "clkConfig.l", minimum: 8)
        guard length % 8 == 0 else { throw problem(.badValue, "clkConfig.l", "must be a multiple of 8 bits, not \(length)") }
        let folds = config["xorFolds"] == nil ? 0 : try integer(config["xorFolds"], "clkConfig.xorFolds", minimum: 0)
        guard folds <= 8 else { throw problem(.badValue, "clkConfig.xorFolds", "must be at most 8") }
        let kdf = try keyDerivation(config["kdf"])
        guard case .array(let list)? = top["features"] else {
            throw problem(top["features"] == nil ? .missingField : .wrongType, "features", "must be a list of features")
        }
        var features: [LinkageSchema.Feature] = []
        var seen: Set<String> = []
        for (index, item) in list.enumerated() {
            let feature = try self.feature(item, "features[\(index)]")
            guard seen.insert(feature.identifier).inserted else {
                throw problem(.badValue, "features[\(index)].identifier", "\"\(feature.identifier)\" appears twice")
            }
            features.append(feature)
        }
        line = nil
        guard features.contains(where: { $0.hashing != nil }) else {
            throw problem(.badValue, "features", "at least one feature must be hashed (not ignored)")
        }
        let schema = LinkageSchema(length: length, xorFolds: folds, kdf: kdf, features: features)
        let usesBlake = features.contains { $0.hashing?.hash == .blakeHash }
        if usesBlake, schema.hashLength & (schema.hashLength - 1) != 0 || schema.hashLength > 65_536 {
            throw problem(.badValue, "clkConfig.l", "blakeHash needs l x 2^xorFolds to be a power of two up to 65536, not \(schema.hashLength)")
        }
        return schema
    }

    func keyDerivation(_ value: JSONValue?) throws -> LinkageSchema.KeyDerivation {
        let kdf = try object(value, "clkConfig.kdf")
        try onlyKeys(kdf, ["type", "hash", "salt", "info", "keySize"], "clkConfig.kdf")
        guard try string(kdf["type"], "clkConfig.kdf.type") == "HKDF" else {
            throw problem(.badValue, "clkConfig.kdf.type", "must be \"HKDF\"")
        }
        var result = LinkageSchema.KeyDerivation()
        if let hash = kdf["hash"] {
            guard case .string(let name) = hash, let kind = LinkageSchema.KeyDerivation.Hash(rawValue: name) else {
                throw problem(.badValue, "clkConfig.kdf.hash", "must be \"SHA256\" or \"SHA512\"")
            }
            result.hash = kind
        }
        for key in ["salt", "info"] where kdf[key] != nil {
            guard let bytes = Data(base64Encoded: try string(kdf[key], "clkConfig.kdf.\(key)")) else {
                throw problem(.badValue, "clkConfig.kdf.\(key)", "must be base64")
            }
            if key == "salt" { result.salt = [UInt8](bytes) } else { result.info = [UInt8](bytes) }
        }
        if kdf["keySize"] != nil { result.keySize = try integer(kdf["keySize"], "clkConfig.kdf.keySize", minimum: 1) }
        guard result.keySize <= 64 else {
            throw problem(.badValue, "clkConfig.kdf.keySize", "must be at most 64 bytes (a BLAKE2b key), not \(result.keySize)")
        }
        return result
    }

    mutating func feature(_ value: JSONValue, _ field: String) throws -> LinkageSchema.Feature {
        let item = try object(value, field)
        let identifier = try string(item["identifier"], "\(field).identifier")
        line = lines.line(ofIdentifier: identifier)
        let named = "\(field) (\(identifier))"
        if item["ignored"] != nil {
            guard try bool(item["ignored"], "\(named).ignored") else {
                throw problem(.badValue, "\(named).ignored", "must be true, or left out for a hashed feature")
            }
            try onlyKeys(item, ["identifier", "ignored", "description"], named)
            return LinkageSchema.Feature(identifier: identifier, format: nil, hashing: nil)
        }
        try onlyKeys(item, ["identifier", "description", "format", "hashing"], named)
        let format = try self.format(item["format"], "\(named).format")
        let hashing = try self.hashing(item["hashing"], "\(named).hashing")
        return LinkageSchema.Feature(identifier: identifier, format: format, hashing: hashing)
    }
}
