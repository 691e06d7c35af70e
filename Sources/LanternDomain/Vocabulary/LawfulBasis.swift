/// UK GDPR Art 6 lawful basis for processing personal data.
public enum Article6Basis: String, Sendable, Codable, CaseIterable, Hashable {
    case publicTask = "public-task", legalObligation = "legal-obligation"
    case vitalInterests = "vital-interests", legitimateInterests = "legitimate-interests"
}

/// UK GDPR Art 9 condition for special category data.
public enum Article9Condition: String, Sendable, Codable, CaseIterable, Hashable {
    case substantialPublicInterest = "substantial-public-interest"
    case healthOrSocialCare = "health-or-social-care"
    case socialProtection = "social-protection"
    case vitalInterests = "vital-interests"
}

/// UK GDPR Art 10 with a DPA 2018 Schedule 1 condition for criminal offence data.
public enum Article10Condition: String, Sendable, Codable, CaseIterable, Hashable {
    case safeguardingChildren = "safeguarding-children"
    case safeguardingIndividualsAtRisk = "safeguarding-individuals-at-risk"
    case preventingUnlawfulActs = "preventing-unlawful-acts"
    case protectingThePublic = "protecting-the-public"
}

/// The five sharing formats of the Information Sharing Protocol.
public enum SharingFormat: String, Sendable, Codable, CaseIterable, Hashable {
    case meeting, requestAndResponse = "request-and-response", selfService = "self-service"
    case centralController = "central-controller", automated
}
