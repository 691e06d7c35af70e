/// Compares two standardised records field by field and returns their `ComparisonPattern`.
///
/// This is the hot loop of linkage: it reads one row per record (`ComparisonRows`) and the
/// interned name bytes, computes each similarity at most once per pair, and allocates
/// nothing. Contract: `pattern(i, j) == pattern(j, i)` for every pair.
struct RecordComparator: Sendable {
    private(set) var records: StandardisedRecords
    /// The fields `pattern` reads, a row per record, shared by copies of this comparator.
    private var rows: ComparisonRows
    private var partners: [UInt64: UInt32]
    /// Whether the run's model learned that one partner's two records are usually two
    /// people (`PersonClusterer.samePartnerEvidenceBits`); the cannot-link rule then reads
    /// two registered given names on one partner's two records as two people. Set by
    /// `PairScorer` from its model; off for a comparator with no model.
    var partnersKeepPeopleApart = false

    /// `capacity`: rows to make room for, so that an index growing a record at a time
    /// does not copy them all on early appends.
    init(_ records: StandardisedRecords, capacity: Int = 0) {
        self.records = records
        partners = ComparisonRows.partnerNumbers(records)
        rows = ComparisonRows.build(records, partners: partners, capacity: capacity)
    }

    /// Standardises `record` and appends it, with its row.
    mutating func append(_ record: LinkageRecord) {
        records.append(record)
        let index = records.count - 1
        ComparisonRows.number(records.source[index], in: &partners)
        if !isKnownUniquelyReferenced(&rows) || rows.count == rows.capacity {
            rows = rows.copy(capacity: max(rows.count + rows.count / 4, rows.count + 1_024))
        }
        rows.append(ComparisonRows.row(records, index, partners: partners))
    }

    @inline(__always)
    func pattern(_ i: Int, _ j: Int) -> UInt32 {
        // Order the pair so that every asymmetric step reads the same way both ways round.
        let a = rows.base + min(i, j), b = rows.base + max(i, j)
        var code = 0
        let (givenLevel, familyLevel) = nameLevels(a, b)
        code += givenLevel
        code += familyLevel * 7
        // Strides of the mixed-radix pattern code (see `ComparisonField.strides`).
        code += dateLevel(a, b) * 49
        code += sexLevel(a, b) * 343
        code += addressLevel(a, b) * 1_029
        code += exactLevel(a.pointee.phone, b.pointee.phone) * 7_203
        code += exactLevel(a.pointee.email, b.pointee.email) * 21_609
        code += exactLevel(a.pointee.nhs, b.pointee.nhs) * 64_827
        code += exactLevel(a.pointee.cro, b.pointee.cro) * 194_481
        // Record ids are unique within a run, so "same source" means another record of one partner.
        code += exactLevel(UInt64(a.pointee.partner), UInt64(b.pointee.partner)) * 583_443
        return UInt32(code)
    }

    /// Record `i`'s row: what the cannot-link rule reads too, for the same reason.
    @inline(__always)
    func row(_ i: Int) -> UnsafePointer<ComparisonRow> { UnsafePointer(rows.base + i) }

    /// The name levels of records `i` and `j` (in that order).
    @inline(__always)
    func nameLevels(_ i: Int, _ j: Int) -> (Int, Int) { nameLevels(rows.base + i, rows.base + j) }

    /// The date-of-birth level of records `i` and `j`.
    @inline(__always)
    func dateLevel(_ i: Int, _ j: Int) -> Int { dateLevel(rows.base + i, rows.base + j) }

    @inline(__always)
    private func exactLevel(_ x: UInt64, _ y: UInt64) -> Int {
        if x == 0 || y == 0 { return 0 }
        return x == y ? 1 : 2
    }

