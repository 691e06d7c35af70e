import Foundation
import Vapor

/// Carries out an agreed erasure (UK GDPR Art 17) through disposal, so an
/// erased record leaves nothing behind and gets its certificate like any
/// other disposal.
///
/// Use it from the rights-request workbench once the DPO agrees an erasure.
/// Contract: disposes of `sourceRecords` (ids in `source_records`) held by
/// `partner`, and everything derived from them, all or nothing; returns the
/// disposal batch's reference for the request's record. The lifecycle's
/// `DisposalService.dispose(sourceRecords:partner:reason:approvedBy:)` is the
/// real one: until it is wired in (`app.erasureDisposer`), an agreed erasure
/// is recorded as awaiting disposal.
protocol ErasureDisposer: Sendable {
    func disposeForErasure(sourceRecords: [UUID], partner: String, request reference: String,
                           approverUserID: String, approverPartner: String) async throws -> String
}

extension Application {
    private struct ErasureDisposerKey: StorageKey { typealias Value = any ErasureDisposer }

    /// The disposal an agreed erasure goes through; `nil` leaves it awaiting disposal.
    var erasureDisposer: (any ErasureDisposer)? {
        get { storage[ErasureDisposerKey.self] }
        set { storage[ErasureDisposerKey.self] = newValue }
    }
}
