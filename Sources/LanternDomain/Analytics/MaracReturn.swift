/// One MARAC case as the quarterly data return counts it: no names, only
/// the facts SafeLives asks for.
public struct MaracReturnCase: Sendable, Hashable {
    public var area: String
    public var referredOn: CalendarDate
    /// The first meeting that heard it; nil while it waits.
    public var heardOn: CalendarDate?
    public var isRepeat: Bool
    /// The referring agency's slug.
    public var referrer: String
    public var children: Int
    public var victimSex: Sex?
    /// The victim's age in completed years on the day of referral, if known.
    public var victimAge: Int?
    public var perpetratorUnder18: Bool
    /// The victim's ethnic group (ONS 2021 high-level group) where a partner gave it.
    public var victimEthnicGroup: EthnicGroup?

    public init(area: String, referredOn: CalendarDate, heardOn: CalendarDate?, isRepeat: Bool, referrer: String, children: Int,
                victimSex: Sex?, victimAge: Int?, perpetratorUnder18: Bool, victimEthnicGroup: EthnicGroup? = nil) {
        self.area = area
        self.referredOn = referredOn
        self.heardOn = heardOn
        self.isRepeat = isRepeat
        self.referrer = referrer
        self.children = children
        self.victimSex = victimSex
        self.victimAge = victimAge
        self.perpetratorUnder18 = perpetratorUnder18
        self.victimEthnicGroup = victimEthnicGroup
    }
}

/// The quarterly MARAC data return (SafeLives): cases heard, repeats,
/// children in the households, the equality items, and referrals by agency.
///
/// Use ``atoms(_:)``, then draw the table by quarter. Contract: every heard
/// item is placed at the month the case was first heard; referrals at the
/// month of referral, under the referring agency; children are counted
/// (a case with three children adds three).
public enum MaracReturn {
    public struct Item: Sendable, Hashable {
        public var measure: String
        public var label: String
    }

    public static let heard = Item(measure: "marac-heard", label: "Cases heard")
    public static let repeats = Item(measure: "marac-repeats", label: "Repeat cases")
    public static let children = Item(measure: "marac-children", label: "Children in the households")
    public static let maleVictims = Item(measure: "marac-male-victims", label: "Male victims")
    public static let youngVictims = Item(measure: "marac-victims-16-17", label: "Victims aged 16 or 17")
    public static let youngPerpetrators = Item(measure: "marac-perpetrators-under-18", label: "Perpetrators aged 17 or under")
    public static let minorityEthnic = Item(measure: "marac-minority-ethnic-victims", label: "Victims from minority ethnic groups")
    /// Referrals, one category per referring agency.
    public static let referrals = "marac-referrals"
    public static let category = "marac"

    /// The heard items in the order the return lists them.
    public static let heardItems = [heard, repeats, children, maleVictims, youngVictims, youngPerpetrators, minorityEthnic]

    public static func atoms(_ cases: [MaracReturnCase]) -> CountAtoms {
        var atoms = CountAtoms()
        for item in cases {
            let referred = MonthIndex.of(year: item.referredOn.year, month: item.referredOn.month)
            atoms.add(.init(measure: referrals, area: item.area, month: referred, category: category, partner: item.referrer))
            guard let heardOn = item.heardOn else { continue }
            let month = MonthIndex.of(year: heardOn.year, month: heardOn.month)
            func add(_ what: Item, _ count: Int = 1) {
                if count > 0 { atoms.add(.init(measure: what.measure, area: item.area, month: month, category: category), count: count) }
            }
            add(heard)
            if item.isRepeat { add(repeats) }
            add(children, item.children)
            if item.victimSex == .male { add(maleVictims) }
            if let age = item.victimAge, (16...17).contains(age) { add(youngVictims) }
            if item.perpetratorUnder18 { add(youngPerpetrators) }
            if let group = item.victimEthnicGroup, group.isMinority { add(minorityEthnic) }
        }
        return atoms
    }
}

/// One ASB case review application as the yearly published counts read it.
public struct CaseReviewFacts: Sendable, Hashable {
    public var receivedOn: CalendarDate
    /// nil while the threshold decision is pending.
    public var thresholdMet: Bool?
    public var reviewHeld: Bool
    public var hasRecommendations: Bool

    public init(receivedOn: CalendarDate, thresholdMet: Bool?, reviewHeld: Bool, hasRecommendations: Bool) {
        self.receivedOn = receivedOn
        self.thresholdMet = thresholdMet
        self.reviewHeld = reviewHeld
        self.hasRecommendations = hasRecommendations
    }
}

/// The four counts the ASB, Crime and Policing Act 2014 requires each area
/// to publish yearly: applications received, those not meeting the
/// threshold, reviews carried out, and reviews that made recommendations.
///
/// Contract: each application is placed at the month it was received, so a
/// year's four counts are about the same applications.
public enum CaseReviewReturn {
    public static let items: [MaracReturn.Item] = [
        .init(measure: "asb-review-received", label: "Applications received"),
        .init(measure: "asb-review-threshold-not-met", label: "Applications not meeting the threshold"),
        .init(measure: "asb-review-held", label: "Reviews carried out"),
        .init(measure: "asb-review-recommendations", label: "Reviews with recommendations"),
    ]
    public static let category = "asb-case-review"
    public static let area = "partnership"

    public static func atoms(_ applications: [CaseReviewFacts]) -> CountAtoms {
        var atoms = CountAtoms()
        for application in applications {
            let month = MonthIndex.of(year: application.receivedOn.year, month: application.receivedOn.month)
            let flags = [true, application.thresholdMet == false, application.reviewHeld, application.reviewHeld && application.hasRecommendations]
            for (item, counted) in zip(items, flags) where counted {
                atoms.add(.init(measure: item.measure, area: area, month: month, category: category))
            }
        }
        return atoms
    }
}
