/// How one report tests one control: a walkthrough, a test of one, or a sample of items.
public struct SampleDecision: Sendable, Hashable, Codable {
    public enum Basis: String, Sendable, Hashable, Codable {
        /// Type 1: design only, one instance walked through, no operating-effectiveness sample.
        case walkthrough
        /// Type 2, automated control: one instance, relying on change and access ITGCs.
        case testOfOne = "test-of-one"
        /// Type 2, periodic or recurring control: the table's size for the frequency and risk.
        case frequency
        /// Type 2, event-driven control: the band for the population expected in the window.
        case population
    }

    public var report: ReportKind
    /// Operating-effectiveness items; 0 for a walkthrough.
    public var items: Int
    public var basis: Basis
    /// Expected occurrences of the control inside the window (Type 2).
    public var occurrences: Double?
    /// Flags a planner or auditor should read ("may not occur in the window").
    public var notes: [String]

    public init(report: ReportKind, items: Int, basis: Basis, occurrences: Double? = nil, notes: [String] = []) {
        self.report = report
        self.items = items
        self.basis = basis
        self.occurrences = occurrences
        self.notes = notes
    }
}

/// The sample-size rules of domain.md §5. Pure.
public enum Sampler {
    /// Population assumed for an event-driven control with no population size: the 51–250 band.
    public static let assumedEventPopulation = 250

    /// The sample one report needs for one control, or nil when the report is not issued.
    ///
    /// - Type 1: a walkthrough of one instance (0 items).
    /// - Type 2, automated: a test of one (the table's automated row).
    /// - Type 2, event-driven: expected occurrences in the window = population_size × months ÷ 12
    ///   (rounded up); the band's size, or all of them in the smallest band.
    /// - Type 2, otherwise: the table's size for frequency and risk, capped at the occurrences in
    ///   the window = occurrences a year (population_size for daily and recurring controls when
    ///   given) × months ÷ 12, rounded down; a control expected less than once is flagged.
    public static func decide(_ control: Control, scope: ReportScope, report: ReportKind, table: SampleTable)
        -> SampleDecision?
    {
        switch scope {
        case .none:
            return nil
        case .type1:
            return SampleDecision(report: report, items: 0, basis: .walkthrough)
        case .type2(let period):
            let months = period.months
            let higher = control.risk == .high
            if control.nature == .automated {
                return SampleDecision(
                    report: report, items: higher ? table.automatedHigherRisk : table.automatedLowerRisk,
                    basis: .testOfOne)
            }
            if control.frequency == .eventDriven {
                var notes: [String] = []
                let yearly = control.populationSize ?? assumedEventPopulation
                if control.populationSize == nil {
                    notes.append("no population size: \(assumedEventPopulation) a year assumed")
                }
                let expected = Int((Double(yearly) * months / 12).rounded(.up))
                guard expected > 0 else {
                    return SampleDecision(
                        report: report, items: 0, basis: .population, occurrences: 0,
                        notes: notes + [
                            "no occurrence expected in the window: test the design, and report if none occurred"
                        ])
                }
                let band = table.band(for: expected)
                let size = (higher ? band?.higherRisk : band?.lowerRisk)?.resolve(population: expected) ?? expected
                return SampleDecision(
                    report: report, items: min(size, expected), basis: .population, occurrences: Double(expected),
                    notes: notes)
            }
            guard let entry = table.frequencies[control.frequency] else {
                return SampleDecision(
                    report: report, items: 1, basis: .frequency,
                    notes: ["no table row for \(control.frequency.rawValue)"])
            }
            let perYear =
                (control.frequency == .daily || control.frequency == .recurring)
                ? Double(control.populationSize ?? Int(entry.occurrencesPerYear)) : entry.occurrencesPerYear
            let occurrences = perYear * months / 12
            let size = higher ? entry.higherRisk : entry.lowerRisk
            if occurrences < 1 {
                return SampleDecision(
                    report: report, items: min(size, 1), basis: .frequency, occurrences: occurrences,
                    notes: [
                        "may not occur in a \(Engagement.format(months))-month window (\(control.frequency.rawValue))"
                    ])
            }
            let cap = Int(occurrences.rounded(.down))
            var notes: [String] = []
            if cap < size {
                notes.append(
                    "\(control.frequency.rawValue) control occurs \(cap)× in the window: sample capped at \(cap)")
            }
            return SampleDecision(
                report: report, items: min(size, cap), basis: .frequency, occurrences: occurrences, notes: notes)
        }
    }

    /// The items one test of a shared control needs for both reports, and what aligning the
    /// windows would save.
    ///
    /// Identical windows (or a Type 1 beside a Type 2): the larger sample. Different Type 2
    /// windows: each report spreads its sample over its own window, pro rata by months, so the
    /// months both share need the larger of ⌈items × overlap months ÷ window months⌉, and each
    /// report's months outside the overlap need ⌈items × months outside ÷ window months⌉; never
    /// more than the two samples together. Saving = combined − the larger sample.
    public static func combine(_ first: SampleDecision?, _ second: SampleDecision?, engagement: Engagement) -> (
        items: Int, saving: Int
    ) {
        guard let first, let second else { return ((first ?? second)?.items ?? 0, 0) }
        let larger = max(first.items, second.items)
        guard let p1 = engagement.scope(first.report).period, let p2 = engagement.scope(second.report).period, p1 != p2
        else { return (larger, 0) }
        let together = first.items + second.items
        guard let shared = p1.intersection(p2) else { return (together, together - larger) }
        let overlap = shared.months
        func share(_ items: Int, _ months: Double, of window: Double) -> Int {
            window > 0 ? Int((Double(items) * months / window - 1e-9).rounded(.up)) : 0
        }
        let parts = [(first, p1.months), (second, p2.months)]
        let inOverlap = parts.map { share($0.0.items, overlap, of: $0.1) }.max() ?? 0
        let outside = parts.reduce(0) { $0 + share($1.0.items, max(0, $1.1 - overlap), of: $1.1) }
        let combined = min(max(inOverlap + outside, larger), together)
        return (combined, combined - larger)
    }
}
