/// Splits a formatted value into the tokens clkhash hashes.
///
/// n-grams (n > 1) are taken over the value padded with n - 1 spaces each side;
/// positional n-grams are prefixed with their 1-based position and a space ("1 1");
/// `exact` is the whole value as one token. Characters are Unicode scalars, as in
/// Python strings. Contract: an empty value gives no tokens, n-gram or exact, as clkhash
/// 0.18 does (its known answers set no bits for an empty `exact` feature).
public enum Tokeniser {
    public static func tokens(_ value: String, _ comparison: LinkageSchema.Comparison) -> [String] {
        switch comparison {
        case .exact:
            return value.isEmpty ? [] : [value]
        case .ngram(let n, let positional):
            guard !value.isEmpty else { return [] }
            var scalars = Array(value.unicodeScalars)
            if n > 1 {
                let pad = [Unicode.Scalar](repeating: " ", count: n - 1)
                scalars = pad + scalars + pad
            }
            guard scalars.count >= n else { return [] }
            var out: [String] = []
            out.reserveCapacity(scalars.count - n + 1)
            for start in 0...(scalars.count - n) {
                var token = positional ? "\(start + 1) " : ""
                token.unicodeScalars.append(contentsOf: scalars[start..<(start + n)])
                out.append(token)
            }
            return out
        }
    }
}
