/// The figures every relevant body must publish about ASB case reviews each
/// year (ASB, Crime and Policing Act 2014 s104(10)): applications received,
/// those that did not meet the threshold, reviews carried out, and reviews
/// that led to recommendations.
///
/// Contract: pure; an application counts in the period it was received;
/// a review counts as carried out when its meeting was held in the period,
/// and as leading to recommendations when it was and made any.
public struct CaseReviewCounts: Sendable, Hashable, Codable {
    /// What the counts need of one review.
    public struct Review: Sendable, Hashable {
        public var received: CalendarDate
        public var thresholdMet: Bool?
        public var meetingOn: CalendarDate?
        public var madeRecommendations: Bool

        public init(received: CalendarDate, thresholdMet: Bool?, meetingOn: CalendarDate?, madeRecommendations: Bool) {
            self.received = received
            self.thresholdMet = thresholdMet
            self.meetingOn = meetingOn
            self.madeRecommendations = madeRecommendations
        }
    }

    public var from: CalendarDate
    public var to: CalendarDate
    public var applications: Int
    public var thresholdNotMet: Int
    public var reviewsCarriedOut: Int
    public var reviewsWithRecommendations: Int

    public init(_ reviews: [Review], from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
        let received = reviews.filter { from <= $0.received && $0.received <= to }
        applications = received.count
        thresholdNotMet = received.filter { $0.thresholdMet == false }.count
        let held = reviews.filter { $0.meetingOn.map { from <= $0 && $0 <= to } ?? false }
        reviewsCarriedOut = held.count
        reviewsWithRecommendations = held.filter(\.madeRecommendations).count
    }

    /// The financial year (1 April to 31 March) that starts in `year`, the period most councils publish for.
    public static func financialYear(startingIn year: Int) -> (from: CalendarDate, to: CalendarDate) {
        (CalendarDate(year: year, month: 4, day: 1)!, CalendarDate(year: year + 1, month: 3, day: 31)!)
    }
}
