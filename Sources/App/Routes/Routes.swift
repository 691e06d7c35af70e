import Vapor

/// Every route in one place: pages, the JSON API and operations.
///
/// ``AntiForgery`` guards every state change made with the session cookie,
/// once per group and after ``RequireCaller``, so a new route is covered by
/// being registered here (`AntiForgeryTests` checks every registered route).
func routes(_ app: Application) throws {
    try app.register(collection: OperationsController())
    try app.register(collection: AccessibilityController())
    try app.grouped(AntiForgery()).register(collection: SignInController())
    let pages = app.grouped(RequireCaller(api: false)).grouped(AntiForgery())
    try pages.register(collection: HomeController())
    try pages.register(collection: PeopleController())
    try pages.register(collection: ReviewController(api: false))
    try pages.register(collection: AccountController())
    try pages.register(collection: PasswordChangeController())
    try pages.register(collection: RecordHistoryController())
    try pages.register(collection: HouseholdController(api: false))
    try pages.register(collection: CaseFindingController(api: false))
    try pages.register(collection: NeedRulesController())
    try pages.register(collection: AccessRequestsController())
    try pages.register(collection: WebhooksController())
    try pages.register(collection: TokensController())
    try pages.register(collection: NotificationsController())
    try pages.register(collection: RightsRequestsController())
    try pages.register(collection: RightsReviewController())
    try pages.register(collection: BreachesController())
    try pages.register(collection: PanelsController())
    try pages.register(collection: PanelCasesController())
    try pages.register(collection: PanelMeetingsController())
    try pages.register(collection: RetentionController())
    try pages.register(collection: UsersController())
    try pages.register(collection: ReportsController(api: false))
    try pages.register(collection: MatacController())
    try pages.register(collection: MatacRulesController())
    try pages.register(collection: ASBCaseReviewController())
    try pages.register(collection: IOMController())
    let api = app.grouped("api", "v1").grouped(RequireCaller(api: true)).grouped(AntiForgery())
    try api.register(collection: PeopleAPIController())
    try api.register(collection: ImportsController())
    try api.register(collection: AuditController())
    try api.register(collection: ReviewController(api: true))
    try api.register(collection: HouseholdController(api: true))
    try api.register(collection: CaseFindingController(api: true))
    try api.register(collection: PanelsAPIController())
    try api.register(collection: ReportsController(api: true))
    try governanceRoutes(pages: pages, api: api)
}
