import LeafKit
import Vapor

/// A page model turned into the values a Leaf template reads, giving what
/// Leaf's own encoder gives (nil and absent values left out, anything Leaf
/// can represent by itself taken as it is) at a fraction of its cost. Leaf's
/// encoder builds a coding path for every value (with a new string for each
/// list position) and keeps every field as a boxed existential until the
/// end; on the panel pages under load that encoding was about 6% of the
/// server's CPU. Nothing here needs a coding path, so none is kept.
enum PageContext {
    /// The model's fields by name. A model that is not a keyed structure is refused, as Leaf refuses it.
    static func encode(_ model: some Encodable) throws -> [String: LeafData] {
        let root = PageEncoder()
        try model.encode(to: root)
        guard let fields = root.node.resolved()?.dictionary else {
            if root.node.isEmpty { return [:] }
            throw LeafError(.illegalAccess("A page's context must be a structure of named fields, not a list or a single value."))
        }
        return fields
    }

    /// One value as Leaf sees it: itself where Leaf represents it directly, else its encoded form (nil: nothing to show).
    static func value(_ value: some Encodable) throws -> LeafData? {
        if let direct = value as? any LeafDataRepresentable { return direct.leafData }
        let nested = PageEncoder()
        try value.encode(to: nested)
        return nested.node.resolved()
    }
}

extension Request {
    /// Renders `template` with `model` through ``PageContext``: what `view.render` does, without Leaf's encoder.
    func renderPage(_ template: String, _ model: some Encodable) async throws -> View {
        let context = try PageContext.encode(model)
        return View(data: try await leaf.render(path: template, context: context).get())
    }
}

/// Where an encoded value lands: nothing yet, a finished value, or a
/// container filled as encoding goes on. Finished values sit in their
/// container as they are; only containers are objects, because the
/// containers the `Encoder` protocol hands out write into them later.
private final class PageNode {
    enum Entry {
        case value(LeafData)
        case node(PageNode)

        func resolved() -> LeafData? {
            switch self {
            case .value(let data): data
            case .node(let node): node.resolved()
            }
        }
    }

    enum Content {
        case empty
        case value(LeafData)
        case fields([String: Entry])
        case items([Entry])
    }
    var content: Content

    init(_ content: Content = .empty) { self.content = content }

    var isEmpty: Bool { if case .empty = content { true } else { false } }
    var count: Int { if case .items(let items) = content { items.count } else { 0 } }

    func resolved() -> LeafData? {
        switch content {
        case .empty: nil
        case .value(let data): data
        case .fields(let fields): .dictionary(fields.compactMapValues { $0.resolved() })
        case .items(let items): .array(items.compactMap { $0.resolved() })
        }
    }

    func becomeFields() {
        if case .fields = content { return }
        precondition(isEmpty, "a page model encoded two kinds of container at one place")
        content = .fields([:])
    }

    func becomeItems() {
        if case .items = content { return }
        precondition(isEmpty, "a page model encoded two kinds of container at one place")
        content = .items([])
    }

    func set(_ entry: Entry, for key: String) {
        becomeFields()
        guard case .fields(var fields) = content else { return }
        content = .empty  // so the dictionary below is the only reference and changes in place
        fields[key] = entry
        content = .fields(fields)
    }

    func append(_ entry: Entry) {
        becomeItems()
        guard case .items(var items) = content else { return }
        content = .empty
        items.append(entry)
        content = .items(items)
    }

    /// A container (or, for a super encoder, an empty place) under `key`, filled later.
    func child(for key: String, _ content: Content) -> PageNode {
        let node = PageNode(content)
        set(.node(node), for: key)
        return node
    }

    func appendedChild(_ content: Content) -> PageNode {
        let node = PageNode(content)
        append(.node(node))
        return node
    }
}

private final class PageEncoder: Encoder, SingleValueEncodingContainer {
    let node: PageNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: PageNode = PageNode()) { self.node = node }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeFields()
        return KeyedEncodingContainer(PageFields<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeItems()
        return PageItems(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws {}
    func encode(_ value: Bool) throws { node.content = .value(value.leafData) }
    func encode(_ value: String) throws { node.content = .value(value.leafData) }
    func encode(_ value: Int) throws { node.content = .value(value.leafData) }
    func encode(_ value: Double) throws { try encodeAny(value) }
    func encode(_ value: Float) throws { try encodeAny(value) }
    func encode(_ value: Int8) throws { try encodeAny(value) }
    func encode(_ value: Int16) throws { try encodeAny(value) }
    func encode(_ value: Int32) throws { try encodeAny(value) }
    func encode(_ value: Int64) throws { try encodeAny(value) }
    func encode(_ value: UInt) throws { try encodeAny(value) }
    func encode(_ value: UInt8) throws { try encodeAny(value) }
    func encode(_ value: UInt16) throws { try encodeAny(value) }
    func encode(_ value: UInt32) throws { try encodeAny(value) }
    func encode(_ value: UInt64) throws { try encodeAny(value) }
    func encode(_ value: some Encodable) throws { try encodeAny(value) }

    private func encodeAny(_ value: some Encodable) throws {
        if let data = try PageContext.value(value) { node.content = .value(data) }
    }
}

private struct PageFields<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: PageNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.set(.value(value.leafData), for: key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.set(.value(value.leafData), for: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.set(.value(value.leafData), for: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeAny(value, key) }
    mutating func encode(_ value: some Encodable, forKey key: Key) throws { try encodeAny(value, key) }

    private func encodeAny(_ value: some Encodable, _ key: Key) throws {
        if let data = try PageContext.value(value) { node.set(.value(data), for: key.stringValue) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(PageFields<NestedKey>(node: node.child(for: key.stringValue, .fields([:]))))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        PageItems(node: node.child(for: key.stringValue, .items([])))
    }

    mutating func superEncoder() -> any Encoder { PageEncoder(node: node.child(for: "super", .empty)) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { PageEncoder(node: node.child(for: key.stringValue, .empty)) }
}

private struct PageItems: UnkeyedEncodingContainer {
    let node: PageNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.count }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { node.append(.value(value.leafData)) }
    mutating func encode(_ value: String) throws { node.append(.value(value.leafData)) }
    mutating func encode(_ value: Int) throws { node.append(.value(value.leafData)) }
    mutating func encode(_ value: Double) throws { try encodeAny(value) }
    mutating func encode(_ value: Float) throws { try encodeAny(value) }
    mutating func encode(_ value: Int8) throws { try encodeAny(value) }
    mutating func encode(_ value: Int16) throws { try encodeAny(value) }
    mutating func encode(_ value: Int32) throws { try encodeAny(value) }
    mutating func encode(_ value: Int64) throws { try encodeAny(value) }
    mutating func encode(_ value: UInt) throws { try encodeAny(value) }
    mutating func encode(_ value: UInt8) throws { try encodeAny(value) }
    mutating func encode(_ value: UInt16) throws { try encodeAny(value) }
    mutating func encode(_ value: UInt32) throws { try encodeAny(value) }
    mutating func encode(_ value: UInt64) throws { try encodeAny(value) }
    mutating func encode(_ value: some Encodable) throws { try encodeAny(value) }

    private func encodeAny(_ value: some Encodable) throws {
        if let data = try PageContext.value(value) { node.append(.value(data)) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(PageFields<NestedKey>(node: node.appendedChild(.fields([:]))))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        PageItems(node: node.appendedChild(.items([])))
    }

    mutating func superEncoder() -> any Encoder { PageEncoder(node: node.appendedChild(.empty)) }
}
