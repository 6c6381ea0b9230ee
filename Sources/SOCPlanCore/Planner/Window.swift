/// Which SOC 1 period end serves the customers' fiscal years, and who needs a bridge letter.
///
/// For a period of L months ending at the end of month m, a customer whose fiscal year ends in
/// month f has a gap g = (f − m) mod 12 months (0–11, counted forward) to its next year end, and
/// the period shares min(L, 12 − g) months with that fiscal year. It is covered when g ≤ the
/// maximum bridge and that overlap reaches the minimum; then a bridge letter covers g months.
///
/// Otherwise the period may instead run a = (m − f) mod 12 months past the year end of the fiscal
/// year it overlaps most: they share min(12, L − a) months, counted to whichever ends first (an
/// October year end and a calendar-year report: 10 of 12 months). Such a report serves the
/// customer only when it is issued by the customer's deadline (`report_needed_by`): the report
/// date is the calendar's, or `reportLagDays` after the period end when there is no calendar.
public struct WindowAnalysis: Sendable, Hashable {
    public struct Parameters: Sendable, Hashable {
        public var length: Int
        public var maxBridge: Int
        public var minOverlap: Int
        /// The share (0–1) a single end month should cover before two reports a year are suggested.
        public var target: Double
        /// Days from the period end to the report date when no calendar gives one (the calendar's
        /// default final fieldwork delay, 14, plus its report date offset, 28).
        public var reportLagDays: Int
        /// A SOC 1 Type 2 shorter than this many months draws user auditors' questions: a warning.
        public var minPeriodMonths: Double

        public init(
            length: Int = 12, maxBridge: Int = 3, minOverlap: Int = 6, target: Double = 0.8, reportLagDays: Int = 42,
            minPeriodMonths: Double = 6
        ) {
            self.length = length
            self.maxBridge = maxBridge
            self.minOverlap = minOverlap
            self.target = target
            self.reportLagDays = reportLagDays
            self.minPeriodMonths = minPeriodMonths
        }
    }

    public struct Month: Sendable, Hashable {
        /// 1–12: the period ends on the last day of this month.
        public var endMonth: Int
        /// Weighted share of customers covered, 0–1.
        public var coverage: Double
        /// Weighted mean gap in months over all customers (the tie-breaker).
        public var weightedGap: Double
    }

    public struct Fit: Sendable, Hashable {
        public var customer: Customer
        /// Months from the period end forward to the customer's next year end.
        public var gap: Int
        /// Months the period shares with the fiscal year it serves (or overlaps most), counted to
        /// whichever of the two ends first.
        public var overlap: Int
        public var covered: Bool
        /// Months a bridge letter must cover (0 when none is needed or the customer is not covered).
        public var bridgeMonths: Int
        /// Months the period runs past the year end of the fiscal year it overlaps (0 when the
        /// fiscal year ends on or after the period).
        public var afterYearEnd: Int = 0
        /// For a period that runs past the year end: the report date and the customer's deadline
        /// (nil when the customer gives none).
        public var reportDate: Day?
        public var deadline: Day?
        /// The year end the period runs past.
        public var yearEnd: Day?
    }

    public var parameters: Parameters
    public var months: [Month]
    public var recommended: Month
    public var runnerUp: Month
    /// Each customer against the recommended end month.
    public var customers: [Fit]
    /// Two reports a year, ending in these months.
    public struct Pair: Sendable, Hashable {
        public var first: Int
        public var second: Int
        public var coverage: Double
    }

    /// Two end months a year covering the most, when one end month falls short of the target.
    public var twoReports: Pair?

