import ArgumentParser
import Foundation
import Ledger
import Storage

/// `lantern token add|list|revoke`: scoped API tokens for partners' automated
/// feeds. Partner administrators do the same for their own partner at `/tokens`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage partners' API tokens.",
                                                    subcommands: [Add.self, List.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create a token; it is printed once.")
        @ArgumentParser.Option(help: "What the feed is, for example Police nightly extract.") var name: String
        @ArgumentParser.Option(help: "The partner whose extracts the token may load.") var partner: String
        @ArgumentParser.Option(help: "Comma-separated purposes the feed serves.") var purposes = "case-finding"

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let token = APIToken.make()
            try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let sql = try AppRunner.sql(app)
                guard try await PartnershipRepository(database: sql).partners().contains(where: { $0.slug == partner }) else {
                    throw StorageError.unknownPartner(partner)
                }
                _ = try await AccountSecurityRepository(database: sql).addToken(
                    name: name, partner: partner, purposes: purposes.split(separator: ",").map(String.init),
                    tokenHash: APIToken.hash(token), at: Date())
            }
            print("Token for \(partner) (\(name)); keep it secret, it is not shown again:\n\(token)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens, revoked ones included (never their secrets).")
        @ArgumentParser.Option(help: "Only this partner's tokens.") var partner: String?

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let tokens = try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                return try await AccountSecurityRepository(database: try AppRunner.sql(app)).tokens(partners: partner.map { [$0] })
            }
            if tokens.isEmpty { print("No tokens" + (partner.map { " for \($0)" } ?? "") + ".") }
            for token in tokens {
                let state = token.revokedAt.map { "revoked \(GovernanceTime.text($0))" } ?? "in force"
                print("\(token.id)  \(token.partner)  \(token.name)  purposes: \(token.purposes.joined(separator: ","))  "
                      + "created \(GovernanceTime.text(token.createdAt))  "
                      + "last used \(token.lastUsedAt.map(GovernanceTime.text) ?? "never")  \(state)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token; the next request that presents it is refused.")
        @ArgumentParser.Argument(help: "The token's id, or its name when only one token in force has it (see `lantern token list`).")
        var token: String

        func run() async throws {
            let config = LanternConfiguration.fromEnvironment()
            let revoked = try await AppRunner.withApp(config) { app in
                try await app.autoMigrate()
                let repository = AccountSecurityRepository(database: try AppRunner.sql(app))
                let chosen = try TokenReference(token).resolve(among: try await repository.tokens())
                guard try await repository.revokeToken(id: chosen.id, at: Date()) else { throw TokenReference.Problem.alreadyRevoked(chosen.id) }
                try await app.auditTrail.recordAlone([AuditRecord(
                    actor: "command-line", partner: chosen.partner, purpose: "governance", action: .write,
                    subject: "partner:\(chosen.partner)", resource: "api-token:\(chosen.id.uuidString) revoked",
                    decision: .permit, reason: "revoked with lantern token revoke")], on: app.db)
                return chosen
            }
            print("Token \(revoked.id) (\(revoked.partner), \(revoked.name)) revoked; requests that present it are refused from now.")
        }
    }
}

/// What `lantern token revoke` was given: an id, or the name of exactly one
/// token in force. A name that several tokens share is refused rather than
/// guessed, since revoking the wrong feed stops a partner's imports.
struct TokenReference {
    let text: String

    init(_ text: String) { self.text = text.trimmingCharacters(in: .whitespaces) }

    enum Problem: Error, CustomStringConvertible, Equatable {
        case notFound(String)
        case ambiguous(String, [UUID])
        case alreadyRevoked(UUID)

        var description: String {
            switch self {
            case .notFound(let text): "no token has the id or in-force name \"\(text)\": see `lantern token list`"
            case .ambiguous(let name, let ids):
                "\(ids.count) tokens in force are named \"\(name)\": give one id instead (\(ids.map(\.uuidString).joined(separator: ", ")))"
            case .alreadyRevoked(let id): "token \(id) was already revoked; nothing changed"
            }
        }
    }

    func resolve(among tokens: [StoredToken]) throws -> StoredToken {
        if let id = UUID(uuidString: text) {
            guard let token = tokens.first(where: { $0.id == id }) else { throw Problem.notFound(text) }
            return token
        }
        let named = tokens.filter { $0.name == text && $0.revokedAt == nil }
        guard let first = named.first else { throw Problem.notFound(text) }
        guard named.count == 1 else { throw Problem.ambiguous(text, named.map(\.id)) }
        return first
    }
}
