import LanternDomain

/// A plain-language privacy notice for one partner, written from the flows
/// of the agreements the system enforces for it.
///
/// Use ``init(partner:agreements:partners:on:)``; render ``sections`` as a
/// page or ``csv`` as a download. Contract: it names only flows that
/// ``RecordOfProcessing/includes(_:on:)`` includes, so the notice and the
/// record never disagree with each other or with the access decision.
struct PrivacyNotice: Encodable {
    /// A heading with its paragraphs and list items.
    struct Section: Encodable {
        var heading: String
        var paragraphs: [String]
        var items: [String] = []
    }

    var partner: String
    var partnerName: String
    var asOf: String
    var sections: [Section]

    init(partner: Partner, agreements: [Agreement], partners: [Partner], on day: CalendarDate) {
        let names = Dictionary(partners.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        func name(_ slug: String) -> String { names[slug] ?? slug }
        func list(_ words: [String]) -> String {
            guard words.count > 1 else { return words.first ?? "" }
            return words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
        self.partner = partner.slug
        partnerName = partner.name
        asOf = day.description
        let enforced = agreements.filter { RecordOfProcessing.includes($0, on: day) }
        let flows = enforced.flatMap(\.flows)
        let outgoing = flows.filter { $0.from == partner.slug }
        let incoming = flows.filter { $0.to.contains(partner.slug) }
        let involved = outgoing + incoming

        var sections = [Section(heading: "Who we are", paragraphs: [
            "\(partner.name) works with other public services and charities in a safeguarding partnership. "
                + "This notice explains what information about you we share with them, and what they share with us, and why.",
            "Our data protection officer: \(partner.dpoContact ?? "contact us and ask for the data protection officer"). "
                + "ICO registration: \(partner.icoRegistration ?? "available on request").",
        ])]
        guard !involved.isEmpty else {
            sections.append(Section(heading: "What we share", paragraphs: [
                "We are not sharing information about people under any partnership agreement in force at present.",
            ]))
            self.sections = sections + Self.rights
            return
        }
        let purposes = Purpose.allCases.filter { purpose in involved.contains { $0.purposes.contains(purpose) } }
        sections.append(Section(heading: "Why we share information",
                                paragraphs: ["We share information only for these purposes:"],
                                items: purposes.map(\.plainDescription)))
        if !outgoing.isEmpty {
            sections.append(Section(heading: "What we share, and with whom", paragraphs: [],
                                    items: outgoing.map { flow in
                "\(list(flow.categories.map(\.label)).sentenceCased) with \(list(flow.to.map(name))). "
                    + "How: \(flow.format.plainLabel.lowercased())."
            }))
        }
        if !incoming.isEmpty {
            sections.append(Section(heading: "What other services share with us", paragraphs: [],
                                    items: incoming.map { "\(name($0.from)): \(list($0.categories.map(\.label)).sentenceCased)." }))
        }
        var bases = Array(Set(involved.map(\.art6.plainLabel))).sorted()
        bases += Array(Set(involved.compactMap { $0.art9?.plainLabel })).sorted()
        bases += Array(Set(involved.compactMap { $0.art10?.plainLabel })).sorted()
        let statutes = Array(Set(involved.flatMap(\.statutes))).sorted()
        sections.append(Section(heading: "The law that allows it", paragraphs: [
            "We rely on these lawful bases. Health and social care records are special category data, "
                + "and information about offences is criminal offence data, which need the extra conditions listed.",
        ] + (statutes.isEmpty ? [] : ["The laws that give us these duties: \(list(statutes))."]), items: bases))
        sections.append(Section(heading: "How long we keep it", paragraphs: [
            "Records are reviewed and securely destroyed when these periods end; the destruction is recorded.",
        ], items: Array(Set(involved.flatMap(\.categories).map(\.retention))).sorted()))
        self.sections = sections + Self.rights
    }

    static let rights = [
        Section(heading: "Your rights", paragraphs: [
            "You can ask for a copy of the information held about you and a list of who has seen it, ask for it to be "
                + "corrected, ask for its use to be restricted, or object to its use. In some cases you can ask for it to be deleted.",
            "We may withhold information where giving it to you would harm the prevention or detection of crime, "
                + "or put someone at risk. We will tell you when we do, unless that itself would cause the harm.",
            "If you are unhappy with how we have used your information, tell our data protection officer first. "
                + "You can also complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113).",
        ]),
        Section(heading: "Profiling and automated decision making", paragraphs: [
            "Not applicable. A computer may put a list of families in order so a professional looks at the most urgent "
                + "first, but a person always makes every decision about you.",
        ]),
    ]

    var csv: CSVTable {
        var table = CSVTable(header: ["Partner", "Section", "Text"])
        for section in sections {
            for text in section.paragraphs + section.items { table.rows.append([partnerName, section.heading, text]) }
        }
        return table
    }
}

extension String {
    /// Category names joined into a sentence: only the first word keeps its capital.
    fileprivate var sentenceCased: String {
        guard let first = first else { return self }
        return String(first).uppercased() + dropFirst().lowercased()
    }
}
