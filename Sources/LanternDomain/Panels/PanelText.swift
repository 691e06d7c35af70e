extension String {
    /// Empty or only spaces: a required answer that was not given.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

extension String {
    /// "victim" -> "Victim", for labels made from codes.
    var initialCapital: String { prefix(1).uppercased() + dropFirst() }
}