    @inline(__always)
    private func nameLevels(_ a: UnsafePointer<ComparisonRow>, _ b: UnsafePointer<ComparisonRow>) -> (Int, Int) {
        let r = records
        let ga = a.pointee.given, gb = b.pointee.given, fa = a.pointee.family, fb = b.pointee.family
        // Given and family names written the wrong way round (the family field may also
        // hold a middle name, "IVY ISLA", whose first part is then the given name).
        if ga >= 0, fa >= 0, gb >= 0, fb >= 0, ga != gb, fa != fb,
           r.names.firstByte(ga) == r.names.firstByte(fb) || r.names.firstByte(fa) == r.names.firstByte(gb),
           r.names.isCloseForm(ga, fb) || r.names.isCloseForm(ga, b.pointee.familyPartA),
           r.names.isCloseForm(fa, gb) || r.names.isCloseForm(a.pointee.familyPartA, gb) {
            return (2, 2)
        }
        return (givenLevel(ga, gb, a, b), familyLevel(fa, fb, a, b))
    }

    @inline(__always)
    private func givenLevel(_ ga: Int32, _ gb: Int32, _ a: UnsafePointer<ComparisonRow>, _ b: UnsafePointer<ComparisonRow>) -> Int {
        if ga < 0 || gb < 0 { return 0 }
        if ga == gb { return 1 }
        let names = records.names
        let la = names.length(ga), lb = names.length(gb)
        if la == 1 || lb == 1 { return names.firstByte(ga) == names.firstByte(gb) ? 5 : 6 }
        if NicknameTable.shareGroup(names.nicknameGroups[Int(ga)], names.nicknameGroups[Int(gb)])
            || ga == b.pointee.middle || a.pointee.middle == gb {
            return 2
        }
        let similarity = names.similarity(ga, gb)
        if similarity >= 0.92 || names.isOneEditApart(ga, gb) { return 3 }
        if similarity >= 0.80 { return 4 }
        return 6
    }

    @inline(__always)
    private func familyLevel(_ fa: Int32, _ fb: Int32, _ a: UnsafePointer<ComparisonRow>, _ b: UnsafePointer<ComparisonRow>) -> Int {
        if fa < 0 || fb < 0 { return 0 }
        if fa == fb { return 1 }
        let r = records
        let x = a.pointee, y = b.pointee
        let oa0 = x.otherA, oa1 = x.otherB, ob0 = y.otherA, ob1 = y.otherB
        let pa0 = x.familyPartA, pa1 = x.familyPartB, pb0 = y.familyPartA, pb1 = y.familyPartB
        if (ob0 >= 0 && (fa == ob0 || oa0 == ob0 || oa1 == ob0)) || (ob1 >= 0 && (fa == ob1 || oa0 == ob1))
            || (oa0 >= 0 && fb == oa0) || (oa1 >= 0 && fb == oa1)
            || (pa0 >= 0 && (fb == pa0 || fb == pa1 || pa0 == pb0 || pa1 == pb1))
            || (pb0 >= 0 && (fa == pb0 || fa == pb1)) {
            return 2
        }
        let similarity = r.names.similarity(fa, fb)
        if similarity >= 0.92 || r.names.isOneEditApart(fa, fb) { return 3 }
        if r.names.phonetic[Int(fa)] == r.names.phonetic[Int(fb)] { return 4 }
        if similarity >= 0.80 { return 5 }
        return 6
    }

    @inline(__always)
    private func dateLevel(_ a: UnsafePointer<ComparisonRow>, _ b: UnsafePointer<ComparisonRow>) -> Int {
        let x = a.pointee.birthDate, y = b.pointee.birthDate
        if x == 0 || y == 0 {
            // An impossible date the same as, or one slip from, the other record's date
            // (1938-11-31 against 1938-11-13): weaker than a real match, so "one part different".
            let tx = a.pointee.birthText, ty = b.pointee.birthText
            if tx == 0 && ty == 0 { return 0 }
            let px = tx != 0 ? tx : (x != 0 ? FieldText.packDate(x) : 0)
            let py = ty != 0 ? ty : (y != 0 ? FieldText.packDate(y) : 0)
            if px == 0 || py == 0 { return 0 }
            return px == py || FieldText.isOneEditApart(px, py) ? 3 : 0
        }
        return Int(BirthDateAgreement.compare(x, y).rawValue) + 1
    }

