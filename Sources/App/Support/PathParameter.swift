import Foundation
import Vapor

/// Reads path parameters for every route, so a malformed one is answered
/// "not found" (404) the same way everywhere instead of reaching a query.
///
/// Use it in place of `req.parameters.get`. Contract: each reader either
/// returns a well-formed value or throws `Abort(.notFound)` naming what was
/// looked for; nothing a caller puts in a path (a 10 KB segment, a NUL, a
/// `../`, invalid UTF-8) gets further. No record can have a malformed id, so
/// "not found" is true, and it tells an anonymous caller nothing more.
extension Parameters {
    /// A UUID id, such as a person's, household's or agreement's.
    func id(_ name: String = "id", of thing: String) throws -> UUID {
        guard let text = get(name), text.utf8.count == 36, let id = UUID(uuidString: text) else {
            throw Abort(.notFound, reason: "no such \(thing)")
        }
        return id
    }

    /// A positive whole number, such as an audit entry's sequence.
    func number(_ name: String, of thing: String) throws -> Int {
        guard let text = get(name), (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let number = Int(text), number > 0 else {
            throw Abort(.notFound, reason: "no such \(thing)")
        }
        return number
    }

    /// A partner's slug or a record id from an extract: 1-64 printable ASCII
    /// characters without spaces, the rule the extract format sets for ids.
    func identifier(_ name: String, of thing: String) throws -> String {
        guard let text = get(name), PathParameterRules.isIdentifier(text) else {
            throw Abort(.notFound, reason: "no such \(thing)")
        }
        return text
    }
}

/// The rules behind the readers, shared with the request guard.
enum PathParameterRules {
    static func isIdentifier(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { $0 > 32 && $0 < 127 }
    }
}
