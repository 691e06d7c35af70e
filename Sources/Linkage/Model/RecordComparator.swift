/// Compares two standardised records field by field and returns their `ComparisonPattern`.
///
/// This is the hot loop of linkage: it reads only integer arrays and interned name bytes,
/// computes each similarity at most once per pair, and allocates nothing. Contract:
/// `pattern(i, j) == pattern(j, i)` for every pair.
struct RecordComparator: Sendable {
    var records: StandardisedRecords
    /// Whether the run's model learned that one partner's two records are usually two
    /// people (`PersonClusterer.samePartnerEvidenceBits`); the cannot-link rule then reads
    /// two registered given names on one partner's two records as two people. Set by
    /// `PairScorer` from its model; off for a comparator with no model.
    var partnersKeepPeopleApart = false

    init(_ records: StandardisedRecords) { self.records = records }

    @inline(__always)
    func pattern(_ i: Int, _ j: Int) -> UInt32 {
        // Order the pair so that every asymmetric step reads the same way both ways round.
        let a = min(i, j), b = max(i, j)
        var code = 0
        let (givenLevel, familyLevel) = nameLevels(a, b)
        code += givenLevel
        code += familyLevel * 7
        // Strides of the mixed-radix pattern code (see `ComparisonField.strides`).
        code += dateLevel(a, b) * 49
        code += sexLevel(a, b) * 343
        code += addressLevel(a, b) * 1_029
        code += exactLevel(records.phone[a], records.phone[b]) * 7_203
        code += exactLevel(records.email[a], records.email[b]) * 21_609
        code += exactLevel(records.nhs[a], records.nhs[b]) * 64_827
        code += exactLevel(records.cro[a], records.cro[b]) * 194_481
        // Record ids are unique within a run, so "same source" means another record of one partner.
        code += exactLevel(records.source[a], records.source[b]) * 583_443
        return UInt32(code)
    }

    @inline(__always)
    private func exactLevel(_ x: UInt64, _ y: UInt64) -> Int {
        if x == 0 || y == 0 { return 0 }
        return x == y ? 1 : 2
    }

    @inline(__always)
    func nameLevels(_ a: Int, _ b: Int) -> (Int, Int) {
        let r = records
        let ga = r.given[a], gb = r.given[b], fa = r.family[a], fb = r.family[b]
        // Given and family names written the wrong way round (the family field may also
        // hold a middle name, "IVY ISLA", whose first part is then the given name).
        if ga >= 0, fa >= 0, gb >= 0, fb >= 0, ga != gb, fa != fb,
           r.names.firstByte(ga) == r.names.firstByte(fb) || r.names.firstByte(fa) == r.names.firstByte(gb),
           r.names.isCloseForm(ga, fb) || r.names.isCloseForm(ga, r.familyPartA[b]),
           r.names.isCloseForm(fa, gb) || r.names.isCloseForm(r.familyPartA[a], gb) {
            return (2, 2)
        }
        return (givenLevel(ga, gb, a, b), familyLevel(fa, fb, a, b))
    }

    @inline(__always)
    private func givenLevel(_ ga: Int32, _ gb: Int32, _ a: Int, _ b: Int) -> Int {
        if ga < 0 || gb < 0 { return 0 }
        if ga == gb { return 1 }
        let names = records.names
        let la = names.length(ga), lb = names.length(gb)
        if la == 1 || lb == 1 { return names.firstByte(ga) == names.firstByte(gb) ? 5 : 6 }
        if NicknameTable.shareGroup(names.nicknameGroups[Int(ga)], names.nicknameGroups[Int(gb)])
            || ga == records.middle[b] || records.middle[a] == gb {
            return 2
        }
        let similarity = names.similarity(ga, gb)
        if similarity >= 0.92 || names.isOneEditApart(ga, gb) { return 3 }
        if similarity >= 0.80 { return 4 }
        return 6
    }

