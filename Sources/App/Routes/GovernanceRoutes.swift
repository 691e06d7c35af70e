import Vapor

/// Pages and API for information governance: agreements, transparency
/// documents and the DPO's audit views. Registered by `routes(_:)`.
func governanceRoutes(pages: any RoutesBuilder, api: any RoutesBuilder) throws {
    try pages.register(collection: AgreementsController(api: false))
    try pages.register(collection: AgreementTermsController())
    try api.register(collection: AgreementsController(api: true))
    try pages.register(collection: TransparencyController())
    try pages.register(collection: AuditIndexController())
    try pages.register(collection: AuditViewsController(api: false))
    try api.register(collection: AuditViewsController(api: true))
}
