@testable import App
import Foundation
import Storage
import Testing
import Vapor

/// `/metrics` says how long audit batches take to reach the disk and how
/// many entries they hold: every page waits for one.
@Suite struct AuditMetricsTests {
    /// The count of a Prometheus series in the exposition text, 0 if absent.
    func count(_ series: String, in text: String) -> Double {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
    }

    @Test(arguments: TestStore.available)
    func everyBatchIsTimedAndCounted(_ store: TestStore) async throws {
        try await withApp(store) { app in
            var client = PageClient(app: app)
            let before = try await client.send(.GET, "/metrics").body.string
            let record = AuditRecord(actor: "user-1", partner: "test-police", purpose: "risk-panels", action: .read,
                                     subject: "page:1", resource: "metrics", decision: .permit, reason: "test")
            try await app.auditTrail.recordAlone([record, record], on: app.db)
            let after = try await client.send(.GET, "/metrics").body.string
            // The registry is the process's: other tests' batches may land in between, never fewer.
            #expect(count("lantern_audit_batch_write_seconds_count", in: after)
                    >= count("lantern_audit_batch_write_seconds_count", in: before) + 1)
            #expect(count("lantern_audit_batch_entries_sum", in: after)
                    >= count("lantern_audit_batch_entries_sum", in: before) + 2)
        }
    }
}
