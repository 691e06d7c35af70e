import Foundation
import LanternDomain

/// How each kind of partner record is laid out in its table: the column
/// names after the shared provenance columns, and a row's values for them.
enum RecordColumns {
    static func table(for kind: ImportKind) -> String {
        switch kind {
        case .people: "source_records"
        case .events: "events"
        case .involvements: "involvements"
        case .encodedPeople: "encoded_records"
        }
    }

    static func versionsTable(for kind: ImportKind) -> String {
        switch kind {
        case .people: "source_record_versions"
        case .events: "event_versions"
        case .involvements: "involvement_versions"
        case .encodedPeople: "encoded_record_versions"
        }
    }

    static func dataColumns(for kind: ImportKind) -> [String] {
        switch kind {
        case .people: CreateSourceRecords.columns.map(\.0.description) + UpdateSourceRecordsAddEthnicity.columns
        case .events: CreateEventsAndInvolvements.eventColumns.map(\.0.description)
        case .involvements: CreateEventsAndInvolvements.involvementColumns.map(\.0.description)
        case .encodedPeople: CreateEncodedRecords.columns.map(\.0.description)
        }
    }

    /// Columns every version row carries besides its data.
    static func provenanceColumns(for kind: ImportKind) -> [String] {
        kind == .people
            ? ["partner_slug", "record_id", "version", "batch_id", "received_at", "person_id"]
            : ["partner_slug", "record_id", "version", "batch_id", "received_at"]
    }

    static func values(of row: ValidatedRow) -> [any Encodable & Sendable] {
        switch row {
        case .person(let p):
            return [
                p.givenNames, p.familyName, p.otherNames.isEmpty ? nil : p.otherNames.joined(separator: ";"),
                p.dateOfBirth?.description, p.sex?.rawValue, p.addressLine, p.postcode?.value, p.uprn,
                p.addressFrom?.description, p.phone, p.email, p.nhsNumber?.digits, p.croNumber?.value,
                p.relatedRecordID, p.relationship?.rawValue, searchKey(given: p.givenNames, family: p.familyName),
                p.ethnicity?.rawValue,
            ] as [String?]
        case .event(let e):
            return [
                e.personRecordID, e.category.rawValue, e.category.dataCategory.rawValue, e.role.rawValue,
                e.occurredOn.description, e.summary, e.locationPostcode?.value, e.nature.rawValue,
                e.opinionBasis, e.lastActionOn?.description, e.closedOn?.description,
            ] as [String?]
        case .involvement(let i):
            let before: [String?] = [i.personRecordID, i.service, i.workType.rawValue, i.workerName, i.workerRole]
            let after: [String?] = [i.contact, i.startedOn.description, i.endedOn?.description]
            return before + [i.leadProfessional] + after
        case .encodedPerson(let e):
            return [e.clk, e.partnerPersonID] as [String?]
        }
    }

    /// The family name then given names, folded to lower-case letters, so that
    /// a prefix search on "smith j" finds "Smith, Jane".
    static func searchKey(given: String, family: String) -> String {
        fold(family) + " " + fold(given)
    }

    static func fold(_ text: String) -> String {
        // Most names are plain ASCII: fold those without Foundation's Unicode machinery.
        if text.utf8.allSatisfy({ $0 < 128 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                switch byte {
                case 65...90, 97...122:
                    if pendingSpace && !bytes.isEmpty { bytes.append(32) }
                    pendingSpace = false
                    bytes.append(byte | 0x20)
                case 32, 9: pendingSpace = true
                default: continue
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.letters.contains($0) || $0 == " " }
            .map(Character.init)).split(separator: " ").joined(separator: " ")
    }
}
