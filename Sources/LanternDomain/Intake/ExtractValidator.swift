/// Checks partner extract rows against `docs/import-format.md` and the
/// agreement: every problem in a row is reported, not just the first.
///
/// Use one per file. Contract: `today` and the categories the partner may
/// share are passed in, so the same input always gives the same answer.
public struct ExtractValidator: Sendable {
    public let kind: ImportKind
    public let file: String
    public let today: CalendarDate
    /// The data categories an in-force agreement lets this partner share.
    public let sharable: Set<DataCategory>
    public let partnerName: String
    /// The length of the encodings an encoded-people extract must carry.
    public let encodingBits: Int

    public init(kind: ImportKind, file: String, today: CalendarDate,
                sharable: Set<DataCategory>, partnerName: String, encodingBits: Int = 1_024) {
        self.encodingBits = encodingBits
        self.kind = kind
        self.file = file
        self.today = today
        self.sharable = sharable
        self.partnerName = partnerName
    }

    /// Normalised column names, or the problems with the header line.
    public func checkHeader(_ header: [String], line: Int = 1) -> Result<[String], HeaderProblems> {
        let names = header.map { $0.trimmingSpaces().lowercased() }
        var problems: [ImportProblem] = []
        let known = Set(kind.columns)
        for name in names where !known.contains(name) {
            problems.append(ImportProblem(file: file, line: line, field: name, value: name,
                                          reason: "unknown column for a \(kind.rawValue) extract"))
        }
        for name in kind.columns where kind.requiredColumns.contains(name) && !names.contains(name) {
            problems.append(ImportProblem(file: file, line: line, field: name, value: "",
                                          reason: "required column is missing"))
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            problems.append(ImportProblem(file: file, line: line, field: name, value: name,
                                          reason: "column appears twice"))
        }
        return problems.isEmpty ? .success(names) : .failure(HeaderProblems(problems: problems))
    }

    /// Validates one row given as column name -> value.
    public func validate(_ values: [String: String], line: Int) -> RowOutcome {
        var reader = FieldReader(values: values, file: file, line: line, today: today)
        let row: ValidatedRow?
        switch kind {
        case .people: row = person(&reader).map(ValidatedRow.person)
        case .events: row = event(&reader).map(ValidatedRow.event)
        case .involvements: row = involvement(&reader).map(ValidatedRow.involvement)
        case .encodedPeople: row = encodedPerson(&reader).map(ValidatedRow.encodedPerson)
        }
        if let row, !sharable.contains(row.dataCategory) {
            let field = kind == .events ? "category" : "record_id"
            reader.problem(field, values[field] ?? "",
                           "no approved agreement in force lets \(partnerName) share \(row.dataCategory.rawValue) data")
        }
        guard let row, reader.problems.isEmpty else { return .rejected(reader.problems) }
        return .valid(row)
    }

