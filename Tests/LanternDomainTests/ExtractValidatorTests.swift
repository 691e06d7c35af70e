import LanternDomain
import Testing

@Suite struct ExtractValidatorTests {
    let today = CalendarDate(year: 2026, month: 11, day: 25)!

    func validator(_ kind: ImportKind, sharable: Set<DataCategory> = Set(DataCategory.allCases)) -> ExtractValidator {
        ExtractValidator(kind: kind, file: "extract.csv", today: today, sharable: sharable, partnerName: "Test Police")
    }

    func person(_ overrides: [String: String] = [:]) -> [String: String] {
        ["record_id": "P-1", "given_names": "Jane", "family_name": "Doe", "date_of_birth": "14/03/1985",
         "sex": "F", "postcode": "ss14 1dl", "nhs_number": "943 476 5919"].merging(overrides) { $1 }
    }

    @Test func aGoodPersonRowIsNormalised() throws {
        guard case .valid(.person(let row)) = validator(.people).validate(person(), line: 2) else {
            Issue.record("expected a valid row")
            return
        }
        #expect(row.dateOfBirth == CalendarDate(year: 1985, month: 3, day: 14))
        #expect(row.postcode?.value == "SS14 1DL")
        #expect(row.nhsNumber?.digits == "9434765919")
        #expect(row.sex == .female)
    }

    @Test func everyProblemInARowIsReported() {
        let outcome = validator(.people).validate(person([
            "given_names": "", "date_of_birth": "31/02/1990", "postcode": "NOT A POSTCODE",
            "nhs_number": "9434765918", "sex": "Q", "email": "no-at-sign",
        ]), line: 14)
        guard case .rejected(let problems) = outcome else {
            Issue.record("expected problems")
            return
        }
        #expect(Set(problems.map(\.field)) == ["given_names", "date_of_birth", "postcode", "nhs_number", "sex", "email"])
        #expect(problems.allSatisfy { $0.line == 14 && $0.file == "extract.csv" })
        #expect(problems.contains { $0.description == "extract.csv:14: date_of_birth \"31/02/1990\": not a real date" })
        #expect(problems.contains { $0.reason == "check digit does not match (modulus 11)" })
    }

    @Test func futureDatesAreRefused() {
        guard case .rejected(let problems) = validator(.people).validate(person(["date_of_birth": "2026-11-26"]), line: 3)
        else { Issue.record("expected a problem"); return }
        #expect(problems.map(\.reason) == ["is in the future"])
    }

    @Test func eventCategoriesMustBeInTheVocabularyAndCoveredByTheAgreement() {
        let row = ["record_id": "E-1", "person_record_id": "P-1", "category": "domestic-abuse", "role": "victim",
                   "occurred_on": "2025-01-02"]
        #expect(validator(.events).validate(row, line: 2) != .rejected([]))
        guard case .valid = validator(.events).validate(row, line: 2) else { Issue.record("expected valid"); return }
        guard case .rejected(let notCovered) = validator(.events, sharable: [.identity, .crime]).validate(row, line: 2)
        else { Issue.record("expected refusal"); return }
        #expect(notCovered.first?.reason.contains("no approved agreement in force") == true)
        guard case .rejected(let unknown) = validator(.events).validate(row.merging(["category": "parking"]) { $1 }, line: 2)
        else { Issue.record("expected refusal"); return }
        #expect(unknown.map(\.field) == ["category"])
    }

    @Test func opinionsNeedABasis() {
        let row = ["record_id": "E-1", "person_record_id": "P-1", "category": "persistent-absence", "role": "subject",
                   "occurred_on": "2025-01-02", "nature": "opinion"]
        guard case .rejected(let problems) = validator(.events).validate(row, line: 5) else { Issue.record("expected refusal"); return }
        #expect(problems.map(\.field) == ["opinion_basis"])
    }

    @Test func headerProblemsNameUnknownAndMissingColumns() {
        let result = validator(.people).checkHeader(["Record_ID", "given_names", "surname"])
        guard case .failure(let header) = result else { Issue.record("expected header problems"); return }
        #expect(header.problems.map(\.field).sorted() == ["family_name", "surname"])
        guard case .success(let names) = validator(.people).checkHeader([" RECORD_ID ", "Given_Names", "family_name"])
        else { Issue.record("expected a good header"); return }
        #expect(names == ["record_id", "given_names", "family_name"])
    }

    @Test func longAndControlCharacterValuesAreRefused() {
        guard case .rejected(let problems) = validator(.people).validate(
            person(["family_name": String(repeating: "x", count: 1_000), "given_names": "Ja\u{7}ne"]), line: 9)
        else { Issue.record("expected refusal"); return }
        #expect(Set(problems.map(\.field)) == ["family_name", "given_names"])
        #expect(problems.allSatisfy { $0.value.count <= 80 })
    }
}
