/// Which SOC 1 period end serves the customers' fiscal years, and who needs a bridge letter.
///
/// For a period ending at the end of month m, a customer whose fiscal year ends in month f has
/// a gap g = (f − m) mod 12 months (0–11, counted forward). It is covered when g ≤ the maximum
/// bridge and the period overlaps its fiscal year by at least the minimum overlap, where
/// overlap = min(length, 12 − g). A covered customer with g > 0 needs a bridge letter for g months.
public struct WindowAnalysis: Sendable, Hashable {
    public struct Parameters: Sendable, Hashable {
        public var length: Int
        public var maxBridge: Int
        public var minOverlap: Int
        /// The share (0–1) a single end month should cover before two reports a year are suggested.
        public var target: Double

        public init(length: Int = 12, maxBridge: Int = 3, minOverlap: Int = 6, target: Double = 0.8) {
            self.length = length
            self.maxBridge = maxBridge
            self.minOverlap = minOverlap
            self.target = target
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
        public var gap: Int
        public var overlap: Int
        public var covered: Bool
        /// Months a bridge letter must cover (0 when none is needed or the customer is not covered).
        public var bridgeMonths: Int
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

    public static func fit(_ customer: Customer, endMonth: Int, _ p: Parameters) -> Fit {
        let gap = ((customer.fiscalYearEndMonth - endMonth) % 12 + 12) % 12
        let overlap = min(p.length, 12 - gap)
        let covered = gap <= p.maxBridge && overlap >= p.minOverlap
        return Fit(customer: customer, gap: gap, overlap: overlap, covered: covered, bridgeMonths: covered ? gap : 0)
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
