import Foundation
import Storage
import Vapor

/// `/notifications`: the caller's alerts, newest first; opening the page marks them read.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: page)
    }

    struct Page: Encodable {
        var caller: CallerView
        var csrf: String
        var notifications: [Row]
    }

    /// One notification as the page shows it, with the page it leads to.
    struct Row: Encodable {
        var message: String
        var createdAt: Date
        var read: Bool
        var path: String
    }

    func page(req: Request) async throws -> View {
        let caller = try req.caller
        let repository = NotificationRepository(database: try req.sql())
        let notifications = try await repository.notifications(for: caller.userID)
        try await repository.markRead(user: caller.userID, at: Date())
        return try await req.renderPage("notifications", Page(caller: .init(caller), csrf: req.csrfToken, notifications: notifications.map {
            Row(message: $0.message, createdAt: $0.createdAt, read: $0.read, path: $0.path)
        }))
    }
}