    private func person(_ r: inout FieldReader) -> PersonRow? {
        let id = r.identifier("record_id")
        let given = r.required("given_names")
        let family = r.required("family_name")
        let other = r.optional("other_names", maxLength: 300)
        let dob = r.date("date_of_birth")
        let sex = r.choice("sex", Sex.self, parse: Sex.init(code:), required: false)
        let ethnicity = r.choice("ethnicity", EthnicGroup.self, parse: EthnicGroup.init(code:), required: false)
        let address = r.optional("address_line")
        let postcode = r.postcode("postcode")
        var uprn = r.raw("uprn")
        if let value = uprn, !(1...12).contains(value.count) || !value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            r.problem("uprn", value, "must be 1-12 digits")
            uprn = nil
        }
        let from = r.date("address_from")
        var phone = r.raw("phone")
        if let value = phone {
            let digits = value.filter { $0.isASCII && $0.isNumber }
            let allowed = value.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == " " || $0 == "+" || $0 == "-" }
            if !allowed || !(10...13).contains(digits.count) {
                r.problem("phone", value, "not a UK phone number")
                phone = nil
            }
        }
        var email = r.raw("email")
        if let value = email {
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty || value.contains(" ") || value.count > 254 {
                r.problem("email", value, "not an email address")
                email = nil
            }
        }
        var nhs: NHSNumber?
        if let value = r.raw("nhs_number") {
            switch NHSNumber.validate(value) {
            case .success(let number): nhs = number
            case .failure(let problem): r.problem("nhs_number", value, problem.reason)
            }
        }
        var cro: CRONumber?
        if let value = r.raw("cro_number") {
            cro = CRONumber(value)
            if cro == nil { r.problem("cro_number", value, "not a CRO number (NNNNNN/YYL)") }
        }
        let related = r.identifier("related_record_id", required: false)
        let relationship = r.choice("relationship", Relationship.self, required: related != nil)
        if relationship != nil && related == nil {
            r.problem("related_record_id", "", "is required when relationship is given")
        }
        if let related, related == id { r.problem("related_record_id", related, "a person cannot be related to themselves") }
        guard let id else { return nil }
        return PersonRow(
            recordID: id, givenNames: given, familyName: family,
            otherNames: other.map { $0.split(separator: ";").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty } } ?? [],
            dateOfBirth: dob, sex: sex, addressLine: address, postcode: postcode, uprn: uprn,
            addressFrom: from, phone: phone, email: email, nhsNumber: nhs, croNumber: cro,
            relatedRecordID: related, relationship: relationship, ethnicity: ethnicity)
    }

    private func encodedPerson(_ r: inout FieldReader) -> EncodedPersonRow? {
        let id = r.identifier("record_id")
        let clk = r.required("clk", maxLength: 4_096)
        var canonical: String?
        if !clk.isEmpty {
            // Refused here, with its line, rather than at linkage: a truncated or foreign
            // encoding would otherwise be compared as if it were a person.
            if let bytes = Base64Text.decode(clk) {
                if bytes.count * 8 == encodingBits {
                    canonical = clk
                } else {
                    r.problem("clk", clk, "is \(bytes.count * 8) bits long; this hub links \(encodingBits)-bit encodings")
                }
            } else {
                r.problem("clk", clk, "is not valid base64: send the clk column as lantern encode or clkhash wrote it")
            }
        }
        let person = r.identifier("partner_person_id", required: false)
        guard let id, let canonical else { return nil }
        return EncodedPersonRow(recordID: id, clk: canonical, partnerPersonID: person)
    }

    private func event(_ r: inout FieldReader) -> EventRow? {
        let id = r.identifier("record_id")
        let person = r.identifier("person_record_id")
        let category = r.choice("category", EventCategory.self)
        let role = r.choice("role", PersonRole.self)
        let occurred = r.date("occurred_on", required: true)
        let summary = r.optional("summary", maxLength: 1000)
        let location = r.postcode("location_postcode")
        let nature = r.choice("nature", Nature.self, required: false) ?? .fact
        let basis = r.optional("opinion_basis", maxLength: 500)
        if nature == .opinion && basis == nil {
            r.problem("opinion_basis", "", "is required when nature is opinion")
        }
        let lastAction = r.date("last_action_on")
        let closed = r.date("closed_on")
        if let occurred {
            if let lastAction, lastAction < occurred { r.problem("last_action_on", lastAction.description, "is before occurred_on") }
            if let closed, closed < occurred { r.problem("closed_on", closed.description, "is before occurred_on") }
        }
        guard let id, let person, let category, let role, let occurred else { return nil }
        return EventRow(recordID: id, personRecordID: person, category: category, role: role,
                        occurredOn: occurred, summary: summary, locationPostcode: location, nature: nature,
                        opinionBasis: basis, lastActionOn: lastAction, closedOn: closed)
    }

    private func involvement(_ r: inout FieldReader) -> InvolvementRow? {
        let id = r.identifier("record_id")
        let person = r.identifier("person_record_id")
        let service = r.required("service", maxLength: 200)
        let workType = r.choice("work_type", WorkType.self)
        let worker = r.optional("worker_name", maxLength: 100)
        let role = r.optional("worker_role", maxLength: 100)
        var lead = false
        if let value = r.raw("lead_professional") {
            switch value.lowercased() {
            case "yes", "y", "true": lead = true
            case "no", "n", "false": lead = false
            default: r.problem("lead_professional", value, "must be yes or no")
            }
        }
        let contact = r.optional("contact", maxLength: 200)
        let started = r.date("started_on", required: true)
        let ended = r.date("ended_on")
        if let started, let ended, ended < started { r.problem("ended_on", ended.description, "is before started_on") }
        guard let id, let person, let workType, let started else { return nil }
        return InvolvementRow(recordID: id, personRecordID: person, service: service, workType: workType,
                              workerName: worker, workerRole: role, leadProfessional: lead, contact: contact,
                              startedOn: started, endedOn: ended)
    }
}

/// The outcome of validating one row.
public enum RowOutcome: Sendable, Hashable {
    case valid(ValidatedRow)
    case rejected([ImportProblem])
}

/// Problems with an extract's header line; the file cannot be read past them.
public struct HeaderProblems: Error, Sendable, Hashable {
    public var problems: [ImportProblem]
    public init(problems: [ImportProblem]) { self.problems = problems }
}