    /// How a period ending at the end of `endMonth` (on `periodEnd`, with the report dated
    /// `reportDate`, when a calendar gives them) serves one customer.
    public static func fit(
        _ customer: Customer, endMonth: Int, _ p: Parameters, periodEnd: Day? = nil, reportDate: Day? = nil
    ) -> Fit {
        let gap = ((customer.fiscalYearEndMonth - endMonth) % 12 + 12) % 12
        let overlap = min(p.length, 12 - gap)
        if gap <= p.maxBridge && overlap >= p.minOverlap {
            return Fit(customer: customer, gap: gap, overlap: overlap, covered: true, bridgeMonths: gap)
        }
        // The fiscal year that ended inside the period, whichever ends first.
        let after = (12 - gap) % 12
        let shared = after > 0 && after < p.length ? min(12, p.length - after) : 0
        guard shared > overlap else {
            return Fit(customer: customer, gap: gap, overlap: overlap, covered: false, bridgeMonths: 0)
        }
        let end =
            periodEnd ?? Day(year: 2027, month: endMonth, day: Day.daysIn(year: 2027, month: endMonth))
            ?? Day(year: 2027, month: 12, day: 31)!
        let dated = reportDate ?? end.adding(days: p.reportLagDays)
        let yearEnd = Customer.next(
            (customer.fiscalYearEndMonth, customer.fiscalYearEndDay),
            onOrAfter: end.adding(months: -after).adding(days: -31))
        let deadline = customer.reportNeededBy.map { Customer.next($0, onOrAfter: yearEnd.adding(days: 1)) }
        let covered = shared >= p.minOverlap && deadline.map { dated <= $0 } == true
        return Fit(
            customer: customer, gap: gap, overlap: shared, covered: covered, bridgeMonths: 0, afterYearEnd: after,
            reportDate: dated, deadline: deadline, yearEnd: yearEnd)
    }

    /// "5.5 months", "6 months".
    public static func months(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) month\(rounded == 1 ? "" : "s")"
    }

    /// Nil when there are no customers, or their weights add up to zero.
    public init?(customers: [Customer], parameters p: Parameters) {
        let total = customers.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        parameters = p
        months = (1...12).map { month in
            let fits = customers.map { Self.fit($0, endMonth: month, p) }
            let covered = fits.filter(\.covered).reduce(0) { $0 + $1.customer.weight }
            let gap = fits.reduce(0) { $0 + Double($1.gap) * $1.customer.weight }
            return Month(endMonth: month, coverage: covered / total, weightedGap: gap / total)
        }
        let ranked = months.sorted { a, b in
            if abs(a.coverage - b.coverage) > 1e-9 { return a.coverage > b.coverage }
            if abs(a.weightedGap - b.weightedGap) > 1e-9 { return a.weightedGap < b.weightedGap }
            return a.endMonth < b.endMonth
        }
        recommended = ranked[0]
        runnerUp = ranked[1]
        self.customers = customers.map { Self.fit($0, endMonth: ranked[0].endMonth, p) }
        twoReports = nil
        if recommended.coverage < p.target {
            // Ranked like single months: coverage, then the weighted gap to the nearer of the two ends.
            var ranked: (pair: Pair, gap: Double)?
            for first in 1...12 {
                for second in 1...12 where second > first {
                    var covered = 0.0
                    var gap = 0.0
                    for customer in customers {
                        let a = Self.fit(customer, endMonth: first, p)
                        let b = Self.fit(customer, endMonth: second, p)
                        if a.covered || b.covered { covered += customer.weight }
                        gap += Double(min(a.gap, b.gap)) * customer.weight
                    }
                    let candidate = (
                        pair: Pair(first: first, second: second, coverage: covered / total), gap: gap / total
                    )
                    guard let current = ranked else {
                        ranked = candidate
                        continue
                    }
                    if candidate.pair.coverage > current.pair.coverage + 1e-9
                        || abs(candidate.pair.coverage - current.pair.coverage) <= 1e-9
                            && candidate.gap < current.gap - 1e-9
                    {
                        ranked = candidate
                    }
                }
            }
            let best = ranked?.pair
            if let best, best.coverage > recommended.coverage + 1e-9 { twoReports = best }
        }
    }
}
