/// What `sample select` was asked to do.
public struct SelectionOptions: Sendable {
    public var controls: Set<ControlID>
    /// `--seed N`; nil: derived from the engagement name.
    public var seed: UInt64?
    public var method: SelectionMethod
    /// Keys the auditor chose (haphazard).
    public var chosen: [String]
    /// Replace selections whose population or plan changed (the old ones stay as history).
    public var reselect: Bool
    public var by: String
    public var at: String

    public init(
        controls: Set<ControlID> = [], seed: UInt64? = nil, method: SelectionMethod = .random, chosen: [String] = [],
        reselect: Bool = false, by: String = "", at: String = ""
    ) {
        self.controls = controls
        self.seed = seed
        self.method = method
        self.chosen = chosen
        self.reselect = reselect
        self.by = by
        self.at = at
    }
}

/// The outcome of one `sample select`: selections to store, the ones they replace, what was kept.
public struct SelectionRun: Sendable {
    /// New selections (ids 0: the store numbers them).
    public var added: [Selection] = []
    /// Ids of current selections that `added` replaces (kept as history).
    public var superseded: [Int] = []
    /// Current selections that the same inputs reproduce, left as they are.
    public var kept: [Selection] = []
    public var diagnostics: [Diagnostic] = []

    /// Draws every stratum of the plan (or of the chosen controls) that has what it is drawn from.
    ///
    /// Same inputs, same items: a stratum whose current selection has the same population hash,
    /// count and method keeps it. A changed population or count is refused (an error) unless
    /// `reselect`.
    public init(plan: EngagementPlan, fieldwork: Fieldwork, options: SelectionOptions) {
        let strata = Selector.strata(plan).filter { options.controls.isEmpty || options.controls.contains($0.control) }
        let base = options.seed ?? Selector.baseSeed(engagement: plan.engagement.name)
        let titles = Dictionary(plan.workspace.evidence.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        if !options.controls.isEmpty {
            let planned = Set(strata.map(\.control))
            for control in options.controls.sorted() where !planned.contains(control) {
                diagnostics.append(
                    Diagnostic(
                        .error, "nothing-to-select",
                        "\(control) has no operating-effectiveness sample in \(plan.engagement.name) (not in scope, Type 1, or not tested)",
                        subject: control.rawValue))
            }
        }
        var chosenLeft = Set(options.chosen)
        var waiting: [String: [String]] = [:]
        defer {
            for (evidence, strata) in waiting.sorted(by: { $0.key < $1.key }) {
                diagnostics.append(
                    Diagnostic(
                        .warning, "population-missing",
                        evidence.isEmpty
                            ? "\(strata.joined(separator: ", ")): the control names no population evidence, so there is nothing to draw from"
                            : "no population of \(evidence) yet: \(strata.joined(separator: ", ")) wait for it",
                        hint: evidence.isEmpty
                            ? "add the system list it is drawn from (kind population) to the control's evidence"
                            : "add the client's file for its population request",
                        subject: evidence))
            }
        }
        for stratum in strata {
            let label = "\(stratum.control) \(stratum.fieldwork.label) \(stratum.window)"
            // What the stratum is drawn from.
            var pool: [PopulationRow]
            var source: String
            var sha = ""
            var populationEvidence: EvidenceID?
            switch stratum.source {
            case .population(let evidence):
                let delivered = fieldwork.currentPopulations.filter { population in
                    population.engagement == plan.engagement.name && evidence.contains(population.evidence)
                        && population.window.start <= stratum.window.end
                        && stratum.window.start <= population.window.end
                }
                guard let first = evidence.first(where: { id in delivered.contains { $0.evidence == id } }) else {
                    let name = evidence.isEmpty ? "" : evidence.map(\.rawValue).joined(separator: " or ")
                    waiting[name, default: []].append("\(stratum.control) \(stratum.fieldwork.label)")
                    continue
                }
                populationEvidence = first
                let used = delivered.filter { $0.evidence == first }.sorted { $0.window.start < $1.window.start }
                var missing: [Period] = []
                var cursor = stratum.window.start
                for population in used where population.window.end >= cursor {
                    if population.window.start > cursor {
                        missing.append(Period(start: cursor, end: population.window.start.adding(days: -1)))
                    }
                    cursor = max(cursor, population.window.end.adding(days: 1))
                }
                if cursor <= stratum.window.end { missing.append(Period(start: cursor, end: stratum.window.end)) }
                guard missing.isEmpty else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "population-missing",
                            "\(label): no population covers \(missing.map(\.description).joined(separator: ", ")) of \(first)",
                            hint: "add the client's file for the population request of these days",
                            subject: stratum.control.rawValue))
                    continue
                }
                pool = used.flatMap(\.rows).filter { stratum.window.start <= $0.date && $0.date <= stratum.window.end }
                source = used.map(\.label).joined(separator: "+")
                sha = used.map(\.sha256).joined(separator: "+")
            case .occurrences(let frequency):
                pool = Selector.occurrences(frequency, in: stratum.window, calendar: plan.calendar)
                source = "occurrences"
            case .configuration(let evidence, let asOf):
                let name = evidence.map { titles[$0] ?? $0.rawValue } ?? "the automated control"
                pool = [PopulationRow(key: "\(name) as configured on \(asOf)", date: asOf, line: 0)]
                source = "configuration"
            }
            let name = stratum.name(population: populationEvidence)
            let method: SelectionMethod
            switch stratum.source {
            case .configuration: method = .random
            default: method = options.method
            }
            let existing = fieldwork.currentSelections.first {
                $0.control == stratum.control && $0.fieldwork == stratum.fieldwork.label && $0.window == stratum.window
            }
            if let existing {
                var changes: [String] = []
                if existing.populationSHA256 != sha { changes.append("its population changed (now \(source))") }
                if existing.planned != stratum.items {
                    changes.append("the plan now asks \(stratum.items) items, not \(existing.planned)")
                }
                if options.seed != nil && options.seed != existing.baseSeed { changes.append("another seed was given") }
                if method != existing.method && options.method != .random {
                    changes.append("another method was asked for")
                }
                if changes.isEmpty {
                    kept.append(existing)
                    continue
                }
                guard options.reselect else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "selection-changed",
                            "\(label): selected on \(existing.selectedAt) (S-\(existing.id)), but \(changes.joined(separator: " and "))",
                            hint: "select again with --reselect; the old selection stays in the history",
                            subject: stratum.control.rawValue))
                    continue
                }
                superseded.append(existing.id)
            }
            let ordered = Selector.ordered(pool)
            let seed = Selector.seed(base: base, stratum: name, populationSHA256: sha)
            var drawn: [PopulationRow]
            switch method {
            case .random: drawn = Selector.random(ordered, count: stratum.items, seed: seed)
            case .systematic: drawn = Selector.systematic(ordered, count: stratum.items, seed: seed)
            case .haphazard:
                drawn = ordered.filter { options.chosen.contains($0.key) }
                for row in drawn { chosenLeft.remove(row.key) }
                if drawn.isEmpty && stratum.items > 0 {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "haphazard-count",
                            "\(label): none of the items named fall in these days; nothing selected here",
                            subject: stratum.control.rawValue))
                    continue
                }
                if drawn.count != stratum.items {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "haphazard-count",
                            "\(label): \(drawn.count) of the items named fall in these days; the plan asks \(stratum.items)",
                            subject: stratum.control.rawValue))
                }
            }
            if pool.count < stratum.items {
                diagnostics.append(
                    Diagnostic(
                        .warning, "population-small",
                        "\(label): the population holds \(pool.count) item(s) in these days, the plan asks \(stratum.items): all of them are selected",
                        subject: stratum.control.rawValue))
            }
            let items = drawn.map { row in
                SelectedItem(
                    key: row.key, date: row.date,
                    reports: stratum.serves.filter { report in
                        if case .configuration = stratum.source { return true }
                        return plan.engagement.scope(report).period.map { $0.start <= row.date && row.date <= $0.end }
                            ?? true
                    })
            }
            added.append(
                Selection(
                    id: 0, engagement: plan.engagement.name, control: stratum.control,
                    fieldwork: stratum.fieldwork.label, window: stratum.window, source: source, stratum: name,
                    method: method, planned: stratum.items, populationSize: pool.count, populationSHA256: sha,
                    baseSeed: base, seed: seed, items: items, selectedBy: options.by, selectedAt: options.at))
        }
        if options.method == .haphazard && !chosenLeft.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "haphazard-unknown",
                    "not in any population of the selection's days: \(chosenLeft.sorted().joined(separator: ", "))",
                    hint: "name keys from the delivered population"))
        }
    }
}

