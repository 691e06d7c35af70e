import Foundation
import LanternDomain
import SQLKit

/// Who detected a breach, which categories of data it touched, and the risk
/// to the people concerned: likelihood and severity, each low, medium or
/// high, with the reason for the judgement.
public struct BreachAssessment: Sendable, Hashable {
    public static let levels = ["low", "medium", "high"]

    public var detectedBy: String
    public var dataCategories: String
    public var likelihood: String
    public var severity: String
    public var reason: String

    public init(detectedBy: String, dataCategories: String, likelihood: String, severity: String, reason: String) {
        self.detectedBy = detectedBy
        self.dataCategories = dataCategories
        self.likelihood = likelihood
        self.severity = severity
        self.reason = reason
    }

    /// Why an assessment is refused: each names the field that is missing.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case noDetectedBy, noCategories, noLevels, noReason
        public var description: String {
            switch self {
            case .noDetectedBy: "Say who detected the breach (name and role or team)."
            case .noCategories: "List the categories of data affected, for example contact details, health, criminal offence data."
            case .noLevels: "Choose the likelihood and the severity of harm: low, medium or high."
            case .noReason: "Give the reason for the risk assessment."
            }
        }
    }

    /// A whole assessment from what the DPO entered, or the first missing
    /// field: the reporting decision rests on the risk, so a part is never kept.
    public init(validating detectedBy: String?, categories: String?, likelihood: String?, severity: String?, reason: String?) throws {
        func text(_ value: String?, _ limit: Int) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return String(value.prefix(limit))
        }
        guard let detectedBy = text(detectedBy, 200) else { throw Refusal.noDetectedBy }
        guard let categories = text(categories, 500) else { throw Refusal.noCategories }
        guard let likelihood, Self.levels.contains(likelihood), let severity, Self.levels.contains(severity) else { throw Refusal.noLevels }
        guard let reason = text(reason, 2_000) else { throw Refusal.noReason }
        self.init(detectedBy: detectedBy, dataCategories: categories, likelihood: likelihood, severity: severity, reason: reason)
    }

    /// The assessment stored on a breach row, or nil if none was recorded.
    init?(row: any SQLRow) throws {
        guard let detectedBy = try row.decode(column: "detected_by", as: String?.self),
              let categories = try row.decode(column: "data_categories", as: String?.self),
              let likelihood = try row.decode(column: "risk_likelihood", as: String?.self),
              let severity = try row.decode(column: "risk_severity", as: String?.self),
              let reason = try row.decode(column: "risk_reason", as: String?.self) else { return nil }
        self.init(detectedBy: detectedBy, dataCategories: categories, likelihood: likelihood, severity: severity, reason: reason)
    }
}

extension BreachRepository {
    /// Records (or replaces) a breach's detection, data categories and risk assessment.
    public func save(_ assessment: BreachAssessment, of id: UUID) async throws {
        try await sql.update("breaches").set("detected_by", to: assessment.detectedBy)
            .set("data_categories", to: assessment.dataCategories).set("risk_likelihood", to: assessment.likelihood)
            .set("risk_severity", to: assessment.severity).set("risk_reason", to: assessment.reason)
            .where("id", .equal, id).run()
    }
}

extension BreachRecall {
    static func stored(_ row: any SQLRow) throws -> BreachRecall? {
        guard let askedOf = try row.decode(column: "recall_asked_of", as: String?.self),
              let askedAt = try row.decode(column: "recall_asked_at", as: Int64?.self) else { return nil }
        return BreachRecall(askedOf: askedOf, askedAt: askedAt, confirmedAt: try row.decode(column: "recall_confirmed_at", as: Int64?.self),
                            confirmedBy: try row.decode(column: "recall_confirmed_by", as: String?.self))
    }
}

extension BreachRepository {
    /// Saves the recall of a misdirected share as it now stands.
    public func save(_ recall: BreachRecall, of id: UUID) async throws {
        try await sql.update("breaches").set("recall_asked_of", to: recall.askedOf).set("recall_asked_at", to: recall.askedAt)
            .set("recall_confirmed_at", to: recall.confirmedAt).set("recall_confirmed_by", to: recall.confirmedBy)
            .where("id", .equal, id).run()
    }
}

extension BreachRepository {
    /// Saves the consultation with affected partners as it now stands.
    public func save(_ consultation: BreachConsultation, of id: UUID) async throws {
        try await sql.update("breaches").set("consultation", to: String(decoding: try JSONEncoder().encode(consultation), as: UTF8.self))
            .where("id", .equal, id).run()
    }

    public func close(_ id: UUID, at: Int64) async throws {
        try await sql.update("breaches").set("closed_at", to: at).where("id", .equal, id).run()
    }
}

extension BreachRepository {
    public func save(_ decision: BreachSubjectsDecision, of id: UUID) async throws {
        try await sql.update("breaches").set("subjects_decision", to: String(decoding: try JSONEncoder().encode(decision), as: UTF8.self))
            .where("id", .equal, id).run()
    }
}
