import LanternDomain

/// A field as the viewer may see it: the value, or only the fact that a
/// field of that category was masked.
///
/// Build every rendered field through ``AccessDecision/reveal(_:as:)`` and
/// give views, JSON, CSV and HTML these values, never the raw ones. Contract:
/// the masked case holds no value at all, so no serialisation (`Encodable`,
/// `description`, `dump`, `Mirror`) can leak it; masked fields encode as
/// ``placeholder(for:)``.
public enum Visible<Value> {
    case shown(Value)
    case masked(DataCategory)

    /// The text written in place of a masked field: `[masked: Health]`.
    public static func placeholder(for category: DataCategory) -> String {
        "[masked: \(category.label)]"
    }

    public var value: Value? {
        if case .shown(let value) = self { value } else { nil }
    }

    public var isMasked: Bool {
        if case .masked = self { true } else { false }
    }

    /// The shown value transformed, or the same mask.
    public func map<Other>(_ transform: (Value) throws -> Other) rethrows -> Visible<Other> {
        switch self {
        case .shown(let value): .shown(try transform(value))
        case .masked(let category): .masked(category)
        }
    }
}

extension Visible: Sendable where Value: Sendable {}
extension Visible: Equatable where Value: Equatable {}
extension Visible: Hashable where Value: Hashable {}

extension Visible: Encodable where Value: Encodable {
    /// The value as it would encode on its own, or the placeholder string.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .shown(let value):
            try value.encode(to: encoder)
        case .masked(let category):
            var container = encoder.singleValueContainer()
            try container.encode(Self.placeholder(for: category))
        }
    }
}

extension Visible: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value's own description, or the placeholder: what text renderings use.
    public var description: String {
        switch self {
        case .shown(let value): String(describing: value)
        case .masked(let category): Self.placeholder(for: category)
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        switch self {
        case .shown(let value): Mirror(self, children: ["shown": value])
        case .masked(let category): Mirror(self, children: ["masked": category])
        }
    }
}
