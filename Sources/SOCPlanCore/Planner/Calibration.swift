extension EffortModel.Parameter {
    /// An hours-per-activity parameter, which calibration fits: every parameter but the
    /// percentages (review overhead, shared documentation, role shares, and any `_percent` the
    /// model gains), which calibration holds fixed.
    public var isRate: Bool { !rawValue.hasSuffix("_percent") && !rawValue.hasPrefix("rate_") }
}

/// A firm's actual auditor hours on one past engagement: by phase, or only the total.
public enum ActualHours: Sendable, Hashable {
    case phases(planning: Double, fieldwork: Double, reporting: Double)
    case total(Double)

    public var total: Double {
        switch self {
        case .phases(let planning, let fieldwork, let reporting): return planning + fieldwork + reporting
        case .total(let total): return total
        }
    }

    /// The figures compared: planning, fieldwork and reporting, or the total.
    var values: [Double] {
        switch self {
        case .phases(let planning, let fieldwork, let reporting): return [planning, fieldwork, reporting]
        case .total(let total): return [total]
        }
    }

    /// The same figures from an estimate's joint effort: fieldwork is everything that is neither
    /// planning nor reporting (walkthroughs, testing, population checks and any component the
    /// model adds).
    func values(of effort: Effort) -> [Double] {
        switch self {
        case .phases: return [effort.planning, effort.total - effort.planning - effort.reporting, effort.reporting]
        case .total: return [effort.total]
        }
    }
}

/// One past engagement to calibrate on: its inventory, its scope and what it actually took.
public struct CalibrationCase: Sendable {
    public var name: String
    public var workspace: Workspace
    public var engagement: Engagement
    public var actual: ActualHours

    public init(name: String, workspace: Workspace, engagement: Engagement, actual: ActualHours) {
        self.name = name
        self.workspace = workspace
        self.engagement = engagement
        self.actual = actual
    }

    /// How many controls of each kind a synthetic inventory holds (`synthetic`).
    public struct Counts: Sendable, Hashable {
        /// Manual controls serving both reports (an ITGC objective and a security criterion).
        public var shared = 0
        /// Manual controls serving only the SOC 1 (a business-process objective).
        public var soc1Only = 0
        /// Manual controls serving only the SOC 2 (a security criterion).
        public var soc2Only = 0
        /// Automated application controls (SOC 1 business process; a test of one each).
        public var automated = 0
        /// Of the manual controls, how many the auditor re-performs, and how many are observed;
        /// the rest are inspected.
        public var reperformed = 0
        public var observed = 0

        public init(
            shared: Int = 0, soc1Only: Int = 0, soc2Only: Int = 0, automated: Int = 0, reperformed: Int = 0,
            observed: Int = 0
        ) {
            self.shared = shared
            self.soc1Only = soc1Only
            self.soc2Only = soc2Only
            self.automated = automated
            self.reperformed = reperformed
            self.observed = observed
        }

        public var manual: Int { shared + soc1Only + soc2Only }
        public var total: Int { manual + automated }
    }

    /// The frequencies manual synthetic controls take in turn (and the yearly population of the
    /// event-driven ones): a mix typical of a SOC inventory.
    public static let syntheticMix: [(Frequency, Int?)] = [
        (.eventDriven, 250), (.monthly, nil), (.quarterly, nil), (.eventDriven, 40), (.annual, nil),
        (.weekly, nil), (.daily, nil), (.monthly, nil),
    ]

