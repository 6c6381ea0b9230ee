/// SplitMix64 (Steele, Lea and Flood 2014): the pseudo-random generator of sample selection.
///
/// Chosen because it is five lines in any language, so an auditor can re-perform a selection
/// without socplan (docs/fieldwork.md has the Python).
public struct SplitMix64: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<n (n > 0), without modulo bias: draws at or above the largest
    /// multiple of n below 2^64 are rejected and drawn again.
    public mutating func below(_ n: UInt64) -> UInt64 {
        let remainder = (UInt64.max % n &+ 1) % n  // 2^64 mod n
        while true {
            let x = next()
            if remainder == 0 || x < 0 &- remainder { return x % n }
        }
    }
}

/// Reproducible sample selection (docs/fieldwork.md, "How items are selected").
///
/// 1. The stratum's rows (dates inside its days) are ordered by date, then key (by UTF-8 bytes).
/// 2. Seed: the base seed is `--seed N`, else the first 8 bytes (big-endian) of SHA-256 of the
///    engagement name; the stratum seed is the first 8 bytes of SHA-256 of
///    "<base seed>|<stratum>|<population SHA-256>".
/// 3. Random: a partial Fisher–Yates shuffle driven by SplitMix64: for i in 0..<n,
///    j = i + below(N − i), swap rows i and j; the first n rows are the sample (extensions continue
///    the same shuffle, so they never repeat an item). Systematic: k = ⌊N ÷ n⌋, start = below(k),
///    rows start, start + k, ….
public enum Selector {
    /// Stored with every selection; a new algorithm gets a new version.
    public static let algorithm = "socplan-select/1"

    /// The first 8 bytes of SHA-256(text) as a big-endian integer.
    public static func hash64(_ text: String) -> UInt64 {
        SHA256.digest(Array(text.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public static func baseSeed(engagement: String) -> UInt64 { hash64(engagement) }

    public static func seed(base: UInt64, stratum: String, populationSHA256: String) -> UInt64 {
        hash64("\(base)|\(stratum)|\(populationSHA256)")
    }

    /// Rows ordered for drawing: by date, then by key compared as UTF-8 bytes (Python's string order).
    public static func ordered(_ rows: [PopulationRow]) -> [PopulationRow] {
        rows.sorted { a, b in
            a.date != b.date ? a.date < b.date : Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8))
        }
    }

    /// The first `count` rows of the seeded partial shuffle of `ordered` rows, in draw order.
    public static func random(_ ordered: [PopulationRow], count: Int, seed: UInt64) -> [PopulationRow] {
        var pool = ordered
        var rng = SplitMix64(seed: seed)
        let n = min(count, pool.count)
        for i in 0..<n {
            let j = i + Int(rng.below(UInt64(pool.count - i)))
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(n))
    }

    /// Every k-th of the `ordered` rows from a seeded start, k = ⌊N ÷ count⌋.
    public static func systematic(_ ordered: [PopulationRow], count: Int, seed: UInt64) -> [PopulationRow] {
        guard count > 0, !ordered.isEmpty else { return [] }
        guard count < ordered.count else { return ordered }
        let step = ordered.count / count
        var rng = SplitMix64(seed: seed)
        let start = Int(rng.below(UInt64(step)))
        return (0..<count).map { ordered[start + $0 * step] }
    }
}

/// One stratum the plan asks items from: a control, a fieldwork, days, a count and the reports served.
public struct Stratum: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Drawn from the population of these evidence items (the first one delivered).
        case population([EvidenceID])
        /// A periodic control's occurrences in the days (months, quarters …), listed by socplan.
        case occurrences(Frequency)
        /// A test of one: the configuration as of a date.
        case configuration(EvidenceID?, asOf: Day)
    }

    public var control: ControlID
    public var fieldwork: FieldworkPhase
    public var window: Period
    public var items: Int
    public var serves: [ReportKind]
    public var source: Source

    /// The part of the seed's input that names the stratum: what it is drawn from and its days.
    public func name(population: EvidenceID?) -> String {
        switch source {
        case .population: return "\(population?.rawValue ?? "")|\(window)"
        case .occurrences: return "\(control)|occurrences|\(window)"
        case .configuration: return "\(control)|configuration|\(window)"
        }
    }
}

extension Selector {
    /// The strata of a plan, control by control: each fieldwork's sample (`PlanRow.phases`) cut where
    /// a served report's period starts or ends, its items spread over the pieces by largest remainder
    /// in proportion to the largest pro-rata need of the reports covering each piece
    /// (report items × piece days ÷ report period days), so each report's window gets its share.
    public static func strata(_ plan: EngagementPlan) -> [Stratum] {
        let evidence = Dictionary(plan.workspace.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Stratum] = []
        for row in plan.audit.rows where row.isTested {
            let populations = row.populations
            for sample in row.phases where sample.items > 0 {
                if row.isTestOfOne {
                    let config = row.control.evidence.first { evidence[$0]?.kind == .configuration }
                    let asOf =
                        configurationDate(plan, control: row.control.id, phase: sample.phase)
                        ?? min(
                            max(sample.phase.fieldwork.start, sample.window.start), sample.window.end)
                    out.append(
                        Stratum(
                            control: row.control.id, fieldwork: sample.phase, window: sample.window, items: 1,
                            serves: sample.serves, source: .configuration(config, asOf: asOf)))
                    continue
                }
                let source: Stratum.Source
                if !populations.isEmpty {
                    source = .population(populations)
                } else if [.annual, .semiannual, .quarterly, .monthly, .weekly, .daily].contains(row.control.frequency)
                {
                    source = .occurrences(row.control.frequency)
                } else {
                    source = .population([])
                }
                for (piece, items) in pieces(sample, row: row, engagement: plan.engagement) where items > 0 {
                    out.append(
                        Stratum(
                            control: row.control.id, fieldwork: sample.phase, window: piece, items: items,
                            serves: sample.serves, source: source))
                }
            }
        }
        return out
    }

