/// The words a panel case's pages use for its people, per panel type.
///
/// Use it wherever a panel case, agenda row or transfer screen names the
/// case's roles: the engine stores every case in the same slots (the person
/// the case is about, the people related to them, the children), and this
/// says what each slot is called on that kind of panel. Contract: only a
/// MARAC speaks of "victim" and "perpetrator" together and shows a DASH; an
/// exploitation case is about a child, with places, associated people and a
/// 12-weekly review, and never says "victim" or "perpetrator".
public struct PanelCaseWording: Sendable, Hashable, Codable {
    /// One choice for whom an action protects, in this panel's words.
    public struct Protects: Sendable, Hashable, Codable {
        public var value: ActionProtects
        public var label: String
    }

    /// The person the case is about: "Victim", "Child", "Person causing harm".
    public var subject: String
    /// The people related to them in the case (the engine's second slot).
    public var related: String
    public var children: String
    /// "Victim told of the referral" and "What the victim wants", from the referral form.
    public var subjectTold: String
    public var wishes: String
    /// The example reason on the transfer screen.
    public var movedExample: String
    /// The DASH is a MARAC instrument.
    public var showsDASH: Bool
    /// Places (postcodes) and people associated through linked events, as a MACE panel profiles them.
    public var showsPlacesAndAssociates: Bool
    /// A review cycle in weeks, when the panel type has one (12 weeks after Liverpool's MACE process).
    public var reviewEveryWeeks: Int?
    public var protects: [Protects]

    public func label(of protects: ActionProtects) -> String {
        self.protects.first { $0.value == protects }?.label ?? protects.label
    }

    /// Every word this wording can put on a page, for checks that a panel type never says the wrong thing.
    public var allText: [String] { [subject, related, children, subjectTold, wishes, movedExample] + protects.map(\.label) }

    public static func of(_ kind: PanelKind) -> PanelCaseWording {
        switch kind {
        case .marac:
            PanelCaseWording(subject: "Victim", related: "Person causing harm", children: "Children in the household",
                             subjectTold: "Victim told of the referral", wishes: "What the victim wants",
                             movedExample: "the victim has moved to the other area", showsDASH: true, showsPlacesAndAssociates: false,
                             reviewEveryWeeks: nil,
                             protects: choices([(.victim, "Victim"), (.child, "Child"), (.perpetrator, "Perpetrator"), (.other, "Other")]))
        case .matac:
            // Perpetrator-focused: the case is about the person causing harm; the people they harm are related to it.
            PanelCaseWording(subject: "Person causing harm", related: "People harmed", children: "Children in the household",
                             subjectTold: "People harmed told of the referral", wishes: "What the people harmed want",
                             movedExample: "the person causing harm has moved to the other area", showsDASH: false,
                             showsPlacesAndAssociates: false, reviewEveryWeeks: nil,
                             protects: choices([(.perpetrator, "Changing the behaviour of the person causing harm"), (.victim, "People harmed"),
                                                (.child, "Children"), (.other, "Other")]))
        case .communityRiskPanel, .asbCaseReview:
            PanelCaseWording(subject: kind == .asbCaseReview ? "Applicant" : "Person at risk",
                             related: "Person causing the anti-social behaviour", children: "Children in the household",
                             subjectTold: kind == .asbCaseReview ? "Applicant told of the review" : "Person told of the referral",
                             wishes: kind == .asbCaseReview ? "What the applicant wants" : "What the person wants",
                             movedExample: "the person has moved to the other area", showsDASH: false, showsPlacesAndAssociates: false,
                             reviewEveryWeeks: nil,
                             protects: choices([(.victim, kind == .asbCaseReview ? "Applicant" : "Person at risk"), (.child, "Children"),
                                                (.perpetrator, "Person causing the behaviour"), (.other, "Neighbours and community")]))
        case .iom:
            PanelCaseWording(subject: "Person managed", related: "Associates", children: "Children in the household",
                             subjectTold: "Person told of the selection", wishes: "What the person wants from IOM",
                             movedExample: "the person has moved to the other area", showsDASH: false, showsPlacesAndAssociates: false,
                             reviewEveryWeeks: nil,
                             protects: choices([(.perpetrator, "Reducing the person's offending"), (.victim, "People at risk from the person"),
                                                (.child, "Children"), (.other, "Other")]))
        case .exploitation:
            PanelCaseWording(subject: "Child", related: "Adults of concern", children: "Other children linked",
                             subjectTold: "Child told of the referral", wishes: "What the child wants",
                             movedExample: "the child has moved to the other area", showsDASH: false, showsPlacesAndAssociates: true,
                             reviewEveryWeeks: 12,
                             protects: choices([(.child, "Child"), (.perpetrator, "Disrupting adults of concern"), (.other, "Peers and places")]))
        }
    }

    private static func choices(_ pairs: [(ActionProtects, String)]) -> [Protects] { pairs.map { Protects(value: $0.0, label: $0.1) } }
}
