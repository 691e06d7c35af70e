/// What changed between two versions of an area's settings, in words, for
/// the settings page's version list: a reviewer reads what a version did
/// without comparing two documents.
extension PanelAreaConfiguration {
    public func changes(since earlier: PanelAreaConfiguration) -> [String] {
        var said: [String] = []
        func note<T: Equatable>(_ label: String, _ old: T, _ new: T) {
            if old != new { said.append("\(label): \(old) to \(new)") }
        }
        note("Name", earlier.name, name)
        note("DASH high threshold", earlier.dashHighThreshold, dashHighThreshold)
        note("DASH medium threshold", earlier.dashMediumThreshold, dashMediumThreshold)
        note("Escalation events", earlier.escalationEvents, escalationEvents)
        note("Escalation window (months)", earlier.escalationWindowMonths, escalationWindowMonths)
        note("Repeat window (months)", earlier.repeatWindowMonths, repeatWindowMonths)
        note("Referral to listing (days)", earlier.referralToListingDays, referralToListingDays)
        note("Minutes published within (working days)", earlier.minutesWorkingDays, minutesWorkingDays)
        note("Default action due (days)", earlier.actionDefaultDueDays, actionDefaultDueDays)
        note("Attending partners", earlier.attendingPartners.sorted().joined(separator: ", "), attendingPartners.sorted().joined(separator: ", "))
        note("Signatories", earlier.signatories.sorted().joined(separator: ", "), signatories.sorted().joined(separator: ", "))
        note("Agreement", earlier.agreementTitle, agreementTitle)
        note("Retention class", earlier.retentionClass, retentionClass)
        if earlier.confidentialityStatement.text != confidentialityStatement.text {
            said.append("Confidentiality statement: version \(earlier.confidentialityStatement.version) to \(confidentialityStatement.version)")
        }
        return said
    }
}
