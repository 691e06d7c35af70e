import LanternDomain

/// The one place Lantern decides who may read what about a person.
///
/// Build one from an ``AgreementIndex`` when the agreements change and share
/// it; ask ``decide(_:item:)`` for one item or ``decide(_:record:)`` for a
/// whole record. It does no I/O and reads no clock: the same request gets the
/// same answer. Contract: a read is permitted only when every rule below is
/// met; a category held by another partner is shown only when an approved
/// agreement in force on the day has a flow from the holder to the reader's
/// partner that lawfully carries it (Art 9 / Art 10 condition named) for the
/// purpose.
///
/// ## The rules, in order (the first failure denies)
///
/// | # | rule | denies with | unless |
/// | - | ---- | ----------- | ------ |
/// | 1 | ``CaseDataRole`` | `no-case-data-role` | a role reads case data: practitioner, analyst, panel-chair, dpo (not admin, not partner-admin); or a records officer under `retention` |
/// | 2 | ``PurposeForRole`` | `purpose-not-for-role` | a role allows the purpose (table below) |
/// | 3 | ``BreakGlassValidity`` | `break-glass-not-for-role`, `-not-yet-valid`, `-expired` | no grant, or a practitioner / panel chair's grant in force now |
/// | 4 | ``RelationshipToSubject`` | `no-relationship`, `not-on-panel-case` | the relationship the purpose needs, a break-glass grant in force (flagged for DPO review), or, for one holder's items, that holder's yes to an access request |
/// | 5 | authority for the item's own category | `no-agreement`, `no-lawful-condition`, `agreement-not-approved`, `-suspended`, `-withdrawn`, `-not-yet-in-force`, `depersonalised` | own partner's record; rights request; or an in-force flow (holder -> reader's partner, category, purpose) |
/// | 5a | restriction (UK GDPR Art 18) | `restricted` | the purpose is the subject's rights request |
/// | 5r | retention reads (purpose `retention`) | `not-own-records`, `not-due-for-disposal` | the item is held by the reader's own partner and is due for disposal or review (then clause `retention`) |
/// | 6 | authority for each other field category | masks the field, same codes | as rule 5 |
///
/// ## Roles and purposes (rule 2) and the relationship each needs (rule 4)
///
/// | role | purposes | relationship needed |
/// | ---- | -------- | ------------------- |
/// | practitioner | holistic-view, joining-caseloads | any: allocated worker, panel member or record author |
/// | practitioner | risk-panels | panel member |
/// | panel-chair | risk-panels, holistic-view | panel member (chairs see panel-case members) |
/// | analyst (hub, central controller) | case-finding, risk-modelling, joining-caseloads | none: matched data across the population |
/// | analyst | evaluation | none; identity is always masked (depersonalised) |
/// | analyst | risk-panels | panel member (agenda preparation) |
/// | dpo | rights-request | the person is the subject of a rights request the DPO is answering (`no-rights-request`); then every partner's items, citing UK GDPR Arts 15-21 |
/// | records | retention | none for the person; per item, rule 5r: own partner's records due for disposal or review, never another partner's (they see counts) |
/// | dpo | any agreement purpose | denied: DPOs read the audit (``Capability``), and personal data only for rights requests |
/// | partner-admin, admin | none | denied: they manage accounts and read no case data |
///
/// A user with several roles gets the union, needing the least demanding
/// relationship among the roles that allow the purpose.
///
/// ## Authority for each category (rules 5 and 6)
///
/// | situation | result |
/// | --------- | ------ |
/// | held by the reader's own partner | shown (clause `own-records`): no sharing happens, rules 1-4 still apply |
/// | purpose `rights-request` | shown (clause `rights-request`); agree exemptions with the holder before disclosure |
/// | purpose `evaluation`, category identity | masked / denied `depersonalised` |
/// | another partner's, flow in force covering it | shown (clause `agreement-flow`, cites agreement, flow number, bases, statutes) |
/// | special category (health, social care) or criminal offence (asb, crime, domestic abuse, exploitation, probation) without a flow naming the Art 9 / Art 10 condition | masked / denied `no-lawful-condition` |
/// | agreement draft, for approval, suspended, withdrawn, or starting after today | masked / denied with that status's code |
/// | nothing covers it | masked / denied `no-agreement`: ask the holder for access (request and response) |
///
/// Break-glass stands in for the relationship only (rule 4). It never
/// stands in for an agreement, and every permission it enables carries the
/// grant (``Permission/needsDPOReview``).
public struct AccessPolicy: Sendable {
    /// The rules run before any agreement is looked at, in order.
    public typealias Rules = RuleSequence<RuleSequence<RuleSequence<CaseDataRole, PurposeForRole>,
        BreakGlassValidity>, RelationshipToSubject>

    public let index: AgreementIndex
    let rules: Rules

    public init(index: AgreementIndex) {
        self.index = index
        self.rules = Self.standardRules()
    }

    public init(agreements: [Agreement], partners: [Partner] = []) {
        self.init(index: AgreementIndex(agreements: agreements, partners: partners))
    }

    @AccessRuleBuilder
    static func standardRules() -> Rules {
        CaseDataRole()
        PurposeForRole()
        BreakGlassValidity()
        RelationshipToSubject()
    }

    /// The decision for one item the requester wants to read.
    public func decide(_ request: AccessRequest, item: HeldItem) -> AccessDecision {
        let holder = HoldingPartner(slug: item.holder, name: index.name(of: item.holder))
        if case .fails(let denial) = rules.check(request, holder: holder) { return .deny(denial) }
        return decide(item, in: Reading(request, index: index))
    }

