@testable import App
import Foundation
import LanternDomain
import SQLKit
import Storage
import Testing
import Vapor

/// An area's settings as its coordinator edits them: checked whole, saved as
/// the next version with who, when and why, every version listed; others refused.
@Suite struct PanelAreaSettingsTests {
    static let area = PanelAreaConfiguration.standard(kind: .marac, slug: "test-marac", name: "Test MARAC",
                                                      attendingPartners: ["test-police", "test-council"], agreementTitle: "Test ISP")

    static func form(_ change: (inout PanelAreaSettingsController.Form) -> Void) -> [String: String] {
        var form = PanelAreaSettingsController.Form(area)
        change(&form)
        var fields: [String: String] = [
            "name": form.name ?? "", "dashHighThreshold": form.dashHighThreshold ?? "", "dashMediumThreshold": form.dashMediumThreshold ?? "",
            "escalationEvents": form.escalationEvents ?? "", "escalationWindowMonths": form.escalationWindowMonths ?? "",
            "repeatWindowMonths": form.repeatWindowMonths ?? "", "referralToListingDays": form.referralToListingDays ?? "",
            "minutesWorkingDays": form.minutesWorkingDays ?? "", "actionDefaultDueDays": form.actionDefaultDueDays ?? "",
            "agreementTitle": form.agreementTitle ?? "", "retentionClass": form.retentionClass ?? "",
            "confidentialityStatement": form.confidentialityStatement ?? "", "reason": form.reason ?? "",
        ]
        for (index, slug) in (form.attendingPartners ?? []).enumerated() { fields["attendingPartners[\(index)]"] = slug }
        for (index, slug) in (form.signatories ?? []).enumerated() { fields["signatories[\(index)]"] = slug }
        return fields
    }

    @Test(arguments: TestStore.available)
    func theCoordinatorSavesANewVersionWithAReasonAndBrokenSettingsAreRefusedWhole(_ store: TestStore) async throws {
        try await withApp(store, partnership: PanelTests.partnership) { app in
            // setup
            let sql = app.db as! any SQLDatabase
            try await PanelAreaRepository(database: sql).save(Self.area, by: "set-up", at: Date())
            try await addUser(app, "cora", partner: "test-council", roles: ["panel-chair"])
            try await addUser(app, "pat", partner: "test-police")
            let cora = try #require(try await UserRepository(database: sql).find(username: "cora"))
            try await PanelAreaRepository(database: sql).addStaff(area: Self.area.slug, user: cora.id, function: .coordinator)
            var coordinator = PageClient(app: app)
            _ = try await coordinator.signIn("cora", "correct horse battery")
            let home = try await coordinator.send(.GET, "/panels")
            #expect(home.body.string.contains("/panels/areas/test-marac/settings"), "the home links to the settings")
            let page = try await coordinator.send(.GET, "/panels/areas/test-marac/settings")
            #expect(page.status == .ok && page.body.string.contains(#"value="14""#))

            // act: a medium threshold above the high one, and no reason
            let broken = try await coordinator.send(.POST, "/panels/areas/test-marac/settings", form: Self.form {
                $0.dashMediumThreshold = "15"; $0.escalationEvents = "three"
            }.merging(["csrf": coordinator.csrf ?? ""]) { a, _ in a })

            // validate: every field named, nothing saved
            #expect(broken.status == .unprocessableEntity)
            for field in ["dashMediumThreshold", "escalationEvents", "reason"] {
                #expect(broken.body.string.contains(#"data-field="\#(field)""#), "\(field) is named")
            }
            #expect(try await PanelAreaRepository(database: sql).area("test-marac")?.version == 1)

            // act: a partner outside the protocol cannot be made to attend
            let outside = try await coordinator.send(.POST, "/panels/areas/test-marac/settings", form: Self.form {
                $0.attendingPartners = ["test-police", "test-council", "test-charity"]; $0.reason = "Add the charity"
            }.merging(["csrf": coordinator.csrf ?? ""]) { a, _ in a })
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("has not signed the operating protocol"))

            // act: a real change
            let saved = try await coordinator.send(.POST, "/panels/areas/test-marac/settings", form: Self.form {
                $0.escalationEvents = "5"; $0.reason = "Board: 5 police call-outs in 12 months, as the neighbouring area"
            }.merging(["csrf": coordinator.csrf ?? ""]) { a, _ in a })

            // validate: version 2, with who and why, listed with what changed, audited
            #expect(saved.status == .seeOther)
            let stored = try #require(try await PanelAreaRepository(database: sql).area("test-marac"))
            #expect(stored.version == 2 && stored.escalationEvents == 5 && stored.dashHighThreshold == 14)
            let versions = try await coordinator.send(.GET, "/panels/areas/test-marac/settings?saved=2").body.string
            #expect(versions.contains("Saved as version 2") && versions.contains("Escalation events: 3 to 5"))
            #expect(versions.contains("Board: 5 police call-outs") && versions.contains("Cora"))
            #expect(try await RiskCaseFixture.auditCount(app, resourceLike: "panel area settings version:2") == 1)
            let same = try await coordinator.send(.POST, "/panels/areas/test-marac/settings", form: Self.form {
                $0.escalationEvents = "5"; $0.reason = "again"
            }.merging(["csrf": coordinator.csrf ?? ""]) { a, _ in a })
            #expect(same.status == .unprocessableEntity && same.body.string.contains("already in force"))

            // validate: a practitioner is refused
            var practitioner = PageClient(app: app)
            _ = try await practitioner.signIn("pat", "correct horse battery")
            #expect(try await practitioner.send(.GET, "/panels/areas/test-marac/settings").status == .forbidden)
        }
    }

    @Test func aChangedStatementIsANewStatementVersionAndUnknownPartnersAreRefused() {
        var form = PanelAreaSettingsController.Form(Self.area)
        form.confidentialityStatement = "What is said here stays here, and is used only to protect."
        form.reason = "Plainer words"
        let (next, problems) = PanelAreaSettingsController.revise(Self.area, with: form, knownPartners: ["test-police", "test-council"])
        #expect(problems.isEmpty)
        #expect(next?.version == 2 && next?.confidentialityStatement.version == 2)
        form.signatories = ["test-police", "test-council", "nowhere"]
        let (refused, found) = PanelAreaSettingsController.revise(Self.area, with: form, knownPartners: ["test-police", "test-council"])
        #expect(refused == nil && found.map(\.field).contains("attendingPartners"))
    }
}