extension SelectionRun {
    /// The rows a stored selection was drawn from (its populations' rows in its days, or the occurrences).
    public static func pool(of selection: Selection, fieldwork: Fieldwork, plan: EngagementPlan) -> [PopulationRow]? {
        if selection.source == "occurrences" {
            guard let control = plan.workspace.controls.first(where: { $0.id == selection.control }) else { return nil }
            return Selector.occurrences(control.frequency, in: selection.window, calendar: plan.calendar)
        }
        let ids = selection.source.split(separator: "+").compactMap { $0.hasPrefix("P-") ? Int($0.dropFirst(2)) : nil }
        guard !ids.isEmpty else { return nil }
        return fieldwork.populations.filter { ids.contains($0.id) }.flatMap(\.rows).filter {
            selection.window.start <= $0.date && $0.date <= selection.window.end
        }
    }

    /// `count` more items for a random selection: the shuffle continued past the items already drawn,
    /// so an extension never repeats an item. Nil when the selection cannot be extended.
    public static func extensionItems(
        of selection: Selection, count: Int, fieldwork: Fieldwork, plan: EngagementPlan
    ) -> [SelectedItem]? {
        guard selection.method == .random, let pool = pool(of: selection, fieldwork: fieldwork, plan: plan) else {
            return nil
        }
        let have = selection.items.count
        let drawn = Selector.random(Selector.ordered(pool), count: have + count, seed: selection.seed)
        let reports = Set(selection.items.flatMap(\.reports))
        return drawn.dropFirst(have).map { row in
            SelectedItem(
                key: row.key, date: row.date,
                reports: reports.filter { report in
                    plan.engagement.scope(report).period.map { $0.start <= row.date && row.date <= $0.end } ?? true
                }.sorted(), isExtension: true)
        }
    }
}
