/// One fictional partner of the Harrowmere partnership: who it is, how it
/// writes its extracts, and how carefully it records people.
///
/// Contract: slugs are lowercase-hyphen and unique; record-id prefixes are
/// unique per partner and file, so ids never collide; `kind` uses the
/// vocabulary of `partnership.json`.
struct PartnerProfile: Sendable {
    let slug: String
    let name: String
    let kind: String
    let icoRegistration: String
    /// Dates as `YYYY-MM-DD` (false) or `DD/MM/YYYY` (true), as its case system exports them.
    let britishDates: Bool
    /// `male`/`female` rather than `M`/`F`.
    let sexAsWords: Bool
    let personPrefix: String
    let eventPrefix: String
    let involvementPrefix: String
    let quality: RecordQuality
    let art6: String
    let statutes: [String]
    let format: String

    var dpoContact: String { "dpo@\(slug).example.org" }
    var peopleFile: String { slug + "/people.csv" }
    var eventsFile: String { slug + "/events.csv" }
    var involvementsFile: String { slug + "/involvements.csv" }

    /// Indices into ``all``, named for the rule tables.
    static let council = 0, police = 1, childrens = 2, adults = 3, health = 4, homes = 5
    static let probation = 6, schools = 7, domesticAbuse = 8, fire = 9

