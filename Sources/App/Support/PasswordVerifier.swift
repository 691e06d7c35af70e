import Vapor

/// Checks a password against a stored bcrypt hash.
///
/// Sign-in makes exactly one check per attempt, whether the username is
/// known, unknown or locked: an unknown or locked account is checked against
/// ``dummyHash``, so every attempt costs one bcrypt verify and the time taken
/// does not tell which usernames exist. Tests swap in a verifier that counts
/// its calls; the default is bcrypt on the app's thread pool.
public struct PasswordVerifier: Sendable {
    public var verify: @Sendable (_ request: Request, _ password: String, _ hash: String) async throws -> Bool

    public init(verify: @escaping @Sendable (_ request: Request, _ password: String, _ hash: String) async throws -> Bool) {
        self.verify = verify
    }

    public static let bcrypt = PasswordVerifier { request, password, hash in
        try await request.password.async.verify(password, created: hash)
    }

    /// A bcrypt hash of a random string nobody knows, at cost 12: the cost of
    /// Vapor's default hasher that stores every password (a test keeps them
    /// equal). Made once with `crypt(3)`; no password verifies against it.
    public static let dummyHash = "$2b$12$poNlLpbaumEaH5WpzOmN7efRXOl6CCysO3STM9C7HgkUGPAW0D5GG"
}

extension Application {
    private struct PasswordVerifierKey: StorageKey { typealias Value = PasswordVerifier }

    /// The verifier sign-in uses; bcrypt unless a test sets another.
    public var passwordVerifier: PasswordVerifier {
        get { storage[PasswordVerifierKey.self] ?? .bcrypt }
        set { storage[PasswordVerifierKey.self] = newValue }
    }
}
