import Vapor

/// Pages and API for information governance: agreements, transparency
/// documents and the DPO's audit views. Registered by `routes(_:)`.
func governanceRoutes(pages: any RoutesBuilder, api: any RoutesBuilder) throws {
}
