/// One thing wrong with an extract, precise enough for the sender to fix it.
///
/// Rendered the same on the command line, in JSON and on pages:
/// `people.csv:14: date_of_birth "31/02/1990": not a real date`.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// Physical line in the file (the CSV header is line 1); 0 for the file as a whole.
    public var line: Int
    public var field: String
    public var value: String
    public var reason: String

    public init(file: String, line: Int, field: String, value: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        // Long values are cut so a report stays readable.
        self.value = value.count > 80 ? String(value.prefix(77)) + "..." : value
        self.reason = reason
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        if field.isEmpty { return "\(place): \(reason)" }
        return "\(place): \(field) \"\(value)\": \(reason)"
    }
}

/// Which extract a file holds.
public enum ImportKind: String, Sendable, Codable, CaseIterable, Hashable {
    case people, events, involvements
    /// Encoded people (privacy-preserving linkage): only a record id, the partner's own
    /// person id and the Bloom-filter encoding (CLK) of the identifiers, never a name.
    case encodedPeople = "encoded-people"

    public var columns: [String] {
        switch self {
        case .people:
            ["record_id", "given_names", "family_name", "other_names", "date_of_birth", "sex",
             "address_line", "postcode", "uprn", "address_from", "phone", "email", "nhs_number",
             "cro_number", "related_record_id", "relationship", "ethnicity"]
        case .encodedPeople:
            ["record_id", "clk", "partner_person_id"]
        case .events:
            ["record_id", "person_record_id", "category", "role", "occurred_on", "summary",
             "location_postcode", "nature", "opinion_basis", "last_action_on", "closed_on"]
        case .involvements:
            ["record_id", "person_record_id", "service", "work_type", "worker_name", "worker_role",
             "lead_professional", "contact", "started_on", "ended_on"]
        }
    }

    public var requiredColumns: Set<String> {
        switch self {
        case .people: ["record_id", "given_names", "family_name"]
        case .encodedPeople: ["record_id", "clk"]
        case .events: ["record_id", "person_record_id", "category", "role", "occurred_on"]
        case .involvements: ["record_id", "person_record_id", "service", "work_type", "started_on"]
        }
    }
}