    /// The decision for a whole record: every item from every partner, what
    /// is shown, masked and withheld, and a summary safe to show.
    public func decide(_ request: AccessRequest, record items: [HeldItem]) -> RecordDecision {
        if case .fails(let denial) = rules.check(request, holder: nil) {
            // Without a relationship, only what partners who granted an access
            // request hold can be read, each item still under rules 5 and 6.
            guard denial.code == .noRelationship || denial.code == .notOnPanelCase, !request.grantedBy.isEmpty else {
                return RecordDecision(items: items, refusal: denial)
            }
            let reading = Reading(request, index: index)
            return RecordDecision(items: items, decisions: items.map { item in
                request.grantedBy.contains(item.holder) ? decide(item, in: reading) : .deny(denial)
            }, refusal: nil)
        }
        let reading = Reading(request, index: index)
        // A family's record repeats the same few (holder, category) pairs
        // hundreds of times; the decision is a pure function of the item
        // and the request, so each distinct item is decided once.
        var decided: [HeldItem: AccessDecision] = [:]
        let decisions = items.map { item in
            if let known = decided[item] { return known }
            let decision = decide(item, in: reading)
            decided[item] = decision
            return decision
        }
        return RecordDecision(items: items, decisions: decisions, refusal: nil)
    }

    /// What is fixed for every item of one request.
    struct Reading {
        let request: AccessRequest
        let recipientID: Int32?
        let dayNumber: Int
        let breakGlass: BreakGlassGrant?

        init(_ request: AccessRequest, index: AgreementIndex) {
            self.request = request
            recipientID = index.partnerID(request.requester.partner)
            dayNumber = request.now.day.dayNumber
            breakGlass = RelationshipToSubject.reliesOnBreakGlass(request) ? request.breakGlass : nil
        }
    }

    /// Rules 5 and 6, once rules 1-4 are met; a restricted item first.
    func decide(_ item: HeldItem, in reading: Reading) -> AccessDecision {
        // Restriction (Art 18) outranks every agreement, relationship and
        // emergency: only the rights request itself may read the item.
        if item.restricted && reading.request.purpose != .rightsRequest { return .deny(Self.restricted) }
        // Rule 5r: retention reads only the reader's own partner's records that are due.
        if reading.request.purpose == .retention {
            guard item.holder == reading.request.requester.partner else { return .deny(Self.notOwnRecords) }
            guard item.dueForDisposal else { return .deny(Self.notDueForDisposal) }
        }
        let primary: Clause
        switch authority(for: item.category, heldBy: item.holder, in: reading) {
        case .covered(let clause): primary = clause
        case .uncovered(let denial): return .deny(denial)
        }
        var masked = CategorySet()
        var reasons: [Masking] = []
        var others: [Clause] = []
        for category in item.fields where category != item.category {
            switch authority(for: category, heldBy: item.holder, in: reading) {
            case .covered(let clause):
                if clause.authority == .agreementFlow,
                   clause.flowNumber != primary.flowNumber || clause.agreement != primary.agreement,
                   !others.contains(where: { $0.flowNumber == clause.flowNumber && $0.agreement == clause.agreement }) {
                    others.append(clause)
                }
            case .uncovered(let denial):
                masked.insert(category)
                reasons.append(Masking(category: category, denial: denial))
            }
        }
        let permission = Permission(clause: primary, otherClauses: others, breakGlass: reading.breakGlass)
        return masked.isEmpty ? .permit(permission) : .permitWithMasking(masked: masked, permission, reasons: reasons)
    }

    private func authority(for category: DataCategory, heldBy holder: String,
                           in reading: Reading) -> AgreementIndex.Coverage {
        let request = reading.request
        let recipient = request.requester.partner
        switch request.purpose {
        case .rightsRequest:
            return .covered(Clause(authority: .rightsRequest, holder: holder, holderName: index.name(of: holder),
                                   recipient: recipient, recipientName: index.name(of: recipient),
                                   category: category, purpose: request.purpose))
        case .retention:
            // Rule 5r has already confined the read to the reader's own due records.
            return .covered(Clause(authority: .retention, holder: holder, holderName: index.name(of: holder),
                                   recipient: recipient, recipientName: index.name(of: recipient),
                                   category: category, purpose: request.purpose))
        case .agreed(let purpose):
            // Evaluation works on depersonalised data, whoever holds it.
            if purpose == .evaluation && category == .identity {
                return .uncovered(Self.depersonalised)
            }
            if holder == recipient {
                return .covered(Clause(authority: .ownRecords, holder: holder, holderName: index.name(of: holder),
                                       recipient: recipient, recipientName: index.name(of: recipient),
                                       category: category, purpose: request.purpose))
            }
            return index.coverage(from: holder, to: recipient, recipientID: reading.recipientID,
                                  category: category, purpose: purpose, dayNumber: reading.dayNumber)
        }
    }

    static let restricted = Denial(
        code: .restricted,
        description: "The person has asked for the use of this information to be restricted (UK GDPR Art 18): "
            + "it is kept but used for nothing except their rights request. Ask the DPO if you believe an exception applies.",
        nextStep: .askDPO)

    static let notOwnRecords = Denial(
        code: .notOwnRecords,
        description: "A records officer decides the disposal of their own organisation's records only: "
            + "other partners' records are shown as counts, and each follows its own controller's schedule.",
        nextStep: .askDPO)

    static let notDueForDisposal = Denial(
        code: .notDueForDisposal,
        description: "This record is not due for disposal or review under its retention rule, so it is not read for retention. "
            + "Check the rule on the retention page, or ask the DPO.",
        nextStep: .askDPO)

    static let depersonalised = Denial(
        code: .depersonalised,
        description: "Evaluation uses depersonalised data: identifying details are withheld. "
            + "Identifying people is case finding, a separate purpose.")
}
