import Policy
import Vapor

/// Every refusal Lantern gives, with its words, in one place.
///
/// Use it where a route says no: `throw Refusal.caseFindingNotForRole`.
/// ``ErrorPages`` renders it as a page in the site layout for a browser and
/// as a JSON problem body (with ``code``) for the API; ``RefusalAudit``
/// records it. Contract: each case has a stable ``code`` that never changes
/// meaning; its ``reason`` names the real reason (never a neighbouring page's,
/// never the subject's data) and ``nextStep`` says what the reader can do.
enum Refusal: AbortError, Sendable, Equatable {
    /// A decision made by `Policy` (a capability, the access decision, an
    /// extract load, separation of duties): its words are the denial's own.
    case policy(Denial)
    /// Deciding whether two records are one person is the hub's job.
    case linkageReviewNotForRole
    /// The case-finding list and its rules are the hub's.
    case caseFindingNotForRole
    /// Administrators' accounts (system or partner) read no case data.
    case caseDataNotForRole
    /// The strategic lead sees figures, never a person.
    case caseDataNotForStrategicLead
    /// A feed's API token loads extracts and reads nobody's records.
    case caseDataNotForFeed
    /// Break-glass declared by a role that does not act for one person.
    case breakGlassNotForRole(roles: [String])
    /// A change sent with the session cookie but not the anti-forgery token.
    case antiForgery
    /// A disclosure pack before the requester's identity is settled.
    case disclosurePackNeedsIdentity
    /// A feed's token loading another partner's extract.
    case extractOfAnotherPartner(feed: String, partner: String)
    /// An extract named for a partner the partnership does not have.
    case extractFromUnknownPartner(String)
    /// An extract from a partner with no approved agreement in force.
    case extractWithoutAgreement(partner: String)
    /// Signed in with a bearer token the store does not know (or revoked).
    case tokenUnknown
    /// The API without a session or a bearer token.
    case notSignedIn
    /// HTTP Basic on the API, refused whatever the credentials.
    case basicRefused
    /// A partner's review of a rights request before the requester's identity is settled.
    case rightsReviewNeedsIdentity
    /// A rights-request review task held by another partner: each holding
    /// partner reviews only its own items.
    case reviewTaskOfAnotherPartner(partner: String)
    /// A risk panel's own rule (see ``PanelRefusal``).
    case panel(PanelRefusal)
    /// An administrator chose this account's password; it is changed before anything else.
    case passwordChangeRequired
    /// Too many failed sign-ins from this source (for this account, or for
    /// any): attempts wait until the time given (``SignInThrottle``).
    case signInThrottled(until: String)
    /// Disclosure requests to a partner known through an encoded match: practitioners ask,
    /// the partner's DPO or partner administrator answers; no one else.
    case partnerDisclosureNotForRole
    /// A disclosure asked about a person the access decision does not let the caller see.
    case partnerDisclosureNeedsSight
    /// A disclosure asked of a partner the person's page does not show as knowing them: no
    /// match, a match the partner's agreement flows do not let the caller be told of, or the
    /// caller's own partner. One answer for all, so asking cannot find a hidden match.
    case partnerDisclosurePartnerNotShown

    var status: HTTPResponseStatus {
        switch self {
        case .tokenUnknown, .notSignedIn, .basicRefused: .unauthorized
        case .signInThrottled: .tooManyRequests
        default: .forbidden
        }
    }

    var headers: HTTPHeaders {
        self == .basicRefused ? ["WWW-Authenticate": "Bearer"] : [:]
    }

    /// Stable and machine-readable: API clients and tests branch on it.
    var code: String {
        switch self {
        case .policy(let denial): denial.code.rawValue
        case .linkageReviewNotForRole: "linkage-review-not-for-role"
        case .caseFindingNotForRole: "case-finding-not-for-role"
        case .caseDataNotForRole: "no-case-data-role"
        case .caseDataNotForStrategicLead: "no-case-data-strategic-lead"
        case .caseDataNotForFeed: "no-case-data-feed"
        case .breakGlassNotForRole: Denial.Code.breakGlassNotForRole.rawValue
        case .antiForgery: "anti-forgery"
        case .disclosurePackNeedsIdentity: "identity-not-settled"
        case .extractOfAnotherPartner: "extract-of-another-partner"
        case .extractFromUnknownPartner: "unknown-partner"
        case .extractWithoutAgreement: Denial.Code.noAgreement.rawValue
        case .tokenUnknown: "token-unknown"
        case .notSignedIn: "not-signed-in"
        case .basicRefused: "basic-refused"
        case .rightsReviewNeedsIdentity: "identity-not-settled"
        case .reviewTaskOfAnotherPartner: "review-task-of-another-partner"
        case .panel(let refusal): "panel-" + refusal.code
        case .passwordChangeRequired: "password-change-required"
        case .signInThrottled: "sign-in-throttled"
        case .partnerDisclosureNotForRole: "partner-disclosure-not-for-role"
        case .partnerDisclosureNeedsSight: "partner-disclosure-needs-sight"
        case .partnerDisclosurePartnerNotShown: "partner-disclosure-partner-not-shown"
        }
    }