    /// A workspace built from control counts, for a firm that gives counts instead of an inventory.
    ///
    /// Manual control i takes the i-th frequency of `syntheticMix` (cycling); re-performed controls
    /// come first, then observed ones, the rest are inspected. Every event-driven, daily and weekly
    /// control draws from a population of its own. Shared controls map to objective ITGC-SYN and
    /// criterion CC6.1, SOC 1-only to BP-SYN, SOC 2-only to CC7.2.
    public static func synthetic(_ counts: Counts) -> Workspace {
        var controls: [Control] = []
        var evidence: [EvidenceItem] = []
        let kinds: [(String, [ObjectiveID], [CriterionID], Int)] = [
            ("SH", ["ITGC-SYN"], ["CC6.1"], counts.shared), ("S1", ["BP-SYN"], [], counts.soc1Only),
            ("S2", [], ["CC7.2"], counts.soc2Only),
        ]
        var index = 0
        for (prefix, objectives, criteria, count) in kinds {
            for number in 0..<max(0, count) {
                let (frequency, population) = syntheticMix[index % syntheticMix.count]
                let method: TestMethod =
                    index < counts.reperformed
                    ? .reperformance : index < counts.reperformed + counts.observed ? .observation : .inspection
                let id = ControlID("\(prefix)-\(number + 1)")
                var sources: [EvidenceID] = []
                if [.eventDriven, .daily, .weekly].contains(frequency) {
                    let item = EvidenceID("POP-\(id.rawValue)")
                    evidence.append(EvidenceItem(id: item, title: "Population of \(id.rawValue)", kind: .population))
                    sources.append(item)
                }
                controls.append(
                    Control(
                        id: id, title: "Synthetic \(frequency.rawValue) control", frequency: frequency, nature: .manual,
                        objectives: objectives, criteria: criteria, evidence: sources,
                        testMethods: [.inquiry, method], populationSize: population))
                index += 1
            }
        }
        for number in 0..<max(0, counts.automated) {
            controls.append(
                Control(
                    id: ControlID("AU-\(number + 1)"), title: "Synthetic automated control", frequency: .recurring,
                    nature: .automated, objectives: ["BP-SYN"], testMethods: [.inquiry, .inspection]))
        }
        return Workspace(
            info: WorkspaceInfo(organization: "synthetic", profile: nil),
            objectives: [
                Objective(id: "ITGC-SYN", title: "IT general controls", domain: .itgc, area: "logical-access"),
                Objective(id: "BP-SYN", title: "Business processing", domain: .business),
            ],
            evidence: evidence.sorted { $0.id < $1.id }, controls: controls.sorted { $0.id < $1.id })
    }
}

/// A fit of the effort model's rates to a firm's actual hours (`socplan estimate calibrate`).
///
/// With the percentages held fixed, every estimated figure is linear in the rates:
/// hours(x) = hours(0) + Σ x_r × (hours(unit r) − hours(0)), where unit r sets rate r to 1 and
/// every other rate to 0. The columns come from running the real planning pass on each unit
/// model, so the fit follows the model however its formulas change. The rates minimise
/// Σ ((fitted − actual) ÷ engagement total)² (each engagement weighs the same, whatever its size)
/// subject to every rate ≥ 0 (Lawson–Hanson NNLS), plus a tiny pull towards the starting model
/// that only decides what the actuals cannot (rates that always occur together).
public struct Calibration: Sendable {
    /// One engagement's actual and fitted hours (fitted by re-planning with the fitted model).
    public struct EngagementFit: Sendable, Hashable {
        public var name: String
        public var actual: ActualHours
        public var fitted: Effort

        public var fittedTotal: Double { fitted.total }
        /// (fitted − actual) ÷ actual × 100.
        public var errorPercent: Double {
            actual.total == 0 ? 0 : (fitted.total - actual.total) / actual.total * 100
        }
    }

    /// One rate: where the fit started and where it ended.
    public struct Rate: Sendable, Hashable {
        public var parameter: EffortModel.Parameter
        public var start: Double
        public var fitted: Double
        /// The actuals determine it on its own; otherwise only in combination with other rates (or
        /// not at all), and it stays as close to the start as the combination allows.
        public var determined: Bool
        /// The actuals say nothing about it (no engagement uses it): it keeps its start value.
        public var unused: Bool
    }

