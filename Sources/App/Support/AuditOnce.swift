import NIOConcurrencyHelpers
import Storage
import Vapor

/// Writes every audit entry a request records outside a transaction as one
/// batch, when the response is ready and before it is sent.
///
/// A page records at least two entries (the access decision about the people
/// it shows, then the page read), and each append waited its turn at the
/// ledger's group commit: two waits for the disk per page. Held here, they go
/// in one batch, alongside other requests' batches (``AppendGate``). Nothing
/// is sent before its entries are in the ledger: if the batch cannot be
/// written the request fails. Entries recorded after the batch was written
/// (none today) are written at once.
///
/// Use it once, outside every middleware and route that audits (it sits right
/// after the sessions middleware, wrapping ``RefusalAudit``).
struct AuditOnce: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let pending = PendingAudit()
        request.storage[PendingAudit.Key.self] = pending
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // A refused or failed request still read what it read and decided what it decided.
            try await write(pending.release(), for: request)
            throw error
        }
        try await write(pending.release(), for: request)
        return response
    }

    private func write(_ records: [AuditRecord], for request: Request) async throws {
        guard !records.isEmpty else { return }
        // The page's work is done: waiting for the ledger needs no admission place (``PageAdmission``).
        request.leaveAdmission()
        try await request.application.auditTrail.recordAlone(records, on: request.db)
    }
}

/// The entries a request has recorded and not yet written.
final class PendingAudit: Sendable {
    struct Key: StorageKey { typealias Value = PendingAudit }

    /// nil once released: entries recorded after that are written at once.
    private let records = NIOLockedValueBox<[AuditRecord]?>([])

    /// Keeps the entries for the request's batch; false once the batch is written.
    func hold(_ more: [AuditRecord]) -> Bool {
        records.withLockedValue { records in
            guard records != nil else { return false }
            records?.append(contentsOf: more)
            return true
        }
    }

    func release() -> [AuditRecord] {
        records.withLockedValue { records in
            defer { records = nil }
            return records ?? []
        }
    }
}
