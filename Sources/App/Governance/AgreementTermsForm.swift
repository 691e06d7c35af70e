import Foundation
import LanternDomain

/// The terms editor's form: every flow of an agreement as fields, and the
/// fields posted back read into flows, with each problem named by flow and
/// field. Pure: no request, no store.
struct AgreementTermsForm {
    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct FlowFields: Encodable {
        var number: Int
        var isNew: Bool
        var from: [Option]
        var to: [Option]
        var categories: [Option]
        var purposes: [Option]
        var art6: [Option]
        var art9: [Option]
        var art10: [Option]
        var format: [Option]
        var statutes: String
    }

    let partners: [Partner]

    /// The agreement's flows as fields, and one blank flow to add.
    func fields(for flows: [Flow]) -> [FlowFields] {
        flows.enumerated().map { fields(number: $0.offset + 1, flow: $0.element) } + [fields(number: flows.count + 1, flow: nil)]
    }

    func fields(number: Int, flow: Flow?) -> FlowFields {
        func options<T: RawRepresentable>(_ all: [T], chosen: [T], label: (T) -> String) -> [Option] where T.RawValue == String, T: Equatable {
            all.map { Option(value: $0.rawValue, label: label($0), selected: chosen.contains($0)) }
        }
        let none = Option(value: "", label: "None", selected: false)
        return FlowFields(
            number: number, isNew: flow == nil,
            from: partners.map { Option(value: $0.slug, label: $0.name, selected: $0.slug == flow?.from) },
            to: partners.map { Option(value: $0.slug, label: $0.name, selected: flow?.to.contains($0.slug) ?? false) },
            categories: options(DataCategory.allCases, chosen: flow?.categories ?? [], label: \.label),
            purposes: options(Purpose.allCases, chosen: flow?.purposes ?? [], label: \.plainLabel),
            art6: options(Article6Basis.allCases, chosen: [flow?.art6 ?? .publicTask], label: \.plainLabel),
            art9: [Option(value: "", label: none.label, selected: flow?.art9 == nil)]
                + options(Article9Condition.allCases, chosen: flow?.art9.map { [$0] } ?? [], label: \.plainLabel),
            art10: [Option(value: "", label: none.label, selected: flow?.art10 == nil)]
                + options(Article10Condition.allCases, chosen: flow?.art10.map { [$0] } ?? [], label: \.plainLabel),
            format: options(SharingFormat.allCases, chosen: [flow?.format ?? .requestAndResponse], label: \.plainLabel),
            statutes: flow?.statutes.joined(separator: "\n") ?? "")
    }

    /// Reads the posted fields (`flow-N-from`, `flow-N-to`, ...) into flows.
    /// A blank new flow is ignored; a flow marked `flow-N-remove` is dropped.
    func flows(from fields: [String: [String]], count: Int) -> (flows: [Flow], problems: [String]) {
        var flows: [Flow] = []
        var problems: [String] = []
        let slugs = Set(partners.map(\.slug))
        for number in 1...max(1, count) {
            func values(_ name: String) -> [String] { fields["flow-\(number)-\(name)"] ?? [] }
            func value(_ name: String) -> String { values(name).first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
            if !value("remove").isEmpty { continue }
            let to = values("to"), categories = values("categories"), purposes = values("purposes")
            if value("new") == "1" && to.isEmpty && categories.isEmpty && purposes.isEmpty { continue }
            var flowProblems: [String] = []
            func problem(_ text: String) { flowProblems.append("Flow \(number): \(text)") }
            let from = value("from")
            if !slugs.contains(from) { problem("choose the partner that shares") }
            if to.isEmpty { problem("choose at least one partner it shares with") }
            if to.contains(where: { !slugs.contains($0) }) { problem("a recipient is not a partner of this partnership") }
            if to.contains(from) { problem("a partner does not share with itself; remove it from the recipients") }
            let parsedCategories = categories.compactMap(DataCategory.init(rawValue:))
            if parsedCategories.isEmpty || parsedCategories.count != categories.count { problem("choose the categories of data it carries") }
            let parsedPurposes = purposes.compactMap(Purpose.init(rawValue:))
            if parsedPurposes.isEmpty || parsedPurposes.count != purposes.count { problem("choose the purposes it serves") }
            let art6 = Article6Basis(rawValue: value("art6"))
            if art6 == nil { problem("choose the Article 6 lawful basis") }
            let art9 = value("art9").isEmpty ? nil : Article9Condition(rawValue: value("art9"))
            let art10 = value("art10").isEmpty ? nil : Article10Condition(rawValue: value("art10"))
            if !value("art9").isEmpty && art9 == nil { problem("the Article 9 condition is not one Lantern knows") }
            if !value("art10").isEmpty && art10 == nil { problem("the Article 10 condition is not one Lantern knows") }
            let format = SharingFormat(rawValue: value("format"))
            if format == nil { problem("choose how the data is shared") }
            guard flowProblems.isEmpty, let art6, let format else {
                problems += flowProblems
                continue
            }
            let statutes = value("statutes").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            flows.append(Flow(from: from, to: to, categories: parsedCategories, purposes: parsedPurposes, art6: art6,
                              art9: art9, art10: art10, statutes: statutes, format: format))
        }
        return (flows, problems)
    }

    /// `application/x-www-form-urlencoded` into every value of every name,
    /// in order (Vapor's decoder keeps one value of a repeated name).
    static func parse(_ body: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            guard let name = parts.first else { continue }
            fields[decode(name), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return fields
    }
}
