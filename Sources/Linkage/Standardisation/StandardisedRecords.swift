/// Records standardised once into flat arrays (one array per attribute, one slot per record),
/// which is what blocking and comparison read in their hot loops.
///
/// Contract: slot `i` of every array belongs to record `i`. Missing values are -1 for name
/// codes and 0 for every other attribute. `street` holds `streetSlots` token hashes per record.
/// `postcodeText` holds every written postcode as `FieldText` (to compare with one that
/// failed validation); `birthText` holds only dates that failed validation.
struct StandardisedRecords: Sendable {
    static let streetSlots = 4

    var names = NameTable()
    var given: [Int32] = []
    var middle: [Int32] = []
    var family: [Int32] = []
    var familyPartA: [Int32] = []
    var familyPartB: [Int32] = []
    var otherA: [Int32] = []
    var otherB: [Int32] = []
    var birthDate: [Int32] = []
    var sex: [UInt8] = []
    var postcode: [UInt64] = []
    var postcodeText: [UInt64] = []
    var birthText: [UInt64] = []
    var house: [Int32] = []
    var flat: [Int32] = []
    var street: [UInt32] = []
    var uprn: [UInt64] = []
    var phone: [UInt64] = []
    var email: [UInt64] = []
    var nhs: [UInt64] = []
    var cro: [UInt64] = []
    /// Hash of the partner that holds the record (0 when not given).
    var source: [UInt64] = []
    var quality = FieldQuality()

    var count: Int { given.count }

    init() {}

    init(_ records: [LinkageRecord]) {
        self.init(records, range: records.indices)
    }

    init(_ records: [LinkageRecord], range: Range<Int>) {
        reserve(range.count)
        // Through the buffer each record is borrowed; the array's subscript copied it,
        // retaining and releasing every one of its strings.
        records.withUnsafeBufferPointer { records in
            for index in range { append(records[index]) }
        }
    }

    mutating func reserve(_ n: Int) {
        given.reserveCapacity(n); middle.reserveCapacity(n); family.reserveCapacity(n)
        familyPartA.reserveCapacity(n); familyPartB.reserveCapacity(n); otherA.reserveCapacity(n)
        otherB.reserveCapacity(n); birthDate.reserveCapacity(n); sex.reserveCapacity(n)
        postcode.reserveCapacity(n); postcodeText.reserveCapacity(n); birthText.reserveCapacity(n); house.reserveCapacity(n); flat.reserveCapacity(n)
        street.reserveCapacity(n * Self.streetSlots); uprn.reserveCapacity(n); phone.reserveCapacity(n)
        email.reserveCapacity(n); nhs.reserveCapacity(n); cro.reserveCapacity(n); source.reserveCapacity(n)
    }

    /// Standardises one raw record and appends it.
    mutating func append(_ record: LinkageRecord) {
        quality.records += 1
        func tooLong(_ field: String?) -> Bool { (field?.utf8.count ?? 0) > 200 }
        if tooLong(record.givenNames) || tooLong(record.familyName) || tooLong(record.addressLine) || tooLong(record.email) {
            quality.oversizedFields += 1
        }

        let name = NameStandardiser.standardise(
            givenNames: record.givenNames, familyName: record.familyName, otherNames: record.otherNames)
        let g = name.firstGiven.map { names.intern($0) } ?? -1
        let f = name.family.map { names.intern($0) } ?? -1
        if g >= 0 { names.givenUses[Int(g)] += 1 }
        if f >= 0 { names.familyUses[Int(f)] += 1 }
        if g < 0 && f < 0 { quality.missingNames += 1 }
        if (g < 0 && Self.written(record.givenNames)) || (f < 0 && Self.written(record.familyName)) {
            quality.placeholderNames += 1
        }
        given.append(g)
        family.append(f)
        middle.append(name.middleGiven.map { names.intern($0) } ?? -1)
        familyPartA.append(name.familyParts.first.map { names.intern($0) } ?? -1)
        familyPartB.append(name.familyParts.count > 1 ? names.intern(name.familyParts[name.familyParts.count - 1]) : -1)
        otherA.append(name.otherNames.first.map { names.intern($0) } ?? -1)
        otherB.append(name.otherNames.count > 1 ? names.intern(name.otherNames[1]) : -1)

        var unreadDate = false
        switch BirthDate.parse(record.dateOfBirth) {
        case .valid(let date) where PlaceholderDates.always.contains(date.packed),
             .swapped(let date) where PlaceholderDates.always.contains(date.packed):
            birthDate.append(0); quality.placeholderDates += 1
        case .valid(let date): birthDate.append(date.packed)
        case .swapped(let date): birthDate.append(date.packed); quality.swappedDates += 1
        case .invalid: birthDate.append(0); quality.invalidDates += 1; unreadDate = true
        case .missing: birthDate.append(0)
        }
        // An impossible date (31/02/1990) is kept as its digits, year first, so that it can
        // be compared with the other record's date as text (the same, or one slip apart).
        birthText.append(unreadDate ? FieldText.packDate(record.dateOfBirth) : 0)
        sex.append(RecordedSex(raw: record.sex).rawValue)

        if let raw = record.postcode, !raw.trimmingWhitespace.isEmpty {
            if let code = Postcode(raw) {
                postcode.append(code.packed); postcodeText.append(FieldText.pack(raw))
            } else {
                postcode.append(0); postcodeText.append(FieldText.pack(raw)); quality.invalidPostcodes += 1
            }
        } else {
            postcode.append(0); postcodeText.append(0)
        }
        let address = AddressStandardiser.standardise(record.addressLine)
        house.append(address.houseNumber == nil ? 0 : AddressStandardiser.numberCode(address.houseNumber))
        flat.append(address.flat == nil ? 0 : AddressStandardiser.numberCode(address.flat))
        for slot in 0..<Self.streetSlots {
            street.append(slot < address.streetTokens.count
                ? UInt32(truncatingIfNeeded: TextFolding.hash(address.streetTokens[slot].utf8)) | 1 : 0)
        }
        uprn.append(Self.readUPRN(record.uprn, quality: &quality))

        switch ContactStandardiser.phone(record.phone) {
        case .valid(let v): phone.append(v)
        case .invalid(let v): phone.append(v); quality.invalidPhones += 1
        case .unusable: phone.append(0); quality.invalidPhones += 1
        case .missing: phone.append(0)
        }
        switch ContactStandardiser.email(record.email) {
        case .valid(let v), .invalid(let v): email.append(v)
        case .unusable: email.append(0); quality.invalidEmails += 1
        case .missing: email.append(0)
        }
        switch IdentifierStandardiser.nhsNumber(record.nhsNumber) {
        case .valid(let v): nhs.append(v)
        case .invalid: nhs.append(0); quality.invalidNHSNumbers += 1
        case .missing: nhs.append(0)
        }
        switch IdentifierStandardiser.croNumber(record.croNumber) {
        case .valid(let v): cro.append(v)
        case .invalid: cro.append(0); quality.invalidCRONumbers += 1
        case .missing: cro.append(0)
        }
        source.append(record.source.isEmpty ? 0 : TextFolding.hash(record.source.utf8) | 1)
    }

