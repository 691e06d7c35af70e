/// The tokens of `Tokeniser`, produced as UTF-8 bytes in a reused buffer instead of
/// strings: the encoder's hot path (a million records have some 45 million tokens).
///
/// Contract: the bytes of each token equal `Array(Tokeniser.tokens(value, comparison)[i].utf8)`,
/// in the same order (the known-answer tests hold both to clkhash's tokens).
enum TokenBytes {
    static func forEach(_ value: String, _ comparison: LinkageSchema.Comparison, ks: (Int) -> [Int],
                        body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        guard !value.isEmpty else { return }
        var value = value
        value.withUTF8 { utf8 in
            switch comparison {
            case .exact:
                body(utf8, ks(1)[0])
            case .ngram(let n, let positional):
                let pad = n > 1 ? n - 1 : 0
                // The padded value's bytes and where each of its characters starts.
                var padded = [UInt8](repeating: 0x20, count: pad)
                padded.append(contentsOf: utf8)
                padded.append(contentsOf: repeatElement(0x20, count: pad))
                var starts: [Int] = []
                starts.reserveCapacity(padded.count + 1)
                for (i, byte) in padded.enumerated() where byte & 0xC0 != 0x80 { starts.append(i) }
                let characters = starts.count
                starts.append(padded.count)
                guard characters >= n else { return }
                let count = characters - n + 1
                let bits = ks(count)
                var scratch: [UInt8] = []
                padded.withUnsafeBufferPointer { all in
                    for i in 0..<count {
                        let slice = UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + n]])
                        if positional {
                            scratch.removeAll(keepingCapacity: true)
                            scratch.append(contentsOf: String(i + 1).utf8)
                            scratch.append(0x20)
                            scratch.append(contentsOf: slice)
                            scratch.withUnsafeBufferPointer { body($0, bits[i]) }
                        } else {
                            body(slice, bits[i])
                        }
                    }
                }
            }
        }
    }
}
