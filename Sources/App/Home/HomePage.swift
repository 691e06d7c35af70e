/// A role's home: its work in sections, each item with the count that
/// needs attention and where to deal with it. A plain value, rendered by
/// `home.leaf`; built by ``HomeController``.
struct HomePage: Encodable {
    var caller: CallerView
    var csrf: String
    var sections: [Section]
    /// Shown when the session started after an earlier one timed out.
    var message: String?

    struct Section: Encodable, Equatable {
        var heading: String
        var items: [Item]
    }

    /// One piece of work. `attention` is said in words on the page ("needs
    /// attention"), never by colour alone.
    struct Item: Encodable, Equatable {
        var label: String
        var path: String?
        var count: Int?
        /// The count as the page prints it; absent for an item without one.
        var countText: String?
        var note: String
        var attention: Bool

        init(_ label: String, path: String?, count: Int? = nil, note: String, attention: Bool? = nil) {
            self.label = label
            self.path = path
            self.count = count
            countText = count.map(String.init)
            self.note = note
            self.attention = attention ?? ((count ?? 0) > 0)
        }
    }
}
