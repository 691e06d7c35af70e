@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// Panel pages decode an area's settings once per process (`PanelAreaCache`),
/// but which settings they show is the store's latest on every request: a
/// version saved by any process, or a new area, is on the very next page.
@Suite struct PanelAreaCacheTests {
    /// The home page's section for one area.
    static func section(of slug: String, in page: String) -> String {
        guard let start = page.range(of: #"<section class="panel-area" id="area-\#(slug)">"#) else { return "" }
        return String(page[start.lowerBound...]).components(separatedBy: "</section>")[0]
    }

    @Test(arguments: TestStore.available)
    func settingsSavedStraightToTheStoreAreShownOnTheNextRequest(_ store: TestStore) async throws {
        try await withApp(store, partnership: PanelTests.partnership) { app in
            // setup: the coordinator's home has read (and cached) version 1
            let sql = app.db as! any SQLDatabase
            let areas = PanelAreaRepository(database: sql)
            let first = PanelAreaSettingsTests.area
            try await areas.save(first, by: "set-up", at: Date())
            try await addUser(app, "cora", partner: "test-council", roles: ["panel-chair"])
            let cora = try #require(try await UserRepository(database: sql).find(username: "cora"))
            try await areas.addStaff(area: first.slug, user: cora.id, function: .coordinator)
            var coordinator = PageClient(app: app)
            _ = try await coordinator.signIn("cora", "correct horse battery")
            let before = try await coordinator.send(.GET, "/panels").body.string
            #expect(before.contains("settings version 1") && before.contains("High risk at DASH 14 or more"))

            // act: the next version and a second area saved straight to the store, as another Lantern process over it would
            try await areas.save(first.revised { $0.name = "Test MARAC North"; $0.dashHighThreshold = 16 }, by: "elsewhere", at: Date())
            let second = PanelAreaConfiguration.standard(kind: .marac, slug: "test-marac-south", name: "Test MARAC South",
                                                         attendingPartners: ["test-police"], agreementTitle: "Test ISP")
            try await areas.save(second, by: "elsewhere", at: Date())
            try await areas.addStaff(area: second.slug, user: cora.id, function: .chair)
            let after = try await coordinator.send(.GET, "/panels").body.string

            // validate: the first area's new version, not the cached one, and the new area
            let north = Self.section(of: first.slug, in: after)
            #expect(north.contains("Test MARAC North") && north.contains("settings version 2") && north.contains("High risk at DASH 16 or more"))
            #expect(!north.contains("settings version 1") && !north.contains("High risk at DASH 14 or more"))
            #expect(Self.section(of: second.slug, in: after).contains("Test MARAC South"))
        }
    }
}