    /// True when the field holds something other than spaces.
    static func written(_ raw: String?) -> Bool {
        raw.map { !$0.trimmingWhitespace.isEmpty } ?? false
    }

    static func readUPRN(_ raw: String?, quality: inout FieldQuality) -> UInt64 {
        guard let raw else { return 0 }
        let text = raw.trimmingWhitespace
        if text.isEmpty { return 0 }
        guard text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = UInt64(text), value > 0
        else { quality.invalidUPRNs += 1; return 0 }
        return value
    }

    /// Appends `other` (standardised separately, e.g. on another core), re-coding its names.
    mutating func append(contentsOf other: StandardisedRecords) {
        let map = names.merge(other.names)
        func remap(_ codes: [Int32]) -> [Int32] { codes.map { $0 < 0 ? -1 : map[Int($0)] } }
        given += remap(other.given); middle += remap(other.middle); family += remap(other.family)
        familyPartA += remap(other.familyPartA); familyPartB += remap(other.familyPartB)
        otherA += remap(other.otherA); otherB += remap(other.otherB)
        birthDate += other.birthDate; sex += other.sex; postcode += other.postcode
        postcodeText += other.postcodeText; birthText += other.birthText
        house += other.house; flat += other.flat; street += other.street; uprn += other.uprn
        phone += other.phone; email += other.email; nhs += other.nhs; cro += other.cro; source += other.source
        quality.add(other.quality)
    }

    /// Standardises `records` on up to `workers` cores and joins the parts in order.
    static func build(_ records: [LinkageRecord], workers: Int) async -> StandardisedRecords {
        let parts = max(1, min(workers, records.count / 5_000))
        if parts == 1 { return StandardisedRecords(records) }
        return await buildInParts(records, parts: parts)
    }

    private static func buildInParts(_ records: [LinkageRecord], parts: Int) async -> StandardisedRecords {
        let chunk = (records.count + parts - 1) / parts
        let built = await withTaskGroup(of: (Int, StandardisedRecords).self) { group in
            for part in 0..<parts {
                let range = min(records.count, part * chunk)..<min(records.count, (part + 1) * chunk)
                group.addTask { (part, StandardisedRecords(records, range: range)) }
            }
            var out: [(Int, StandardisedRecords)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var result = built[0]
        for part in built.dropFirst() { result.append(contentsOf: part) }
        return result
    }

    /// Treats crowded dates of birth as missing (see `PlaceholderDates`) and returns what
    /// was found, for the run's warnings. Done over the whole run, since one record alone
    /// cannot show that its date is shared by thousands.
    mutating func setAsidePlaceholderDates() -> [PlaceholderDates.Finding] {
        let found = PlaceholderDates.find(in: birthDate)
        guard !found.isEmpty else { return [] }
        let dates = Set(found.map(\.packed))
        for i in birthDate.indices where dates.contains(birthDate[i]) {
            birthDate[i] = 0
            quality.placeholderDates += 1
        }
        return found
    }
}
