import Foundation
import Storage
import Vapor

/// The signed-in user's own account: turning on a second factor.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("account", "two-factor", use: page)
        routes.post("account", "two-factor", use: confirm)
    }

    struct TwoFactorPage: Encodable {
        var caller: CallerView
        var csrf: String
        var enrolled: Bool
        var secret: String?
        var uri: String?
        var error: String?
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        let enrolled = try await AccountSecurityRepository(database: try req.sql()).totpSecret(user: caller.userID) != nil
        var secret: String?
        if !enrolled {
            let bytes = [UInt8].random(count: 20)
            secret = TOTP.base32(bytes)
            req.session.data["totp-setup"] = Data(bytes).base64EncodedString()
        }
        return try await req.renderPage("two-factor", TwoFactorPage(
            caller: .init(caller), csrf: req.csrfToken, enrolled: enrolled, secret: secret,
            uri: secret.map { "otpauth://totp/Lantern:\(caller.username)?secret=\($0)&issuer=Lantern" }))
    }

    func confirm(req: Request) async throws -> Response {
        try req.requireCSRF()
        let caller = try req.caller
        struct Form: Content { var code: String }
        guard let pending = req.session.data["totp-setup"].flatMap({ Data(base64Encoded: $0) }) else {
            return req.redirect(to: "/account/two-factor")
        }
        let code = (try? req.content.decode(Form.self).code) ?? ""
        guard let step = TOTP(secret: Array(pending)).matchingStep(code, at: Date()) else {
            let page = TwoFactorPage(caller: .init(caller), csrf: req.csrfToken, enrolled: false,
                                     secret: TOTP.base32(Array(pending)), uri: nil,
                                     error: "That code is not right. Enter the code your app shows now.")
            return try await req.renderPage("two-factor", page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let sealed = try req.application.secretBox.seal(Array(pending))
        let security = AccountSecurityRepository(database: try req.sql())
        try await security.setTOTPSecret(user: caller.userID, sealed: sealed)
        // The code that turned it on is spent: it cannot also be used to sign in.
        _ = try await security.claimTOTPStep(user: caller.userID, step: step)
        req.session.data["totp-setup"] = nil
        try await req.audit(.write, subject: "user:\(caller.userID.uuidString)", resource: "two-factor",
                            reason: "second factor turned on", purpose: "account")
        return req.redirect(to: "/account/two-factor")
    }
}
