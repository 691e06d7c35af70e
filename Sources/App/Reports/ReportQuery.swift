import LanternDomain
import Vapor

/// A report request as asked: period range, breakdown, area and category
/// filters, audience. Parsed once for the page, the CSV, the API and the CLI.
struct ReportQuery: Content, Sendable {
    var from: String?
    var to: String?
    var period: String?
    var by: String?
    var area: String?
    var category: String?
    var audience: String?
    /// The equality report's split: sex, age or ethnicity.
    var split: String?
    /// The evaluation's intervention: marac or lead-professional.
    var intervention: String?
}

/// A request Lantern cannot answer as asked, with what to ask instead.
struct ReportProblem: AbortError, Sendable {
    var code: String
    var reason: String
    var status: HTTPResponseStatus { code == "would-isolate" ? .conflict : .badRequest }
}

/// The request checked against the data: real periods, a real area, a known category.
struct ReportRequest: Sendable {
    var fromMonth: Int
    var toMonth: Int
    var period: PeriodLevel
    var by: Breakdown
    /// A district or sector code, as given.
    var area: String?
    var areaIsSector: Bool
    /// The category groups counted (a filter, or the columns when broken down by category).
    var categories: [ReportCategory]
    /// Whether the caller named the categories (else sensitive ones are left out).
    var categoryGiven: Bool
    var policy: DisclosurePolicy

    enum Breakdown: String, Sendable, CaseIterable { case category, partner, area }

    /// `thisMonth` stands in for the data's span when no events are loaded yet (the tables are then all 0).
    init(_ query: ReportQuery, atoms: EventAtoms, thisMonth: Int) throws {
        let span = atoms.months ?? thisMonth...thisMonth
        // The page's form sends every field, blank when left alone: blank means the default.
        toMonth = try query.to.flatMap { $0.isEmpty ? nil : $0 }.map { try Self.month($0, name: "to") } ?? span.upperBound
        fromMonth = try query.from.flatMap { $0.isEmpty ? nil : $0 }.map { try Self.month($0, name: "from") } ?? max(span.lowerBound, toMonth - 11)
        guard fromMonth <= toMonth else {
            throw ReportProblem(code: "bad-period", reason: "'from' (\(query.from ?? "")) is after 'to' (\(query.to ?? "")): give the earlier month first.")
        }
        guard toMonth - fromMonth < 120 else { throw ReportProblem(code: "bad-period", reason: "Ask for at most ten years at a time.") }
        period = try query.period.flatMap { $0.isEmpty ? nil : $0 }.map {
            guard let level = PeriodLevel(rawValue: $0) else {
                throw ReportProblem(code: "bad-period", reason: "No period '\($0)': use month, quarter or year.")
            }
            return level
        } ?? .month
        by = try query.by.flatMap { $0.isEmpty ? nil : $0 }.map {
            guard let breakdown = Breakdown(rawValue: $0) else {
                throw ReportProblem(code: "bad-breakdown", reason: "No breakdown '\($0)': use category, partner or area.")
            }
            return breakdown
        } ?? .category
        let named = query.category.flatMap { $0.isEmpty ? nil : $0 }
        categoryGiven = named != nil
        categories = try ReportCategory.named(named)
        let audience = try query.audience.flatMap { $0.isEmpty ? nil : $0 }.map {
            guard let audience = Audience(rawValue: $0) else {
                throw ReportProblem(code: "bad-audience", reason: "No audience '\($0)': use board, partners or public.")
            }
            return audience
        } ?? .board
        policy = .standard(for: audience)
        areaIsSector = false
        if let given = query.area?.trimmingCharacters(in: .whitespaces).uppercased(), !given.isEmpty {
            if atoms.districts.contains(given) {
                area = given
            } else if atoms.districtOf[given] != nil {
                area = given
                areaIsSector = true
            } else {
                let known = atoms.districts.prefix(12).joined(separator: ", ")
                throw ReportProblem(code: "unknown-area", reason: "No postcode district or sector '\(given)' in the partnership's data. Known districts: \(known)\(atoms.districts.count > 12 ? "..." : "").")
            }
        }
    }

    /// "2026-03" as a month index, or a problem naming the parameter.
    static func month(_ text: String, name: String) throws -> Int {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month),
              (1900...2200).contains(year) else {
            throw ReportProblem(code: "bad-period", reason: "'\(name)' must be a month written YYYY-MM, for example 2026-03; '\(text)' is not.")
        }
        return MonthIndex.of(year: year, month: month)
    }
}

/// A group of event categories a report counts together. Sensitive groups
/// (domestic abuse, sexual offences, exploitation, mental health) are kept
/// apart so that ordinary tables can be shown at the finer levels.
struct ReportCategory: Sendable, Hashable {
    var id: String
    var label: String
    var codes: Set<String>
    var sensitive: Bool

    static let sensitiveGroups: [ReportCategory] = [
        ReportCategory(id: "domestic-abuse", label: "Domestic abuse", codes: DataCategory.domesticAbuse.eventCodes, sensitive: true),
        ReportCategory(id: "sexual-offences", label: "Sexual offences", codes: [EventCategory.sexualOffence.rawValue], sensitive: true),
        ReportCategory(id: "exploitation", label: "Exploitation",
                       codes: Set([EventCategory.childExploitation, .countyLines, .cuckooing].map(\.rawValue)), sensitive: true),
        ReportCategory(id: "mental-health", label: "Mental health", codes: [EventCategory.mentalHealth.rawValue], sensitive: true),
    ]

    static let ordinaryGroups: [ReportCategory] = {
        let sensitive = sensitiveGroups.reduce(into: Set<String>()) { $0.formUnion($1.codes) }.union(DisclosurePolicy.sensitive)
        return DataCategory.reportable.compactMap { category in
            let codes = category.eventCodes.subtracting(sensitive)
            guard !codes.isEmpty else { return nil }
            if category == .exploitation { return ReportCategory(id: "missing", label: "Missing episodes", codes: codes, sensitive: false) }
            let words = category.rawValue.replacingOccurrences(of: "-", with: " ")
            return ReportCategory(id: category.rawValue, label: category == .asb ? "Anti-social behaviour" : words.prefix(1).uppercased() + words.dropFirst(),
                                  codes: codes, sensitive: false)
        }
    }()

    /// The groups for a `category=` value: one group's id, `sensitive`, `all`, or nothing (the ordinary groups).
    static func named(_ name: String?) throws -> [ReportCategory] {
        switch name {
        case nil: return ordinaryGroups
        case "sensitive": return sensitiveGroups
        case "all": return ordinaryGroups + sensitiveGroups
        case let name?:
            if let group = (ordinaryGroups + sensitiveGroups).first(where: { $0.id == name }) { return [group] }
            let ids = (ordinaryGroups + sensitiveGroups).map(\.id) + ["sensitive", "all"]
            throw ReportProblem(code: "bad-category", reason: "No category '\(name)': use one of \(ids.joined(separator: ", ")).")
        }
    }
}

extension DataCategory {
    /// Categories events can be counted under, in a stable order.
    static var reportable: [DataCategory] {
        let used = Set(EventCategory.allCases.map(\.dataCategory))
        return DataCategory.allCases.filter(used.contains)
    }

    /// The event codes counted under this category.
    var eventCodes: Set<String> { Set(EventCategory.allCases.filter { $0.dataCategory == self }.map(\.rawValue)) }
}
