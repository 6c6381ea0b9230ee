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
    /// The occurrences a year behind `occurrences` (population_size or the frequency's), before any
    /// rounding to the window; nil for a headcount, which is the same people whatever the window.
    public var perYear: Double?
    /// The frequency row that sized a periodic control (its own, or the one its occurrences re-bucket it to).
    public var sizedAs: Frequency?
    /// Flags a planner or auditor should read ("may not occur in the window").
    public var notes: [String]

    public init(
        report: ReportKind, items: Int, basis: Basis, occurrences: Double? = nil, perYear: Double? = nil,
        sizedAs: Frequency? = nil, notes: [String] = []
    ) {
        self.report = report
        self.items = items
        self.basis = basis
        self.occurrences = occurrences
        self.perYear = perYear
        self.sizedAs = sizedAs
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
    /// - Type 2, employee-level (sampling unit `headcount` or `hires`): sampled from the people, by the
    ///   event-driven bands: the headcount (population_size) as it is, the hires pro rata by months.
    /// - Type 2, event-driven: expected occurrences in the window = population_size × months ÷ 12
    ///   (rounded up); the band's size, or all of them in the smallest band.
    /// - Type 2, otherwise: the table's size for frequency and risk, capped at the occurrences in
    ///   the window = occurrences a year (population_size for daily and recurring controls when
    ///   given) × months ÷ 12, rounded down; a control expected less than once is flagged. A
    ///   population_size below half the frequency's occurrences a year re-buckets the control: it is
    ///   sized as the most frequent row whose occurrences a year do not exceed it (a "daily" control
    ///   that occurred 12 times is sized as monthly).
    /// - `risk`: the auditor's assessment for the engagement; the control's own label when nil.
    public static func decide(
        _ control: Control, scope: ReportScope, report: ReportKind, table: SampleTable, risk: Risk? = nil
    )
        -> SampleDecision?
    {
        switch scope {
        case .none:
            return nil
        case .type1:
            return SampleDecision(report: report, items: 0, basis: .walkthrough)
        case .type2(let period):
            let months = period.months
            let higher = (risk ?? control.risk) == .high  // the auditor's risk when given, else the client's label
            if control.nature == .automated {
                return SampleDecision(
                    report: report, items: higher ? table.automatedHigherRisk : table.automatedLowerRisk,
                    basis: .testOfOne)
            }
            if control.samplingUnit != .occurrence {
                let people = control.samplingUnit == .headcount ? "headcount" : "hires a year"
                var notes: [String] = []
                let yearly = control.populationSize ?? assumedEventPopulation
                if control.populationSize == nil {
                    notes.append("no population size: \(assumedEventPopulation) \(people) assumed")
                }
                let inWindow =
                    control.samplingUnit == .headcount ? yearly : Int((Double(yearly) * months / 12).rounded(.up))
                return banded(
                    inWindow, perYear: control.samplingUnit == .headcount ? nil : Double(yearly), higher: higher,
                    report: report, table: table,
                    notes: notes + [
                        "sampled from the \(control.samplingUnit == .headcount ? "headcount" : "hires") (\(inWindow) in the window), not as one event"
                    ])
            }
            if control.frequency == .eventDriven {
                var notes: [String] = []
                let yearly = control.populationSize ?? assumedEventPopulation
                if control.populationSize == nil {
                    notes.append("no population size: \(assumedEventPopulation) a year assumed")
                }
                return banded(
                    Int((Double(yearly) * months / 12).rounded(.up)), perYear: Double(yearly), higher: higher,
                    report: report, table: table, notes: notes)
            }
            var frequency = control.frequency
            var notes: [String] = []
            if let size = control.populationSize, let actual = table.rebucket(frequency, occurrences: size) {
                notes.append(
                    "sized as \(actual.rawValue): \(size) occurrences a year contradict \(frequency.rawValue)")
                frequency = actual
            }
            guard let entry = table.frequencies[frequency] else {
                return SampleDecision(
                    report: report, items: 1, basis: .frequency,
                    notes: ["no table row for \(frequency.rawValue)"])
            }
            let perYear =
                frequency != control.frequency || frequency == .daily || frequency == .recurring
                ? Double(control.populationSize ?? Int(entry.occurrencesPerYear)) : entry.occurrencesPerYear
            let occurrences = perYear * months / 12
            let size = higher ? entry.higherRisk : entry.lowerRisk
            if occurrences < 1 {
                return SampleDecision(
                    report: report, items: min(size, 1), basis: .frequency, occurrences: occurrences,
                    perYear: perYear, sizedAs: frequency,
                    notes: notes + [
                        "may not occur in a \(Engagement.format(months))-month window (\(frequency.rawValue))"
                    ])
            }
            let cap = Int(occurrences.rounded(.down))
            if cap < size {
                notes.append(
                    "\(frequency.rawValue) control occurs \(cap)× in the window: sample capped at \(cap)")
            }
            return SampleDecision(
                report: report, items: min(size, cap), basis: .frequency, occurrences: occurrences,
                perYear: perYear, sizedAs: frequency, notes: notes)
        }
    }

    /// The event-driven band's sample for `expected` items in the window (all of them in the smallest band).
    static func banded(
        _ expected: Int, perYear: Double?, higher: Bool, report: ReportKind, table: SampleTable, notes: [String]
    ) -> SampleDecision {
        guard expected > 0 else {
            return SampleDecision(
                report: report, items: 0, basis: .population, occurrences: 0, perYear: perYear,
                notes: notes + ["no occurrence expected in the window: test the design, and report if none occurred"])
        }
        let band = table.band(for: expected)
        let size = (higher ? band?.higherRisk : band?.lowerRisk)?.resolve(population: expected) ?? expected
        return SampleDecision(
            report: report, items: min(size, expected), basis: .population, occurrences: Double(expected),
            perYear: perYear, notes: notes)
    }

    /// The items one test of a shared control needs for both reports, and what aligning the
    /// windows would save.
    ///
    /// Identical windows (or a Type 1 beside a Type 2): the larger sample. Different Type 2
    /// windows: each report spreads its sample over its own window, pro rata by months, so the
    /// months both share need the larger of ⌈items × overlap months ÷ window months⌉, and each
    /// report's months outside the overlap need ⌈items × months outside ÷ window months⌉; never
    /// more than the two samples together, nor than the control occurs in the union of the windows
    /// (`unionOccurrences`) where a report alone needs fewer. Saving = combined − the larger sample.
    public static func combine(_ first: SampleDecision?, _ second: SampleDecision?, engagement: Engagement) -> (
        items: Int, saving: Int
    ) {
        guard let first, let second else { return ((first ?? second)?.items ?? 0, 0) }
        let larger = max(first.items, second.items)
        guard let p1 = engagement.scope(first.report).period, let p2 = engagement.scope(second.report).period, p1 != p2
        else { return (larger, 0) }
        let together = min(
            first.items + second.items,
            max(larger, unionOccurrences([first, second], periods: [p1, p2]) ?? .max))
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

/// Items one fieldwork phase tests for one control, and the reports they count for.
public struct PhaseSample: Sendable, Hashable, Codable {
    /// The fieldwork that tests the items.
    public var phase: FieldworkPhase
    /// The days the items are drawn from (inside the months the phase tests).
    public var window: Period
    public var items: Int
    /// The reports the items count for, SOC 1 first.
    public var serves: [ReportKind]

    public init(phase: FieldworkPhase, window: Period, items: Int, serves: [ReportKind]) {
        self.phase = phase
        self.window = window
        self.items = items
        self.serves = serves
    }
}

extension Sampler {
    /// Splits one report's sample between its interim and final fieldwork, pro rata by months:
    /// interim = ⌈items × interim months ÷ period months⌉, final = the rest; when that leaves the
    /// final fieldwork nothing although the control occurs at least once in the roll-forward months,
    /// one item moves to it (from a sample of 2 or more).
    static func split(_ decision: SampleDecision, calendar: ReportCalendar) -> [(FieldworkPhase, Int)] {
        guard let interim = calendar.interim, let period = calendar.scope.period else {
            return [(calendar.final, decision.items)]
        }
        let total = decision.items
        let months = period.months
        var first = min(total, Int((Double(total) * interim.covers.months / months - 1e-9).rounded(.up)))
        var rest = total - first
        let rollForwardOccurrences = (decision.occurrences ?? 0) * calendar.final.covers.months / months
        if rest == 0 && total >= 2 && rollForwardOccurrences >= 1 - 1e-9 {
            first -= 1
            rest = 1
        }
        return [(interim, first), (calendar.final, rest)].filter { $0.1 > 0 }
    }

    /// Which fieldwork tests which items of one control, over both reports' calendars.
    ///
    /// A test of one is performed once, in the earliest fieldwork of the reports it serves (once per
    /// report where `combined` says the windows need two). A sample: each report's items are split
    /// between its phases (`split`); the days of all phases are cut where any phase starts or ends;
    /// each piece needs the largest of the phases' pro-rata items (items × piece months ÷ phase
    /// months) and is tested in the earliest fieldwork whose months include it, so months both reports
    /// share are tested once, in the earlier fieldwork. Each fieldwork tests ⌈its pieces' items⌉,
    /// never more than the two samples together.
    public static func schedule(
        _ decisions: [SampleDecision], combined: Int, calendar: EngagementCalendar
    ) -> [PhaseSample] {
        let tested = decisions.filter { $0.basis != .walkthrough && $0.items > 0 }
        guard !tested.isEmpty else { return [] }
        if tested.contains(where: { $0.basis == .testOfOne }) {
            let phases = tested.compactMap { calendar.calendar($0.report)?.phases.first }
            guard let earliest = phases.min() else { return [] }
            if combined <= 1 || phases.count < 2 {
                return [
                    PhaseSample(
                        phase: earliest, window: earliest.covers, items: max(1, combined),
                        serves: tested.map(\.report).sorted())
                ]
            }
            return zip(tested, phases).map { decision, phase in
                PhaseSample(phase: phase, window: phase.covers, items: decision.items, serves: [decision.report])
            }
        }
        if let small = occurrenceSchedule(tested, calendar: calendar) { return small }
        var parts: [(phase: FieldworkPhase, items: Int)] = []
        for decision in tested {
            guard let report = calendar.calendar(decision.report) else { continue }
            parts += split(decision, calendar: report).map { (phase: $0.0, items: $0.1) }
        }
        var cuts = Set<Day>()
        for part in parts {
            cuts.insert(part.phase.covers.start)
            cuts.insert(part.phase.covers.end.adding(days: 1))
        }
        let boundaries = cuts.sorted()
        var need: [FieldworkPhase: (items: Double, window: Period, serves: Set<ReportKind>)] = [:]
        for (start, next) in zip(boundaries, boundaries.dropFirst()) {
            let piece = Period(start: start, end: next.adding(days: -1))
            let covering = parts.filter { $0.phase.covers.start <= piece.start && piece.end <= $0.phase.covers.end }
            guard let tester = covering.map(\.phase).min() else { continue }
            let items =
                covering.map { Double($0.items) * piece.months / max($0.phase.covers.months, 1e-9) }.max() ?? 0
            var entry = need[tester] ?? (0, piece, [])
            entry.items += items
            entry.window = Period(start: min(entry.window.start, piece.start), end: max(entry.window.end, piece.end))
            entry.serves.formUnion(covering.map(\.phase.report))
            need[tester] = entry
        }
        var samples = need.sorted { $0.key < $1.key }.map { phase, entry in
            PhaseSample(
                phase: phase, window: entry.window, items: Int((entry.items - 1e-9).rounded(.up)),
                serves: entry.serves.sorted())
        }.filter { $0.items > 0 }
        // Rounding each fieldwork up may ask for more than the two samples together, or than the control
        // occurs in the union of the windows: trim the largest.
        let larger = tested.map(\.items).max() ?? 0
        let periods = tested.compactMap { calendar.calendar($0.report)?.scope.period }
        let together = min(
            tested.reduce(0) { $0 + $1.items }, max(larger, unionOccurrences(tested, periods: periods) ?? .max))
        while samples.reduce(0, { $0 + $1.items }) > together,
            let largest = samples.indices.max(by: { samples[$0].items < samples[$1].items })
        {
            samples[largest].items -= 1
        }
        return samples.filter { $0.items > 0 }
    }

    /// Samples of at most this many items per report are drawn from the control's occurrences, so that
    /// occurrences inside both windows serve both reports; larger samples are spread pro rata by months.
    public static let smallSampleLimit = 5

    /// The days a periodic control of `frequency` is assumed to occur between `start` and `end`: the
    /// last day of each block of 12 ÷ occurrences-a-year months (7 days for weekly), counted back from
    /// `end`. Nil for daily and more frequent controls, and for event-driven ones.
    static func occurrenceDays(_ frequency: Frequency, from start: Day, to end: Day) -> [Day]? {
        let step: (Int) -> Day
        switch frequency {
        case .annual: step = { end.adding(days: 1).adding(months: -12 * $0).adding(days: -1) }
        case .semiannual: step = { end.adding(days: 1).adding(months: -6 * $0).adding(days: -1) }
        case .quarterly: step = { end.adding(days: 1).adding(months: -3 * $0).adding(days: -1) }
        case .monthly: step = { end.adding(days: 1).adding(months: -$0).adding(days: -1) }
        case .weekly: step = { end.adding(days: -7 * $0) }
        default: return nil
        }
        var days: [Day] = []
        var index = 0
        while step(index) >= start {
            days.append(step(index))
            index += 1
        }
        return days
    }

    /// The schedule of a small periodic sample (every report's size at most `smallSampleLimit`),
    /// drawn from the control's occurrences (`occurrenceDays` over the reports' windows).
    ///
    /// Each report's items are split between its phases (`split`); then, one at a time, the
    /// occurrence that counts for the most unmet phase needs is chosen (the latest on a tie), until no
    /// occurrence helps: an occurrence inside both reports' windows counts for both (quarterly, SOC 2
    /// July–December inside a calendar SOC 1: the Q3 and Q4 reviews serve both, 2 items, not 3). Each
    /// chosen occurrence is tested in the earliest fieldwork, of the reports it serves, whose days
    /// include it. Nil when the sample is not small and periodic.
    static func occurrenceSchedule(_ tested: [SampleDecision], calendar: EngagementCalendar) -> [PhaseSample]? {
        guard let frequency = tested.first?.sizedAs,
            tested.allSatisfy({ $0.basis == .frequency && $0.sizedAs == frequency && $0.items <= smallSampleLimit })
        else { return nil }
        let reports = tested.compactMap { calendar.calendar($0.report) }
        let periods = reports.compactMap(\.scope.period)
        guard reports.count == tested.count, periods.count == tested.count,
            let start = periods.map(\.start).min(), let end = periods.map(\.end).max(),
            let days = occurrenceDays(frequency, from: start, to: end)
        else { return nil }
        var needs: [(phase: FieldworkPhase, remaining: Int)] = []
        for (decision, report) in zip(tested, reports) {
            needs += split(decision, calendar: report).map { (phase: $0.0, remaining: $0.1) }
        }
        var chosen: [Day] = []
        while true {
            var best: (day: Day, score: Int)?
            for day in days where !chosen.contains(day) {
                var score = 0
                for need in needs where need.remaining > 0 && need.phase.covers.contains(day) { score += 1 }
                if score > 0, score > best?.score ?? 0 || (score == best?.score && day > best!.day) {
                    best = (day, score)
                }
            }
            guard let pick = best else { break }
            chosen.append(pick.day)
            for index in needs.indices where needs[index].remaining > 0 && needs[index].phase.covers.contains(pick.day)
            {
                needs[index].remaining -= 1
            }
        }
        // A fieldwork whose days hold fewer occurrences than its share leaves the rest of its report's
        // sample to the report's other days: the occurrence that counts for the most reports still short
        // (the latest on a tie) is added until each report has its items or its window has no more.
        func short(_ index: Int) -> Int {
            guard let period = reports[index].scope.period else { return 0 }
            var inside = 0
            for day in chosen where period.contains(day) { inside += 1 }
            return tested[index].items - inside
        }
        while true {
            var best: (day: Day, score: Int)?
            // Which reports are still short does not change while the days are scored.
            let stillShort = reports.indices.filter { short($0) > 0 }
            for day in days where !chosen.contains(day) {
                var score = 0
                for index in stillShort where reports[index].scope.period?.contains(day) == true { score += 1 }
                if score > 0, score > best?.score ?? 0 || (score == best?.score && day > best!.day) {
                    best = (day, score)
                }
            }
            guard let pick = best else { break }
            chosen.append(pick.day)
        }
        // A report none of whose assumed occurrences falls inside its window (an annual control in a
        // short window) is left to the pro-rata rule, which plans its "may not occur" item.
        for (decision, report) in zip(tested, reports) where decision.items > 0 {
            guard chosen.contains(where: { day in report.phases.contains { $0.covers.contains(day) } }) else {
                return nil
            }
        }
        struct Key: Hashable {
            var phase: FieldworkPhase
            var serves: [ReportKind]
        }
        var groups: [Key: Int] = [:]
        for day in chosen {
            let serving = reports.filter { $0.scope.period?.contains(day) == true }
            guard let tester = serving.flatMap(\.phases).filter({ $0.covers.contains(day) }).min() else { continue }
            groups[Key(phase: tester, serves: serving.map(\.report).sorted()), default: 0] += 1
        }
        return groups.sorted { ($0.key.phase, $0.key.serves.count) < ($1.key.phase, $1.key.serves.count) }.compactMap {
            key, items in
            let shared = key.serves.compactMap { calendar.calendar($0)?.scope.period }.reduce(
                Optional(key.phase.covers)
            ) { $0?.intersection($1) }
            return PhaseSample(phase: key.phase, window: shared ?? key.phase.covers, items: items, serves: key.serves)
        }
    }

    /// How often the control occurs in the union of two Type 2 windows: its occurrences a year
    /// (`perYear`) × the union's months ÷ 12, rounded down for periodic controls and up for
    /// populations; a headcount's people, whatever the windows. Nil when the decisions do not say.
    static func unionOccurrences(_ tested: [SampleDecision], periods: [Period]) -> Int? {
        guard tested.count == 2, periods.count == 2 else { return nil }
        let population = tested.contains { $0.basis == .population }
        guard let perYear = tested.compactMap(\.perYear).max() else {
            let headcount = population ? tested.compactMap(\.occurrences).max() : nil
            return headcount.map { Int(($0 - 1e-9).rounded(.up)) }
        }
        let months = periods[0].months + periods[1].months - (periods[0].intersection(periods[1])?.months ?? 0)
        let occurrences = perYear * months / 12
        return population ? Int((occurrences - 1e-9).rounded(.up)) : Int((occurrences + 1e-9).rounded(.down))
    }

}