    static let all: [PartnerProfile] = [
        PartnerProfile(
            slug: "harrowmere-council", name: "Harrowmere Borough Council", kind: "council",
            icoRegistration: "ZZ900101", britishDates: true, sexAsWords: false,
            personPrefix: "HBC-P", eventPrefix: "HBC-C", involvementPrefix: "HBC-I",
            quality: .ordinary.with { $0.uprn = 0.7; $0.listsFamily = 0.3 },
            art6: "public-task",
            statutes: ["Crime and Disorder Act 1998 s17", "Crime and Disorder Act 1998 s115",
                       "Anti-social Behaviour, Crime and Policing Act 2014", "Housing Act 1996 Part 7"],
            format: "central-controller"),
        PartnerProfile(
            slug: "harrowmere-police", name: "Harrowmere Police", kind: "police",
            icoRegistration: "ZZ900102", britishDates: false, sexAsWords: false,
            personPrefix: "HWP-N", eventPrefix: "HWP-OCC", involvementPrefix: "HWP-T",
            quality: .ordinary.with { $0.cro = 0.85; $0.listsFamily = 0.15 },
            art6: "public-task",
            statutes: ["Crime and Disorder Act 1998 s115", "Police Reform Act 2002 s97",
                       "Children Act 2004 s11"],
            format: "automated"),
        PartnerProfile(
            slug: "harrowmere-childrens-services", name: "Harrowmere Children's Social Care",
            kind: "childrens-social-care", icoRegistration: "ZZ900103", britishDates: false,
            sexAsWords: false, personPrefix: "CSC", eventPrefix: "CSC-EP", involvementPrefix: "CSC-AL",
            quality: .careful.with { $0.nhs = 0.6; $0.listsFamily = 0.85; $0.phone = 0.6 },
            art6: "public-task",
            statutes: ["Children Act 1989 s17", "Children Act 1989 s47", "Children Act 2004 s10",
                       "Children Act 2004 s11"],
            format: "central-controller"),
        PartnerProfile(
            slug: "harrowmere-adult-social-care", name: "Harrowmere Adult Social Care",
            kind: "adult-social-care", icoRegistration: "ZZ900104", britishDates: false,
            sexAsWords: false, personPrefix: "ASC", eventPrefix: "ASC-EP", involvementPrefix: "ASC-AL",
            quality: .careful.with { $0.nhs = 0.75; $0.listsFamily = 0.3 },
            art6: "public-task",
            statutes: ["Care Act 2014 s42", "Care Act 2014 s6", "Mental Capacity Act 2005"],
            format: "request-and-response"),
        PartnerProfile(
            slug: "harrowmere-health", name: "Harrowmere Health ICB", kind: "health",
            icoRegistration: "ZZ900105", britishDates: true, sexAsWords: false,
            personPrefix: "HH", eventPrefix: "HH-ATT", involvementPrefix: "HH-REF",
            quality: .careful.with { $0.nhs = 0.96; $0.listsFamily = 0.05; $0.email = 0.3 },
            art6: "public-task",
            statutes: ["Health and Social Care Act 2012 s251B", "Children Act 2004 s11",
                       "Crime and Disorder Act 1998 s115"],
            format: "request-and-response"),
        PartnerProfile(
            slug: "harrowmere-homes", name: "Harrowmere Homes", kind: "housing",
            icoRegistration: "ZZ900106", britishDates: true, sexAsWords: true,
            personPrefix: "TEN", eventPrefix: "HMS-CASE", involvementPrefix: "HMS-SUP",
            quality: .ordinary.with { $0.uprn = 0.9; $0.listsFamily = 0.7; $0.addressMissing = 0.01 },
            art6: "legitimate-interests",
            statutes: ["Crime and Disorder Act 1998 s115", "Anti-social Behaviour, Crime and Policing Act 2014",
                       "Housing Act 1996"],
            format: "meeting"),
        PartnerProfile(
            slug: "harrowmere-probation", name: "Harrowmere Probation Delivery Unit", kind: "probation",
            icoRegistration: "ZZ900107", britishDates: false, sexAsWords: false,
            personPrefix: "PDU", eventPrefix: "PDU-E", involvementPrefix: "PDU-SUP",
            quality: .careful.with { $0.cro = 0.95; $0.nhs = 0.1; $0.listsFamily = 0.0; $0.email = 0.05 },
            art6: "public-task",
            statutes: ["Offender Management Act 2007 s14", "Criminal Justice Act 2003 s325",
                       "Crime and Disorder Act 1998 s115"],
            format: "meeting"),
        PartnerProfile(
            slug: "harrowmere-schools", name: "Harrowmere Schools Partnership", kind: "education",
            icoRegistration: "ZZ900108", britishDates: true, sexAsWords: false,
            personPrefix: "UPN-H", eventPrefix: "SCH-E", involvementPrefix: "SCH-S",
            quality: .careful.with { $0.nhs = 0.05; $0.listsFamily = 0.6; $0.email = 0.3 },
            art6: "public-task",
            statutes: ["Education Act 2002 s175", "Children Act 2004 s10", "Education Act 1996 s444"],
            format: "request-and-response"),
        PartnerProfile(
            slug: "harrowmere-da-service", name: "Harrowmere Domestic Abuse Service",
            kind: "domestic-abuse-service", icoRegistration: "ZZ900109", britishDates: false,
            sexAsWords: false, personPrefix: "HDAS", eventPrefix: "HDAS-R", involvementPrefix: "HDAS-W",
            quality: .hurried.with { $0.nhs = 0.15; $0.listsFamily = 0.6 },
            art6: "legitimate-interests",
            statutes: ["Domestic Abuse Act 2021", "Crime and Disorder Act 1998 s115"],
            format: "meeting"),
        PartnerProfile(
            slug: "harrowmere-fire", name: "Harrowmere Fire and Rescue Service", kind: "fire",
            icoRegistration: "ZZ900110", britishDates: false, sexAsWords: true,
            personPrefix: "HFRS", eventPrefix: "HFRS-INC", involvementPrefix: "HFRS-V",
            quality: .hurried.with { $0.dobMissing = 0.45; $0.uprn = 0.6; $0.listsFamily = 0.1 },
            art6: "public-task",
            statutes: ["Fire and Rescue Services Act 2004 s6", "Crime and Disorder Act 1998 s115"],
            format: "request-and-response"),
    ]

    /// Headers in the column order of `docs/import-format.md`.
    static let peopleColumns = [
        "record_id", "given_names", "family_name", "other_names", "date_of_birth", "sex",
        "address_line", "postcode", "uprn", "address_from", "phone", "email", "nhs_number",
        "cro_number", "related_record_id", "relationship", "ethnicity",
    ]
    static let eventColumns = [
        "record_id", "person_record_id", "category", "role", "occurred_on", "summary",
        "location_postcode", "nature", "opinion_basis", "last_action_on", "closed_on",
    ]
    static let involvementColumns = [
        "record_id", "person_record_id", "service", "work_type", "worker_name", "worker_role",
        "lead_professional", "contact", "started_on", "ended_on",
    ]
    static let groundTruthFile = "ground-truth.csv"
    static let groundTruthColumns = ["partner", "record_id", "person_id", "household_id"]
}
