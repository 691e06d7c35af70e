@testable import App
import Foundation
import Leaf
import LeafKit
import PropertyBased
import Testing
import Vapor

/// Pages render from ``PageContext`` exactly as they did from Leaf's own encoder.
@Suite struct PageContextTests {
    /// Every construct a page model uses: text, numbers, flags, ids, dates,
    /// values that are sometimes missing, enums, lists of rows, lists of lists,
    /// keyed maps, and a hand-written encoding with nested and super containers.
    struct Model: Encodable {
        enum Kind: String, Encodable { case marac, matac }
        struct Row: Encodable {
            var name: String
            var score: Int?
            var flags: [Bool]
        }
        struct Inner: Encodable {
            var label: String
            var numbers: [Int]
            var hidden: String?
            enum Keys: String, CodingKey { case sub, list, label, parent }
            enum SubKeys: String, CodingKey { case x, y }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(label, forKey: .label)
                var sub = container.nestedContainer(keyedBy: SubKeys.self, forKey: .sub)
                try sub.encode(numbers.count, forKey: .x)
                try sub.encodeIfPresent(hidden, forKey: .y)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                for number in numbers {
                    var item = list.nestedContainer(keyedBy: SubKeys.self)
                    try item.encode(number, forKey: .x)
                }
                try list.encodeNil()
                var parent = container.superEncoder(forKey: .parent).singleValueContainer()
                try parent.encode(label.uppercased())
            }
        }
        var title: String
        var count: Int
        var ratio: Double
        var flag: Bool
        var note: String?
        var id: UUID
        var when: Date?
        var kind: Kind
        var tags: [String]
        var rows: [Row]
        var inner: Inner
        var maybeInner: Inner?
        var grid: [[Int]]
        var map: [String: String]
        var small: Int8
        var big: UInt64
        var optionals: [String?]

        init(strings: [String], ints: [Int], flags: [Bool], ratio: Double) {
            func text(_ index: Int) -> String { strings.isEmpty ? "" : strings[index % strings.count] }
            func number(_ index: Int) -> Int { ints.isEmpty ? 0 : ints[index % ints.count] }
            func yes(_ index: Int) -> Bool { flags.isEmpty ? false : flags[index % flags.count] }
            title = text(0) + "<&\"'>"
            count = number(0)
            self.ratio = ratio
            flag = yes(0)
            note = yes(1) ? text(1) : nil
            id = UUID(uuidString: String(format: "%08X-0000-4000-8000-%012X", abs(number(1)), abs(number(2))))!
            when = yes(2) ? Date(timeIntervalSince1970: Double(number(3)) * 86_400) : nil
            kind = yes(3) ? .marac : .matac
            tags = strings
            rows = ints.enumerated().map { index, value in Row(name: text(index), score: yes(index) ? value : nil, flags: Array(flags.prefix(index))) }
            inner = Inner(label: text(2), numbers: ints, hidden: yes(4) ? text(3) : nil)
            maybeInner = yes(5) ? Inner(label: text(4), numbers: Array(ints.prefix(2)), hidden: nil) : nil
            grid = ints.map { Array(ints.prefix(abs($0) % 4)) }
            map = ["a": text(5), "b": text(6)].filter { !$0.value.isEmpty }
            small = Int8(truncatingIfNeeded: number(4))
            big = UInt64(abs(number(5)))
            optionals = strings.enumerated().map { index, value in yes(index) ? value : nil }
        }
    }

    static let template = """
    #(title)|#(count)|#(ratio)|#(flag)|#if(note):#(note)#else:no note#endif|#(id)|#if(when):#(when)#else:no date#endif|#(kind)
    #(count(tags)):#for(t in tags):[#(t)#if(isFirst): first#endif]#endfor
    #for(r in rows):#(r.name)=#if(r.score):#(r.score)#else:-#endif/#(count(r.flags))#for(f in r.flags):#(f)#endfor;#endfor
    #(inner.label) #(inner.sub.x) #if(inner.sub.y):#(inner.sub.y)#else:hidden#endif #(inner.parent) #(count(inner.list)) #for(i in inner.list):#(i.x),#endfor
    #if(maybeInner):#(maybeInner.label) #(maybeInner.sub.x)#else:none#endif
    #for(g in grid):(#for(v in g):#(v) #endfor)#endfor
    #(map.a)/#(map.b)/#if(map.a):has a#endif|#(small)|#(big)|#(count(optionals)) #for(o in optionals):<#(o)>#endfor
    """

    @Test func everyModelRendersAsLeafsOwnEncoderRendersIt() async throws {
        try await withRenderer { renderer in
            let strings = Gen.letterOrNumber.string(of: 0...5).array(of: 0...6)
            let ints = Gen.int(in: -300...300).array(of: 0...6)
            await propertyCheck(count: 300, input: strings, ints, Gen.bool.array(of: 0...6), Gen.double(in: -1_000...1_000)) { strings, ints, flags, ratio in
                let model = Model(strings: strings, ints: ints, flags: flags, ratio: ratio)
                let leafs = Self.text(try await renderer.render(path: "model", context: model).get())
                let ours = Self.text(try await renderer.render(path: "model", context: PageContext.encode(model)).get())
                #expect(ours == leafs)
            }
        }
    }

    @Test func aKnownModelGivesKnownValues() throws {
        let model = Model(strings: ["Ann", "Bo"], ints: [3, -1], flags: [true, false], ratio: 0.5)
        let context = try PageContext.encode(model)
        #expect(context["title"] == .string("Ann<&\"'>"))
        #expect(context["count"] == .int(3))
        #expect(context["ratio"] == .double(0.5))
        #expect(context["flag"] == .bool(true))
        #expect(context["note"] == nil)  // missing values are left out, as Leaf leaves them
        #expect(context["kind"] == .string("matac"))
        #expect(context["tags"] == .array([.string("Ann"), .string("Bo")]))
        #expect(context["optionals"] == .array([.string("Ann")]))
        #expect(context["rows"] == .array([
            .dictionary(["name": .string("Ann"), "score": .int(3), "flags": .array([])]),
            .dictionary(["name": .string("Bo"), "flags": .array([.bool(true)])]),
        ]))
        #expect(context["inner"] == .dictionary([
            "label": .string("Ann"), "sub": .dictionary(["x": .int(2), "y": .string("Bo")]), "parent": .string("ANN"),
            "list": .array([.dictionary(["x": .int(3)]), .dictionary(["x": .int(-1)])]),
        ]))
        #expect(context["id"] == .string("00000001-0000-4000-8000-000000000003"))
    }

    @Test func aModelThatIsNotNamedFieldsIsRefused() throws {
        #expect(throws: LeafError.self) { try PageContext.encode(["a list", "not fields"]) }
        #expect(throws: LeafError.self) { try PageContext.encode("one value") }
        #expect(try PageContext.encode([String: String]()) == [:])
    }

    static func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    func withRenderer(_ body: (LeafRenderer) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.template.write(to: folder.appendingPathComponent("model.leaf"), atomically: true, encoding: .utf8)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let path = folder.path + "/"
        let renderer = LeafRenderer(
            configuration: LeafConfiguration(rootDirectory: path),
            sources: .singleSource(NIOLeafFiles(fileio: NonBlockingFileIO(threadPool: pool), limits: [.requireExtensions],
                                                sandboxDirectory: path, viewDirectory: path)),
            eventLoop: group.next())
        do {
            try await body(renderer)
        } catch {
            try await pool.shutdownGracefully()
            try await group.shutdownGracefully()
            throw error
        }
        try await pool.shutdownGracefully()
        try await group.shutdownGracefully()
    }
}
