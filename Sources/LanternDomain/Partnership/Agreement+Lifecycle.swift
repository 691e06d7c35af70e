// The lifecycle rules of an agreement: which status changes are allowed and
// what each records. Pure: the day is passed in.

extension AgreementStatus {
    /// Words for pages: "for approval".
    public var label: String {
        switch self {
        case .draft: "draft"
        case .forApproval: "for approval"
        case .approved: "approved"
        case .suspended: "suspended"
        case .withdrawn: "withdrawn"
        }
    }
}

extension Agreement {
    /// The agreement after `change`, made on `day`, or why it cannot be made.
    public func applying(_ change: AgreementChange, on day: CalendarDate) throws(AgreementChangeProblem) -> Agreement {
        var next = self
        next.status = change.target
        switch (status, change) {
        case (.draft, .submit), (.forApproval, .returnToDraft), (.approved, .suspend), (.suspended, .reinstate):
            return next
        case (.forApproval, .approve(let by)):
            let approver = by.trimmedOfSpaces()
            guard !approver.isEmpty else {
                throw AgreementChangeProblem(code: "approver-missing",
                                             description: "Say who approved the agreement (the board or officer named in its minutes).")
            }
            if let problem = lawfulnessProblem() { throw problem }
            next.approvedBy = approver
            next.approvedOn = day
            return next
        case (.draft, .revise(let flows, let reviewDue)), (.forApproval, .revise(let flows, let reviewDue)):
            guard !flows.isEmpty else {
                throw AgreementChangeProblem(code: "no-flows", description: "Give at least one flow: what a partner shares, with whom and why.")
            }
            guard reviewDue > inForceFrom else {
                throw AgreementChangeProblem(code: "review-before-start",
                                             description: "The review date must be after the agreement comes into force (\(inForceFrom)).")
            }
            next.flows = flows
            next.reviewDue = reviewDue
            return next
        case (.draft, .withdraw(let partner, let effective)), (.forApproval, .withdraw(let partner, let effective)),
             (.approved, .withdraw(let partner, let effective)), (.suspended, .withdraw(let partner, let effective)):
            guard signatories.contains(partner) else {
                throw AgreementChangeProblem(code: "withdrawing-partner-not-party",
                                             description: "\(partner) is not party to \(title): choose one of \(signatories.joined(separator: ", ")).")
            }
            let earliest = Withdrawal.earliestEffectiveDate(noticeGivenOn: day)
            guard effective >= earliest else {
                throw AgreementChangeProblem(code: "notice-too-short",
                                             description: "Withdrawal needs at least \(Withdrawal.minimumNoticeDays) days' notice: choose an effective date on or after \(earliest).")
            }
            next.withdrawal = Withdrawal(partner: partner, noticeGivenOn: day, effectiveOn: effective,
                                         sharesDuringNotice: isInForce(on: day))
            return next
        default:
            throw AgreementChangeProblem.notAllowed(status, change)
        }
    }

    /// The first flow that names special category or criminal offence data
    /// without the Art 9 or Art 10 condition it needs, as a problem.
    func lawfulnessProblem() -> AgreementChangeProblem? {
        guard !flows.isEmpty else {
            return AgreementChangeProblem(code: "no-flows", description: "The agreement has no flows: add what each partner shares before approving it.")
        }
        for (index, flow) in flows.enumerated() {
            for category in flow.categories where !flow.lawfullyCarries(category) {
                let condition = category.isSpecialCategory ? "an Art 9 condition" : "an Art 10 condition"
                return AgreementChangeProblem(
                    code: "flow-lacks-condition",
                    description: "Flow \(index + 1) carries \(category.label.lowercased()) but names no \(condition): add the condition or remove the category, then approve.")
            }
        }
        return nil
    }
}

extension String {
    fileprivate func trimmedOfSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\n" { text.removeFirst() }
        while text.last == " " || text.last == "\n" { text.removeLast() }
        return String(text)
    }
}