    /// What happened, in plain words, naming the real reason.
    var reason: String {
        switch self {
        case .policy(let denial):
            denial.description
        case .linkageReviewNotForRole:
            "Only partnership analysts decide whether two records are the same person: "
                + "linkage review is the hub's work, and your account does not hold the analyst role."
        case .caseFindingNotForRole:
            "Only partnership analysts see the case-finding list and its rules: it ranks households "
                + "across every partner, and your account does not hold the analyst role."
        case .caseDataNotForRole:
            "Finding and reading about people is for practitioners, panel chairs, analysts and the DPO answering "
                + "a rights request. Your account manages accounts and reads no case data."
        case .caseDataNotForStrategicLead:
            "A strategic lead sees the partnership's depersonalised reports, never a person."
        case .caseDataNotForFeed:
            "A partner's feed token loads extracts and reads no one's records."
        case .breakGlassNotForRole(let roles):
            "Break-glass is for practitioners and panel chairs acting for one person in an emergency; "
                + "your roles (\(roles.joined(separator: ", "))) may not use it."
        case .antiForgery:
            "The anti-forgery token is missing or does not match, so the change was not made: "
                + "reload the page and try again, or send the X-CSRF-Token header with the token given at sign-in."
        case .disclosurePackNeedsIdentity:
            "A disclosure pack is made only for an open access request whose requester's identity is settled: "
                + "record the identity check first."
        case .extractOfAnotherPartner(let feed, let partner):
            "This feed's token loads only its own partner's extracts (\(feed)), not \(partner)'s."
        case .extractFromUnknownPartner(let slug):
            "no partner has the slug \"\(slug)\": see the partners listed by `lantern partners`"
        case .extractWithoutAgreement(let partner):
            "\(partner) is not party to an approved agreement in force today: nothing can be imported from it"
        case .tokenUnknown:
            "The API token is not known or was revoked: ask your partner administrator for a new one."
        case .notSignedIn:
            "Sign in at /sign-in, or send a partner's API token as Authorization: Bearer."
        case .basicRefused:
            "HTTP Basic is not accepted: a feed or script uses a scoped bearer token "
                + "(Authorization: Bearer; made with `lantern token add` or at /tokens by a partner administrator), "
                + "and a person signs in at /sign-in."
        case .rightsReviewNeedsIdentity:
            "The review opens only for an open request whose requester's identity is settled."
        case .reviewTaskOfAnotherPartner(let partner):
            "This review task is \(partner)'s: each partner holding information about the person reviews only its own items, "
                + "and your account works for another partner."
        case .panel(let refusal):
            refusal.reason
        case .passwordChangeRequired:
            "An administrator set this account's password, so they know it too: "
                + "nothing else is open until you choose your own."
        case .signInThrottled(let until):
            "There have been too many failed sign-ins from this computer or network. Try again after \(until)."
        case .partnerDisclosureNotForRole:
            "Asking a partner known through an encoded match to disclose its involvement is for practitioners, "
                + "and answering is for that partner's data protection officer or partner administrator; your roles are neither."
        case .partnerDisclosureNeedsSight:
            "You may ask a partner to disclose its involvement only with a person the agreements and your work with them "
                + "let you see, and you may not see this person."
        case .partnerDisclosurePartnerNotShown:
            "You may ask a partner to disclose its involvement only where the person's page shows you that the partner "
                + "knows them, and it shows no such partner under that name."
        }
    }

    /// What the reader can do about it.
    var nextStep: String {
        switch self {
        case .policy(let denial):
            switch denial.nextStep {
            case .requestAccess: "Ask the partner holding the record for access from the person's page; they answer in Lantern."
            case .declareBreakGlass: "If someone is at risk now, declare break-glass access on the person's page and give the reason."
            case .askDPO: "If your work needs this, ask your data protection officer: the agreement or your roles would need to change."
            case .none: "Go back to your home page for the work your roles allow."
            }
        case .linkageReviewNotForRole, .caseFindingNotForRole:
            "If a household or a pair of records worries you, tell the partnership hub; your home page shows your own work."
        case .caseDataNotForStrategicLead:
            "The partnership's figures are at /reports."
        case .caseDataNotForRole, .breakGlassNotForRole:
            "Your home page shows the work your roles allow; ask your partner administrator if your roles are wrong."
        case .caseDataNotForFeed, .extractOfAnotherPartner, .tokenUnknown:
            "Ask your partner administrator for a token made for this feed and partner."
        case .antiForgery:
            "Go back, reload the page and send the form again."
        case .extractFromUnknownPartner:
            "Check the partner's name against the partners in the Record of Processing Activities."
        case .extractWithoutAgreement:
            "Ask the data protection officer whether the partner's agreement is approved and in force."
        case .disclosurePackNeedsIdentity, .rightsReviewNeedsIdentity:
            "Open the rights request and record how the requester's identity was checked."
        case .notSignedIn, .basicRefused:
            "Sign in, or use a scoped bearer token."
        case .reviewTaskOfAnotherPartner:
            "Your own partner's review tasks are at /review-tasks; the data protection officer coordinates the rest."
        case .panel(let refusal):
            refusal.nextStep
        case .passwordChangeRequired:
            "Choose a new password at /account/password, then carry on."
        case .signInThrottled:
            "If you have forgotten your password, ask your partner administrator to reset it. "
                + "Signing in from your usual computer is not affected."
        case .partnerDisclosureNotForRole:
            "Your home page shows the work your roles allow; ask your partner administrator if your roles are wrong."
        case .partnerDisclosureNeedsSight:
            "Ask the partners holding the person's records for access from the person's page first."
        case .partnerDisclosurePartnerNotShown:
            "Ask from the person's page, choosing a partner listed under \"Also known to partners\"; if you believe a partner "
                + "should be listed there, your data protection officer can check what the agreements let your service be told."
        }
    }

    /// The error's words for Vapor's `AbortError`: the reason alone.
    var description: String { "\(code): \(reason)" }
}