    static func pieces(_ sample: PhaseSample, row: PlanRow, engagement: Engagement) -> [(Period, Int)] {
        let periods = sample.serves.compactMap { report -> (Period, Int)? in
            guard let period = engagement.scope(report).period,
                let decision = report == .soc1 ? row.soc1 : row.soc2
            else { return nil }
            return (period, decision.items)
        }
        var cuts: Set<Day> = [sample.window.start, sample.window.end.adding(days: 1)]
        for (period, _) in periods {
            for day in [period.start, period.end.adding(days: 1)]
            where sample.window.start < day && day <= sample.window.end {
                cuts.insert(day)
            }
        }
        let bounds = cuts.sorted()
        let segments = zip(bounds, bounds.dropFirst()).map { Period(start: $0, end: $1.adding(days: -1)) }
        guard segments.count > 1 else { return [(sample.window, sample.items)] }
        let weights = segments.map { piece in
            periods.filter { $0.0.start <= piece.start && piece.end <= $0.0.end }
                .map { Double($0.1) * Double(piece.days) / Double($0.0.days) }.max() ?? 0
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return [(sample.window, sample.items)] }
        let quotas = weights.map { Double(sample.items) * $0 / total }
        var counts = quotas.map { Int($0.rounded(.down)) }
        let order = quotas.indices.sorted { a, b in
            let (ra, rb) = (quotas[a] - Double(counts[a]), quotas[b] - Double(counts[b]))
            return ra != rb ? ra > rb : a < b
        }
        var left = sample.items - counts.reduce(0, +)
        for index in order where left > 0 {
            counts[index] += 1
            left -= 1
        }
        return Array(zip(segments, counts))
    }

    /// The as-of date of the configuration request that serves the control in this fieldwork.
    static func configurationDate(_ plan: EngagementPlan, control: ControlID, phase: FieldworkPhase) -> Day? {
        let candidates = plan.requests.requests.filter {
            $0.stage == .configuration && $0.part != "change history" && $0.controls.contains(control)
        }
        let chosen = candidates.first { $0.phase == phase } ?? candidates.first
        guard let period = chosen?.period, period.hasPrefix("as of ") else { return nil }
        return Day(period.dropFirst(6))
    }

    /// A periodic control's occurrences whose last day falls in `window`: keyed "2026-03", "2026 Q1",
    /// "2026 H1", "2026", "week of 2026-01-05" (Monday), or the day itself (business days, daily).
    /// When no period ends inside the window (an annual control tested at interim), the period
    /// holding the window's last day, dated that day.
    public static func occurrences(_ frequency: Frequency, in window: Period, calendar: EngagementCalendar)
        -> [PopulationRow]
    {
        var rows: [PopulationRow] = []
        switch frequency {
        case .monthly, .quarterly, .semiannual, .annual:
            let months = frequency == .monthly ? 1 : frequency == .quarterly ? 3 : frequency == .semiannual ? 6 : 12
            guard
                var start = Day(
                    year: window.start.year, month: ((window.start.month - 1) / months) * months + 1, day: 1)
            else { return [] }
            while start <= window.end {
                let next = start.adding(months: months)
                let last = next.adding(days: -1)
                if window.start <= last && last <= window.end {
                    let key: String
                    switch months {
                    case 1: key = String(start.description.prefix(7))
                    case 3: key = "\(start.year) Q\((start.month - 1) / 3 + 1)"
                    case 6: key = "\(start.year) H\((start.month - 1) / 6 + 1)"
                    default: key = "\(start.year)"
                    }
                    rows.append(PopulationRow(key: key, date: last, line: 0))
                }
                start = next
            }
            if rows.isEmpty {
                // An annual (or half-yearly) control whose period ends after the window: the one
                // occurrence overlapping the window, dated the window's last day.
                guard
                    let first = Day(
                        year: window.end.year, month: ((window.end.month - 1) / months) * months + 1, day: 1)
                else { return [] }
                let key: String
                switch months {
                case 1: key = String(first.description.prefix(7))
                case 3: key = "\(first.year) Q\((first.month - 1) / 3 + 1)"
                case 6: key = "\(first.year) H\((first.month - 1) / 6 + 1)"
                default: key = "\(first.year)"
                }
                rows.append(PopulationRow(key: key, date: window.end, line: 0))
            }
        case .weekly:
            var day = window.start.adding(days: (8 - window.start.weekday) % 7)
            while day <= window.end {
                rows.append(PopulationRow(key: "week of \(day)", date: day, line: 0))
                day = day.adding(days: 7)
            }
        default:
            var day = window.start
            while day <= window.end {
                if calendar.businessDay(day) == day {
                    rows.append(PopulationRow(key: day.description, date: day, line: 0))
                }
                day = day.adding(days: 1)
            }
        }
        return rows
    }
}
