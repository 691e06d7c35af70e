import Fluent

/// Every schema change, in order. The schema changes only through these.
public enum LanternMigrations {
    public static var all: [any Migration] {
        [
            CreatePartnership(),
            CreateSourceRecords(),
            CreateEventsAndInvolvements(),
            CreateOperations(),
            AddLookupIndexes(),
            CreateLedgerState(),
            CreateLinkageModel(),
            CreateReviewQueue(),
            CreateHouseholds(),
            CreateCaseRelationships(),
            AddAccountSecurity(),
            UpdateAgreementsAddLifecycle(),
            AddAuditQueryIndexes(),
            CreateCaseFindingDecisions(),
            CreateNotifications(),
            AddHouseholdIndexes(),
            CreateStoreChanges(),
            CreateWebhooks(),
            CreateNeedRuleSets(),
            CreateAccessRequests(),
            CreateBreakGlassReviews(),
            CreateRightsRequests(),
            CreateRestrictions(),
            UpdateAPITokensAddLastUsed(),
            CreateBreaches(),
            CreatePanelAreas(),
            CreateDashAssessments(),
            CreateMaracCases(),
            CreatePanelMeetings(),
            CreateRightsReviews(),
            CreateDisputes(),
            CreateRightsDecisions(),
            UpdateNotificationsAddLink(),
            CreateRetention(),
            UpdateUsersAddAccountState(),
            CreateDisclosureReleases(),
            CreateMatacTables(),
            CreateASBCaseReviewTables(),
            CreateIOMTables(),
            UpdateSourceRecordsAddEthnicity(),
        ]
    }
}