    @inline(__always)
    private func familyLevel(_ fa: Int32, _ fb: Int32, _ a: Int, _ b: Int) -> Int {
        if fa < 0 || fb < 0 { return 0 }
        if fa == fb { return 1 }
        let r = records
        let oa0 = r.otherA[a], oa1 = r.otherB[a], ob0 = r.otherA[b], ob1 = r.otherB[b]
        let pa0 = r.familyPartA[a], pa1 = r.familyPartB[a], pb0 = r.familyPartA[b], pb1 = r.familyPartB[b]
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
    func dateLevel(_ a: Int, _ b: Int) -> Int {
        let x = records.birthDate[a], y = records.birthDate[b]
        if x == 0 || y == 0 {
            // An impossible date the same as, or one slip from, the other record's date
            // (1938-11-31 against 1938-11-13): weaker than a real match, so "one part different".
            let tx = records.birthText[a], ty = records.birthText[b]
            if tx == 0 && ty == 0 { return 0 }
            let px = tx != 0 ? tx : (x != 0 ? FieldText.packDate(x) : 0)
            let py = ty != 0 ? ty : (y != 0 ? FieldText.packDate(y) : 0)
            if px == 0 || py == 0 { return 0 }
            return px == py || FieldText.isOneEditApart(px, py) ? 3 : 0
        }
        return Int(BirthDateAgreement.compare(x, y).rawValue) + 1
    }

    @inline(__always)
    private func sexLevel(_ a: Int, _ b: Int) -> Int {
        let x = records.sex[a], y = records.sex[b]
        if x == 0 || y == 0 { return 0 }
        return x == y ? 1 : 2
    }

    @inline(__always)
    private func addressLevel(_ a: Int, _ b: Int) -> Int {
        let r = records
        let ua = r.uprn[a], ub = r.uprn[b]
        if ua != 0, ua == ub { return 1 }
        let pa = r.postcode[a], pb = r.postcode[b]
        let ha = r.house[a], hb = r.house[b]
        // A flat in a named building ("Flat 23, Oak Point") has no house number: the same
        // flat number and building name are the same home.
        let fa = r.flat[a], fb = r.flat[b]
        // One record writes "Flat 20, Westbury Court", the other "20 Westbury Court": a
        // lone number in a named building is that flat's number either way, so where the
        // postcodes cannot say (one missing or mistyped) it is the same street address.
        let flatWrittenAsHouse = (ha == 0 && fb == 0 && fa != 0 && fa == hb) || (hb == 0 && fa == 0 && fb != 0 && fb == ha)
        let sameHouse: Bool
        if flatWrittenAsHouse || (ha == 0 && hb == 0 && fa != 0 && fa == fb) {
            let slots = StandardisedRecords.streetSlots
            sameHouse = r.street[a * slots] == r.street[b * slots] && streetOverlap(a, b)
        } else {
            sameHouse = ha != 0 && ha == hb && (fa == fb || fa == 0 || fb == 0)
        }
        let hasStreetA = r.street[a * StandardisedRecords.streetSlots] != 0
        let hasStreetB = r.street[b * StandardisedRecords.streetSlots] != 0
        if pa != 0, pb != 0 {
            let fullA = pa & 0x3FFF != 0, fullB = pb & 0x3FFF != 0
            if fullA, fullB, pa == pb {
                // Within one postcode "23 Oak Point" may be a house as well as flat 23: not proof.
                return sameHouse && !flatWrittenAsHouse && (ua == 0 || ub == 0) ? 1 : 2
            }
            if (pa >> 14) == (pb >> 14) {
                if sameHouse, streetOverlap(a, b) { return 3 }
                if fullA, fullB, (pa >> 10) == (pb >> 10) { return 4 }
                return 5
            }
            if sameHouse, streetOverlap(a, b), (pa >> 26) == (pb >> 26) { return 3 }
            return 6
        }
        // A postcode that is not UK-shaped (a foreign code, a slip) is compared as text at a
        // lower weight: the same text as "same postcode sector", one slip as "same district".
        let ta = r.postcodeText[a], tb = r.postcodeText[b]
        if ta != 0, tb != 0 {
            if sameHouse, streetOverlap(a, b) { return 3 }
            if ta == tb { return 4 }
            if FieldText.isOneEditApart(ta, tb) { return 5 }
        }
        guard hasStreetA, hasStreetB else { return 0 }
        if sameHouse, streetOverlap(a, b) { return 3 }
        return 6
    }

    /// At least half of the street words agree.
    @inline(__always)
    private func streetOverlap(_ a: Int, _ b: Int) -> Bool {
        let slots = StandardisedRecords.streetSlots
        var shared = 0, countA = 0, countB = 0
        for x in 0..<slots {
            let ta = records.street[a * slots + x]
            if ta == 0 { break }
            countA += 1
            for y in 0..<slots {
                let tb = records.street[b * slots + y]
                if tb == 0 { break }
                if ta == tb { shared += 1; break }
            }
        }
        for y in 0..<slots where records.street[b * slots + y] != 0 { countB += 1 }
        return shared * 2 >= max(countA, countB) && shared > 0
    }
}
