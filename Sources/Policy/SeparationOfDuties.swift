/// Who may not answer an access request, whatever their capability.
///
/// Ask ``refusal(answerer:requesterID:requesterPartner:)`` after the
/// ``Capability/decideAccessRequests`` check. Contract: a request is
/// answered by someone independent of the asker: never the requester
/// themselves (a user who is both practitioner and partner administrator),
/// nor anyone in the requester's own partner, whose yes would let a partner
/// grant itself another partner's data.
public enum SeparationOfDuties {
    public static func refusal(answerer: Requester, requesterID: String, requesterPartner: String) -> Denial? {
        if answerer.userID == requesterID {
            return Denial(code: .ownRequest,
                          description: "You made this access request, so you cannot answer it: the holding partner's "
                              + "administrator or DPO decides.", nextStep: .none)
        }
        if answerer.partner == requesterPartner {
            return Denial(code: .ownRequest,
                          description: "This access request comes from your own partner, so nobody there may answer it: "
                              + "the holding partner's administrator or DPO in another organisation decides.",
                          nextStep: .none)
        }
        return nil
    }
}