    public var model: EffortModel
    /// What was fitted: `rates` or `phases` (never `automatic`).
    public var mode: Mode
    public var rates: [Rate]
    public var engagements: [EngagementFit]

    /// Root mean square of the engagements' percentage errors.
    public var rmsErrorPercent: Double {
        guard !engagements.isEmpty else { return 0 }
        return (engagements.reduce(0) { $0 + $1.errorPercent * $1.errorPercent } / Double(engagements.count))
            .squareRoot()
    }

    /// What the fit adjusts.
    public enum Mode: String, Sendable, CaseIterable {
        /// Every rate on its own: needs many engagements of different shapes.
        case rates
        /// One factor per phase (planning, fieldwork, reporting) that scales every rate of that
        /// phase: the starting model's proportions kept, its level fitted. Few engagements suffice.
        case phases
        /// `rates` when there are at least three figures (phase or total hours) per rate the
        /// engagements use, else `phases`.
        case automatic
    }

    /// Fits the rates of `start` to `cases`; the percentages of `start` stay as they are.
    ///
    /// Cost: (rates + 1) planning passes per engagement per linearisation, a few linearisations.
    public static func fit(
        _ cases: [CalibrationCase], start: EffortModel, criteria: [Criterion], table: SampleTable,
        holidays: HolidayCalendar = .weekendsOnly, mode: Mode = .automatic
    ) -> Calibration {
        let rates = EffortModel.Parameter.allCases.filter(\.isRate)
        func effort(_ item: CalibrationCase, _ model: EffortModel) -> Effort {
            EngagementPlan.make(
                PlanInputs(
                    workspace: item.workspace, engagement: item.engagement, criteria: criteria, table: table,
                    model: model, holidays: holidays)
            ).estimate.joint
        }
        func phases(_ effort: Effort) -> [Double] {
            [effort.planning, effort.total - effort.planning - effort.reporting, effort.reporting]
        }
        var zero = start
        for rate in rates { zero.values[rate] = 0 }
        // The estimate is piecewise linear in the rates (a shared control costs the lesser of one joint
        // test and two separate ones), so the system is built from unit models first and then again
        // around each solution, until the rates stop moving (Gauss–Newton; exact within a piece).
        var current = zero
        var unused = [Bool](repeating: false, count: rates.count)
        var determined = [Bool](repeating: false, count: rates.count)
        var chosen = mode
        // The fitted unknowns s map to rates as x = basis · s; regularised towards s = 1 (the start).
        var basis: [[Double]] = []
        var best: (model: EffortModel, error: Double)?
        let figures = cases.reduce(0) { $0 + $1.actual.values.count }
        for iteration in 0..<8 {
            var rows: [[Double]] = []
            var targets: [Double] = []
            var error = 0.0
            var phaseMass = [[Double]](repeating: [0, 0, 0], count: rates.count)
            for item in cases {
                let hereEffort = effort(item, current)
                let here = item.actual.values(of: hereEffort)
                let weight = 1 / max(item.actual.total, 1)
                error += zip(here, item.actual.values).reduce(0) { $0 + pow2(($1.0 - $1.1) * weight) }
                let columns = rates.indices.map { j -> [Double] in
                    guard !unused[j] else { return here.map { _ in 0 } }
                    let step = iteration == 0 ? 1 : max(current[rates[j]], start[rates[j]], 1e-3) * 1e-3
                    var moved = current
                    moved.values[rates[j]] = current[rates[j]] + step
                    let movedEffort = effort(item, moved)
                    if iteration == 0 {
                        for (k, pair) in zip(phases(movedEffort), phases(hereEffort)).enumerated() {
                            phaseMass[j][k] += abs(pair.0 - pair.1) * weight
                        }
                    }
                    return zip(item.actual.values(of: movedEffort), here).map { ($0 - $1) / step }
                }
                for (index, value) in item.actual.values.enumerated() {
                    let intercept =
                        here[index] - rates.indices.reduce(0) { $0 + columns[$1][index] * current[rates[$1]] }
                    rows.append(columns.map { $0[index] * weight })
                    targets.append((value - intercept) * weight)
                }
            }
            if iteration > 0, best.map({ error < $0.error }) ?? true { best = (current, error) }
            if iteration == 0 {
                let norms = rates.indices.map { j in rows.reduce(0) { $0 + $1[j] * $1[j] }.squareRoot() }
                unused = norms.map { $0 <= 1e-12 }
                let usedCount = unused.filter { !$0 }.count
                if chosen == .automatic { chosen = figures >= 3 * usedCount ? .rates : .phases }
                let scale = rates.map { start[$0] > 0 ? start[$0] : 1 }
                if chosen == .rates {
                    basis = rates.indices.map { j in rates.indices.map { $0 == j ? scale[j] : 0 } }
                } else {
                    // Each rate belongs to the phase its hours land in; a factor per phase scales them.
                    let group = rates.indices.map { j in
                        phaseMass[j].indices.max { phaseMass[j][$0] < phaseMass[j][$1] } ?? 1
                    }
                    basis = rates.indices.map { j in (0..<3).map { group[j] == $0 && !unused[j] ? scale[j] : 0 } }
                }
            }
            let unknowns = basis.first?.count ?? 0
            let reduced = rows.map { row in
                (0..<unknowns).map { k in rates.indices.reduce(0) { $0 + row[$1] * basis[$1][k] } }
            }
            let norms = (0..<unknowns).map { k in reduced.reduce(0) { $0 + $1[k] * $1[k] }.squareRoot() }
            let live = (0..<unknowns).filter { norms[$0] > 1e-12 }
            let rank = NNLS.rank(reduced.map { row in live.map { row[$0] } }, relativeTolerance: 1e-3)
            let fixed = (0..<unknowns).map { k in
                live.contains(k)
                    && NNLS.rank(
                        reduced.map { row in live.filter { $0 != k }.map { row[$0] } }, relativeTolerance: 1e-3)
                        < rank
            }
            // A rate is determined when every unknown it depends on is.
            determined = rates.indices.map { j in
                !unused[j] && (0..<unknowns).allSatisfy { basis[j][$0] == 0 || fixed[$0] }
            }
            let lambda = 1e-5 * (norms.max() ?? 1)
            var augmented = reduced
            var rhs = targets
            for k in 0..<unknowns {
                var row = [Double](repeating: 0, count: unknowns)
                row[k] = lambda
                augmented.append(row)
                rhs.append(lambda)
            }
            let solution = NNLS.solve(augmented, rhs) ?? [Double](repeating: 1, count: unknowns)
            var next = start
            for j in rates.indices where !unused[j] {
                next.values[rates[j]] = (0..<unknowns).reduce(0) { $0 + basis[j][$1] * solution[$1] }
            }
            let moved =
                rates.indices.map { abs(next[rates[$0]] - current[rates[$0]]) / max(start[rates[$0]], 1e-3) }.max()
                ?? 0
            current = next
            if iteration > 0 && moved < 1e-6 { break }
        }
        var model = current
        if let best {
            let error = cases.reduce(0.0) { sum, item in
                let weight = 1 / max(item.actual.total, 1)
                return sum
                    + zip(item.actual.values(of: effort(item, current)), item.actual.values).reduce(0) {
                        $0 + pow2(($1.0 - $1.1) * weight)
                    }
            }
            if best.error < error { model = best.model }
        }
        let fits = cases.map { EngagementFit(name: $0.name, actual: $0.actual, fitted: effort($0, model)) }
        return Calibration(
            model: model, mode: chosen,
            rates: rates.indices.map {
                Rate(
                    parameter: rates[$0], start: start[rates[$0]], fitted: model[rates[$0]], determined: determined[$0],
                    unused: unused[$0])
            }, engagements: fits)
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}
