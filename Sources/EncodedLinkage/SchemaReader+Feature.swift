import Foundation

extension SchemaReader {
    func format(_ value: JSONValue?, _ field: String) throws -> LinkageSchema.Format {
        let format = try object(value, field)
        let type = try string(format["type"], "\(field).type")
        switch type {
        case "string":
            try onlyKeys(format, ["type", "encoding", "case", "minLength", "maxLength", "pattern", "description"], field)
            var encoding = LinkageSchema.TextEncoding.utf8
            if let value = format["encoding"] {
                let name = try string(value, "\(field).encoding")
                guard let known = LinkageSchema.TextEncoding(rawValue: name) else {
                    throw problem(.unsupported, "\(field).encoding", "\"\(name)\" is not supported: use \"utf-8\" or \"ascii\"")
                }
                encoding = known
            }
            var textCase: LinkageSchema.TextCase?
            if let value = format["case"] {
                let name = try string(value, "\(field).case")
                guard let known = LinkageSchema.TextCase(rawValue: name) else {
                    throw problem(.badValue, "\(field).case", "must be \"upper\", \"lower\" or \"mixed\", not \"\(name)\"")
                }
                textCase = known
            }
            let minLength = try format["minLength"].map { try integer($0, "\(field).minLength", minimum: 0) }
            let maxLength = try format["maxLength"].map { try integer($0, "\(field).maxLength", minimum: 1) }
            let pattern = try format["pattern"].map { try string($0, "\(field).pattern") }
            if let pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                throw problem(.badValue, "\(field).pattern", "is not a regular expression Lantern can read")
            }
            if let minLength, let maxLength, minLength > maxLength {
                throw problem(.badValue, "\(field).minLength", "is more than maxLength")
            }
            return .string(encoding: encoding, textCase: textCase, minLength: minLength, maxLength: maxLength, pattern: pattern)
        case "integer":
            try onlyKeys(format, ["type", "minimum", "maximum", "description"], field)
            let minimum = try format["minimum"].map { try integer($0, "\(field).minimum", minimum: Int.min) }
            let maximum = try format["maximum"].map { try integer($0, "\(field).maximum", minimum: Int.min) }
            return .integer(minimum: minimum, maximum: maximum)
        case "date":
            try onlyKeys(format, ["type", "format", "description"], field)
            let pattern = try string(format["format"], "\(field).format")
            guard DateFormat(pattern) != nil else {
                throw problem(.unsupported, "\(field).format", "\"\(pattern)\" is not a strptime date pattern Lantern reads (use %Y, %m, %d, %y and literal separators)")
            }
            return .date(format: pattern)
        case "enum":
            try onlyKeys(format, ["type", "values", "description"], field)
            guard case .array(let items)? = format["values"] else {
                throw problem(.missingField, "\(field).values", "must be a list of the allowed values")
            }
            let values = try items.enumerated().map { try string($1, "\(field).values[\($0)]") }
            return .enumeration(values: values)
        default:
            throw problem(.badValue, "\(field).type", "must be \"string\", \"integer\", \"date\" or \"enum\", not \"\(type)\"")
        }
    }

    func hashing(_ value: JSONValue?, _ field: String) throws -> LinkageSchema.Hashing {
        let hashing = try object(value, field)
        try onlyKeys(hashing, ["comparison", "strategy", "hash", "missingValue"], field)
        let comparison = try self.comparison(hashing["comparison"], "\(field).comparison")
        let strategy = try self.strategy(hashing["strategy"], "\(field).strategy")
        var hash = LinkageSchema.HashKind.blakeHash
        if let value = hashing["hash"] {
            let spec = try object(value, "\(field).hash")
            let type = try string(spec["type"], "\(field).hash.type")
            switch type {
            case "blakeHash":
                try onlyKeys(spec, ["type"], "\(field).hash")
            case "doubleHash":
                try onlyKeys(spec, ["type", "prevent_singularity"], "\(field).hash")
                let prevent = try spec["prevent_singularity"].map { try bool($0, "\(field).hash.prevent_singularity") } ?? false
                hash = .doubleHash(preventSingularity: prevent)
            default:
                throw problem(.badValue, "\(field).hash.type", "must be \"blakeHash\" or \"doubleHash\", not \"\(type)\"")
            }
        }
        var missing: LinkageSchema.MissingValue?
        if let value = hashing["missingValue"] {
            let spec = try object(value, "\(field).missingValue")
            try onlyKeys(spec, ["sentinel", "replaceWith"], "\(field).missingValue")
            missing = LinkageSchema.MissingValue(
                sentinel: try string(spec["sentinel"], "\(field).missingValue.sentinel"),
                replaceWith: try spec["replaceWith"].map { try string($0, "\(field).missingValue.replaceWith") })
        }
        return LinkageSchema.Hashing(comparison: comparison, strategy: strategy, hash: hash, missingValue: missing)
    }

    func comparison(_ value: JSONValue?, _ field: String) throws -> LinkageSchema.Comparison {
        let spec = try object(value, field)
        let type = try string(spec["type"], "\(field).type")
        switch type {
        case "ngram":
            try onlyKeys(spec, ["type", "n", "positional"], field)
            let n = try integer(spec["n"], "\(field).n", minimum: 1)
            let positional = try spec["positional"].map { try bool($0, "\(field).positional") } ?? false
            return .ngram(n: n, positional: positional)
        case "exact":
            try onlyKeys(spec, ["type"], field)
            return .exact
        case "numeric":
            throw problem(.unsupported, "\(field).type", "numeric comparison is not supported by Lantern yet: use \"ngram\" or \"exact\"")
        default:
            throw problem(.badValue, "\(field).type", "must be \"ngram\", \"exact\" or \"numeric\", not \"\(type)\"")
        }
    }

    func strategy(_ value: JSONValue?, _ field: String) throws -> LinkageSchema.Strategy {
        let spec = try object(value, field)
        try onlyKeys(spec, ["bitsPerToken", "bitsPerFeature"], field)
        switch (spec["bitsPerToken"], spec["bitsPerFeature"]) {
        case (let perToken?, nil):
            return .bitsPerToken(try integer(perToken, "\(field).bitsPerToken", minimum: 1))
        case (nil, let perFeature?):
            return .bitsPerFeature(try integer(perFeature, "\(field).bitsPerFeature", minimum: 1))
        default:
            throw problem(.badValue, field, "must have exactly one of bitsPerToken and bitsPerFeature")
        }
    }
}
