/// A need or problem a household has in the five years, which brings some of
/// its members to partners' attention.
///
/// Contract: ``minimumAge`` is the youngest age at which an event about the
/// issue may be dated; ``lightWeight`` and ``fullWeight`` are relative chances
/// for quiet and troubled households.
enum Issue: Int, Sendable, CaseIterable {
    case crimeVictim, domesticAbuse, asb, offending, substance, mentalHealth, childProtection
    case schoolConcern, send, housing, financial, exploitation, adultVulnerability, fire

    var minimumAge: Int {
        switch self {
        case .crimeVictim, .asb, .offending, .mentalHealth, .exploitation: 10
        case .domesticAbuse: 16
        case .substance: 14
        case .childProtection: 0
        case .schoolConcern: 5
        case .send: 2
        case .housing, .financial: 18
        case .adultVulnerability: 60
        case .fire: 8
        }
    }

    /// Weight among the single issue of a household that is otherwise quiet.
    var lightWeight: Int {
        switch self {
        case .crimeVictim: 45
        case .housing: 12
        case .financial: 10
        case .mentalHealth: 10
        case .schoolConcern: 9
        case .send: 7
        case .adultVulnerability: 8
        case .asb: 5
        case .substance: 3
        case .fire: 2
        default: 0
        }
    }

    /// Weight among the issues of households with more going on.
    var fullWeight: Int {
        switch self {
        case .crimeVictim: 18
        case .domesticAbuse: 15
        case .asb: 12
        case .offending: 11
        case .substance: 10
        case .mentalHealth: 14
        case .childProtection: 11
        case .schoolConcern: 10
        case .send: 5
        case .housing: 12
        case .financial: 10
        case .exploitation: 7
        case .adultVulnerability: 6
        case .fire: 3
        }
    }
}

/// One issue as it played out in one household: who it is about, who else,
/// and when.
struct IssueCase: Sendable {
    let issue: Issue
    /// Index into the household's members.
    let subject: Int
    /// A second member (the other adult in domestic abuse), if any.
    let other: Int?
    /// First and last day (day numbers) events about it may fall on.
    let from: Int
    let until: Int
}
