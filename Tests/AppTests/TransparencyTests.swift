@testable import App
import Foundation
import LanternDomain
import Testing
import Vapor

@Suite struct TransparencyTests {
    static let day = CalendarDate(year: 2026, month: 6, day: 1)!
    static let partners = TestPartnership.description.partners

    /// The test partnership plus a withdrawn agreement (its withdrawal long in
    /// effect) and one in its notice period.
    static var agreements: [Agreement] {
        var withdrawn = Agreement(
            title: "Old fire ISP", owner: "test-police", status: .withdrawn,
            inForceFrom: CalendarDate(year: 2020, month: 1, day: 1)!, reviewDue: CalendarDate(year: 2030, month: 1, day: 1)!,
            flows: [Flow(from: "test-charity", to: ["test-police"], categories: [.fire], purposes: [.evaluation],
                         art6: .legitimateInterests, statutes: ["Fire and Rescue Services Act 2004"], format: .automated)])
        withdrawn.withdrawal = Withdrawal(partner: "test-charity", noticeGivenOn: CalendarDate(year: 2025, month: 1, day: 1)!,
                                          effectiveOn: CalendarDate(year: 2025, month: 2, day: 1)!, sharesDuringNotice: true)
        var leaving = withdrawn
        leaving.title = "Housing ISP"
        leaving.flows = [Flow(from: "test-council", to: ["test-charity"], categories: [.housing], purposes: [.joiningCaseloads],
                              art6: .publicTask, format: .selfService)]
        leaving.withdrawal = Withdrawal(partner: "test-council", noticeGivenOn: day.adding(days: -1),
                                        effectiveOn: day.adding(days: 30), sharesDuringNotice: true)
        return TestPartnership.description.agreements + [withdrawn, leaving]
    }

    @Test func theRecordNamesEveryEnforcedFlowWithItsCategoriesAndBases() {
        let record = RecordOfProcessing(agreements: Self.agreements, partners: Self.partners, on: Self.day)
        let enforced = Self.agreements.filter { $0.isInForce(on: Self.day) }
        #expect(Set(record.activities.map(\.agreement)) == ["Test ISP", "Housing ISP"])
        #expect(record.activities.count == enforced.flatMap(\.flows).count)
        for (row, flow) in zip(record.activities, enforced.flatMap(\.flows)) {
            for category in flow.categories { #expect(row.categories.contains(category.label)) }
            #expect(row.lawfulBasis == flow.art6.plainLabel)
            #expect(row.criminalOffence == (flow.art10?.plainLabel ?? "None"))
            #expect(row.automatedDecisions.hasPrefix("Not applicable"))
        }
        let csv = record.csv.text
        #expect(!csv.contains("Old fire ISP") && !csv.contains("Fire and Rescue Services Act 2004"))
        #expect(csv.contains("Crime and Disorder Act 1998 s115"))
        #expect(csv.contains("sharing ends \(Self.day.adding(days: 30))"))
    }

    @Test func eachNoticeDescribesExactlyThePartnersEnforcedFlows() {
        for partner in Self.partners {
            let notice = PrivacyNotice(partner: partner, agreements: Self.agreements, partners: Self.partners, on: Self.day)
            let text = notice.csv.text
            let flows = Self.agreements.filter { $0.isInForce(on: Self.day) }.flatMap(\.flows)
            for flow in flows where flow.from == partner.slug || flow.to.contains(partner.slug) {
                for category in flow.categories {
                    #expect(text.lowercased().contains(category.label.lowercased()), "\(partner.slug): \(category)")
                }
                #expect(text.contains(flow.art6.plainLabel))
                if let art10 = flow.art10 { #expect(text.contains(art10.plainLabel)) }
            }
            #expect(!text.contains("Fire"), "the withdrawn agreement's fire flow is gone for \(partner.slug)")
            let profiling = notice.sections.first { $0.heading == "Profiling and automated decision making" }
            #expect(profiling?.paragraphs.first?.hasPrefix("Not applicable.") == true)
            #expect(text.contains("Your rights"))
        }
    }

    @Test func theDocumentsArePagesAndDownloadsFromTheStoredAgreements() async throws {
        let description = PartnershipDescription(name: "Test", partners: Self.partners, agreements: Self.agreements)
        try await withApp(.sqlite, partnership: description) { app in
            try await addUser(app, "pat")
            var client = PageClient(app: app)
            _ = try await client.signIn("pat", "correct horse battery")
            let page = try await client.send(.GET, "/transparency/ropa")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Test ISP") && !page.body.string.contains("Old fire ISP"))
            let csv = try await client.send(.GET, "/transparency/ropa.csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.hasPrefix("Agreement,Status,Flow,"))
            #expect(csv.body.string.contains("Domestic abuse"))
            let notice = try await client.send(.GET, "/transparency/privacy-notice/test-police")
            #expect(notice.status == .ok && notice.body.string.contains("How Test Police shares information"))
            let download = try await client.send(.GET, "/transparency/privacy-notice/test-police.csv")
            #expect(download.headers.first(name: .contentDisposition)?.contains("privacy-notice-test-police") == true)
            #expect(download.body.string.contains("Crime"))
            #expect(try await client.send(.GET, "/transparency/privacy-notice/nobody").status == .notFound)
        }
    }

    @Test func csvFieldsAreQuotedAndFormulasNeutralised() {
        var table = CSVTable(header: ["a", "b"])
        table.rows = [["x, y", "say \"hi\""], ["=SUM(A1)", "plain"]]
        #expect(table.text == "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n'=SUM(A1),plain\r\n")
    }
}
