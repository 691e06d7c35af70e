import LanternDomain
@testable import Policy

/// A small Harrowmere: four partners and one information sharing protocol
/// whose state the decision table varies.
enum Harrowmere {
    static let police = "harrowmere-police"
    static let council = "harrowmere-council"
    static let childrens = "harrowmere-childrens-services"
    static let health = "harrowmere-health"

    static let partners = [
        Partner(slug: police, name: "Harrowmere Police", kind: .police),
        Partner(slug: council, name: "Harrowmere Borough Council", kind: .council),
        Partner(slug: childrens, name: "Harrowmere Children's Social Care", kind: .childrensSocialCare),
        Partner(slug: health, name: "Harrowmere Health ICB", kind: .health),
    ]

    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// Noon on 1 June 2025: every decision in these tests happens now.
    static let now = Moment(startOf: day("2025-06-01")).adding(seconds: 12 * 3600)

    /// The states an agreement can be in, as seen on `now`.
    enum State: String, CaseIterable, Sendable {
        case inForce = "in force", draft, forApproval = "for approval", suspended, withdrawn
        case notYetInForce = "not yet in force"

        var status: AgreementStatus {
            switch self {
            case .inForce, .notYetInForce: .approved
            case .draft: .draft
            case .forApproval: .forApproval
            case .suspended: .suspended
            case .withdrawn: .withdrawn
            }
        }

        var inForceFrom: CalendarDate { self == .notYetInForce ? day("2025-07-01") : day("2020-04-01") }
    }

    /// Flow 1: police crime and DA to the council and children's services (Art 10 named).
    /// Flow 2: health to the same, for the holistic view and panels (Art 9 named).
    /// Flow 3: council ASB and housing to police.
    /// Flow 4: children's services identity and social care to police, with NO Art 9 condition.
    static func isp(_ state: State = .inForce) -> Agreement {
        Agreement(
            title: "Harrowmere ISP", owner: council, status: state.status, inForceFrom: state.inForceFrom,
            reviewDue: day("2026-03-31"), approvedBy: "Harrowmere CSP Board", approvedOn: day("2020-03-14"),
            flows: [
                Flow(from: police, to: [council, childrens], categories: [.identity, .crime, .domesticAbuse],
                     purposes: [.caseFinding, .holisticView, .joiningCaseloads, .riskPanels, .evaluation],
                     art6: .publicTask, art10: .preventingUnlawfulActs,
                     statutes: ["Crime and Disorder Act 1998 s115"], format: .automated),
                Flow(from: health, to: [council, childrens], categories: [.identity, .health],
                     purposes: [.holisticView, .riskPanels], art6: .publicTask, art9: .healthOrSocialCare,
                     statutes: ["Care Act 2014"], format: .requestAndResponse),
                Flow(from: council, to: [police], categories: [.identity, .asb, .housing],
                     purposes: [.holisticView, .caseFinding], art6: .publicTask, art10: .protectingThePublic,
                     format: .centralController),
                Flow(from: childrens, to: [police], categories: [.identity, .socialCare],
                     purposes: [.holisticView], art6: .publicTask, format: .meeting),
            ])
    }

    static func policy(_ state: State = .inForce) -> AccessPolicy {
        AccessPolicy(agreements: [isp(state)], partners: partners)
    }

    /// The partner a user in each role works for in these tests.
    static func partner(of role: Role) -> String {
        switch role {
        case .practitioner: childrens
        case .analyst, .dpo, .admin, .strategicLead: council
        case .panelChair, .partnerAdmin, .records: police
        }
    }

    static func request(_ roles: Set<Role>, at partner: String, purpose: AccessPurpose,
                        relationships: Set<CaseRelationship> = [], breakGlass: BreakGlassGrant? = nil,
                        now: Moment = now) -> AccessRequest {
        AccessRequest(requester: Requester(userID: "u-1", partner: partner, roles: roles), purpose: purpose,
                      subject: "person-42", relationships: relationships, breakGlass: breakGlass, now: now)
    }

    static func grant(from start: Moment = now.adding(seconds: -600), hours: Int64 = 2) throws -> BreakGlassGrant {
        try BreakGlassGrant(reason: "Child missing overnight, risk of exploitation",
                            grantedAt: start, expiresAt: start.adding(seconds: hours * 3600))
    }
}

/// A tiny deterministic generator, so property tests can build whole worlds
/// from one generated seed (and shrink to a seed that reproduces).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