    @inline(__always)
    private func sexLevel(_ a: UnsafePointer<ComparisonRow>, _ b: UnsafePointer<ComparisonRow>) -> Int {
        let x = a.pointee.sex, y = b.pointee.sex
        if x == 0 || y == 0 { return 0 }
        return x == y ? 1 : 2
    }

    @inline(__always)
    private func addressLevel(_ a: UnsafePointer<ComparisonRow>, _ b: UnsafePointer<ComparisonRow>) -> Int {
        let x = a.pointee, y = b.pointee
        let ua = x.uprn, ub = y.uprn
        if ua != 0, ua == ub { return 1 }
        let pa = x.postcode, pb = y.postcode
        let ha = x.house, hb = y.house
        // A flat in a named building ("Flat 23, Oak Point") has no house number: the same
        // flat number and building name are the same home.
        let fa = x.flat, fb = y.flat
        // One record writes "Flat 20, Westbury Court", the other "20 Westbury Court": a
        // lone number in a named building is that flat's number either way, so where the
        // postcodes cannot say (one missing or mistyped) it is the same street address.
        let flatWrittenAsHouse = (ha == 0 && fb == 0 && fa != 0 && fa == hb) || (hb == 0 && fa == 0 && fb != 0 && fb == ha)
        let sameHouse: Bool
        if flatWrittenAsHouse || (ha == 0 && hb == 0 && fa != 0 && fa == fb) {
            sameHouse = x.street[0] == y.street[0] && Self.streetOverlap(x.street, y.street)
        } else {
            sameHouse = ha != 0 && ha == hb && (fa == fb || fa == 0 || fb == 0)
        }
        let hasStreetA = x.street[0] != 0
        let hasStreetB = y.street[0] != 0
        if pa != 0, pb != 0 {
            let fullA = pa & 0x3FFF != 0, fullB = pb & 0x3FFF != 0
            if fullA, fullB, pa == pb {
                // Within one postcode "23 Oak Point" may be a house as well as flat 23: not proof.
                return sameHouse && !flatWrittenAsHouse && (ua == 0 || ub == 0) ? 1 : 2
            }
            if (pa >> 14) == (pb >> 14) {
                if sameHouse, Self.streetOverlap(x.street, y.street) { return 3 }
                if fullA, fullB, (pa >> 10) == (pb >> 10) { return 4 }
                return 5
            }
            if sameHouse, Self.streetOverlap(x.street, y.street), (pa >> 26) == (pb >> 26) { return 3 }
            return 6
        }
        // A postcode that is not UK-shaped (a foreign code, a slip) is compared as text at a
        // lower weight: the same text as "same postcode sector", one slip as "same district".
        let ta = x.postcodeText, tb = y.postcodeText
        if ta != 0, tb != 0 {
            if sameHouse, Self.streetOverlap(x.street, y.street) { return 3 }
            if ta == tb { return 4 }
            if FieldText.isOneEditApart(ta, tb) { return 5 }
        }
        guard hasStreetA, hasStreetB else { return 0 }
        if sameHouse, Self.streetOverlap(x.street, y.street) { return 3 }
        return 6
    }

    /// At least half of the street words agree (words fill the slots from the first; 0 ends them).
    @inline(__always)
    private static func streetOverlap(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>) -> Bool {
        var shared = 0, countA = 0, countB = 0
        for x in 0..<4 {
            let ta = a[x]
            if ta == 0 { break }
            countA += 1
            for y in 0..<4 {
                let tb = b[y]
                if tb == 0 { break }
                if ta == tb { shared += 1; break }
            }
        }
        for y in 0..<4 where b[y] != 0 { countB += 1 }
        return shared * 2 >= max(countA, countB) && shared > 0
    }
}
