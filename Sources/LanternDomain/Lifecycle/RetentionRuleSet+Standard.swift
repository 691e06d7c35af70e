extension RetentionRuleSet {
    /// The seeds' retention periods (see `panels-and-rights.md` section 0 and
    /// 3.5), as the partnership's defaults until the DPO saves a version.
    public static let standard: RetentionRuleSet = {
        var rules: [RetentionRule] = []
        func add(_ categories: [EventCategory], _ trigger: RetentionRule.Trigger, _ years: Int, _ action: RetentionRule.Action, _ basis: String) {
            for category in categories {
                rules.append(RetentionRule(recordClass: RecordClass.events(category), trigger: trigger, years: years, action: action, basis: basis))
            }
        }
        // Hounslow (seed 001): MARAC keep 6 years (RGLA 3.20/3.23).
        add([.maracReferral, .dashAssessment], .lastAction, 6, .destroy, "MARAC records: keep 6 years (RGLA 3.20/3.23), seed 001")
        // Hounslow: DV outreach and FGM, destroy 7 years after last action.
        add([.domesticAbuse, .dvpo, .daAdmission], .lastAction, 7, .destroy, "DV outreach: destroy 7 years after last action, seed 001")
        // Hounslow: Community Risk Panel, destroy 6 years after last action.
        add([.asb, .hateCrime, .cuckooing, .roughSleeping, .deliberateFire, .falseAlarm], .lastAction, 6, .destroy,
            "Community Risk Panel: destroy 6 years after last action, seed 001")
        // Hounslow: IOM, close of case then review at 6 years (Limitation Act 1980 s2).
        add([.licenceBreach, .prisonRelease, .communityOrder, .drr], .caseClosure, 6, .review,
            "IOM: review 6 years after close of case (Limitation Act 1980 s2), seed 001")
        // Police records: MoPI review, normally held a minimum of 6 years.
        add([.violence, .theft, .burglary, .robbery, .criminalDamage, .drugs, .sexualOffence, .fraud, .arrest, .weaponOffence],
            .lastAction, 6, .review, "Police information: MoPI review, minimum 6 years (APP Review, retention and disposal)")
        // B&NES (seed 000): social-care-derived family data up to 8 years, longer for safeguarding.
        add([.safeguardingConcern, .cinPlan, .cpPlan, .adultSafeguarding, .missingEpisode, .childExploitation, .countyLines],
            .lastAction, 8, .review, "Social-care-derived family data: up to 8 years, longer for safeguarding, seed 000")
        // Care Planning, Placement and Case Review (England) Regs 2010 reg 50.
        add([.lookedAfter], .dateOfBirth, 75, .destroy, "Looked-after children: 75th anniversary of birth (CPPCR Regs 2010 reg 50)")
        add([.aeAssault, .substanceTreatment, .alcoholAdmission, .mentalHealth, .eviction, .tenancyBreach, .homelessness,
             .rentArrears, .exclusion, .persistentAbsence, .sendSupport, .debtSupport, .benefitSanction],
            .lastAction, 8, .destroy, "Family data shared for early help: up to 8 years after last action, seed 000")
        rules.append(RetentionRule(recordClass: RecordClass.involvements, trigger: .caseClosure, years: 6, action: .destroy,
                                   basis: "Service involvement: 6 years after the service ended (Limitation Act 1980 s2), seed 001"))
        rules.append(RetentionRule(recordClass: RecordClass.people, trigger: .lastAction, years: 8, action: .destroy,
                                   basis: "A person record: 8 years after the last thing the partner recorded about them, seed 000"))
        rules.append(RetentionRule(recordClass: RecordClass.accessRequests, trigger: .received, years: 4, action: .destroy,
                                   basis: "Access requests and answers: 4 years, as training and governance records, seed 002"))
        rules.append(RetentionRule(recordClass: RecordClass.notifications, trigger: .received, years: 1, action: .destroy,
                                   basis: "Notifications are prompts, not records: 1 year"))
        return RetentionRuleSet(version: 0, rules: rules)
    }()
}
