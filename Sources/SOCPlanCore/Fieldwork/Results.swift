/// What one deviation count in a sample of a given size leads to (Catalogs/deviation-extension.csv).
public struct ExtensionRule: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case exceptionsNoted = "exceptions-noted"
        case extend
        case notEffective = "not-effective"
    }

    public var minItems: Int
    /// nil: no upper bound.
    public var maxItems: Int?
    public var deviations: Int
    /// "2+": this many deviations or more.
    public var orMore: Bool
    public var action: Action
    public var extendBy: Int
    public var description: String

    public init(
        minItems: Int, maxItems: Int?, deviations: Int, orMore: Bool, action: Action, extendBy: Int,
        description: String
    ) {
        self.minItems = minItems
        self.maxItems = maxItems
        self.deviations = deviations
        self.orMore = orMore
        self.action = action
        self.extendBy = extendBy
        self.description = description
    }

    public func matches(items: Int, deviations count: Int) -> Bool {
        items >= minItems && (maxItems.map { items <= $0 } ?? true)
            && (orMore ? count >= deviations : count == deviations)
    }
}

/// The extension table: the first matching rule wins; no match with deviations means not effective.
public struct ExtensionTable: Sendable, Hashable, Codable {
    public var rules: [ExtensionRule]

    public init(rules: [ExtensionRule]) { self.rules = rules }

    public func rule(items: Int, deviations: Int) -> ExtensionRule? {
        rules.first { $0.matches(items: items, deviations: deviations) }
    }
}

/// Where one control stands for one report, from its selected items and their results.
public struct ControlStatus: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        /// Concluded (by the auditor, or from complete results).
        case concluded(Conclusion)
        /// Items still without results.
        case pending(tested: Int, of: Int)
        /// One deviation: the table says to extend by this many items first.
        case extend(by: Int)
        /// Nothing selected or recorded yet.
        case notStarted
    }

    public var control: ControlID
    public var report: ReportKind
    public var state: State
    /// Items that count for the report, original and extension.
    public var items: Int
    /// Items with an exception (any attribute).
    public var exceptions: Int
    /// "K-7: no approval on file" per exception.
    public var descriptions: [String]
    public var managementResponse: String
    /// The rule applied, for the record.
    public var rule: String

    public var conclusion: Conclusion? {
        if case .concluded(let conclusion) = state { return conclusion }
        return nil
    }

    /// The results column of section 4 ("No exceptions noted." / the exceptions and the response).
    public var resultsText: String {
        switch state {
        case .notStarted: return ""
        case .pending(let tested, let of): return "Testing in progress (\(tested) of \(of) items)."
        case .extend(let by):
            return "\(exceptions) exception(s) in \(items) items: sample extension of \(by) items in progress. "
                + descriptions.joined(separator: "; ")
        case .concluded(let conclusion):
            switch conclusion {
            case .effective: return "No exceptions noted."
            case .notTested: return "Not tested."
            case .didNotOccur:
                return
                    "The control did not operate during the period: no testing of operating effectiveness was performed."
            case .exceptionsNoted, .notEffective:
                var text =
                    exceptions > 0
                    ? "Exception\(exceptions == 1 ? "" : "s") noted: \(exceptions) of \(items) items. "
                        + descriptions.joined(separator: "; ") + "." : "Exceptions noted."
                if conclusion == .notEffective { text += " The control did not operate effectively." }
                if !managementResponse.isEmpty { text += " Management's response: \(managementResponse)" }
                return text
            }
        }
    }
}

/// The results of one engagement, per control and report, and their effect on each objective and
/// criterion. Pure.
public struct ResultsAssessment: Sendable {
    public var statuses: [ReportKind: [ControlID: ControlStatus]]
    public var diagnostics: [Diagnostic]
    /// Per report: "no exceptions", "exceptions noted", "at risk of a qualified opinion".
    public var views: [ReportKind: ReportView]
    /// Per report, objective or criterion id → its effect line.
    public var effects: [ReportKind: [Effect]]

    public enum ReportView: String, Sendable, Hashable {
        case noExceptions = "no exceptions"
        case exceptionsNoted = "exceptions noted"
        case atRisk = "at risk of a qualified opinion"
    }

    /// What the results do to one objective or criterion.
    public struct Effect: Sendable, Hashable {
        public var id: String
        public var title: String
        public var achieved: Bool
        public var exceptions: [ControlID]
        public var failing: [ControlID]
        public var compensating: [ControlID]
        public var pending: [ControlID]
    }

    public func status(_ control: ControlID, _ report: ReportKind) -> ControlStatus? { statuses[report]?[control] }

    public init(plan: EngagementPlan, fieldwork: Fieldwork, table: ExtensionTable) {
        var statuses: [ReportKind: [ControlID: ControlStatus]] = [:]
        var diagnostics: [Diagnostic] = []
        let byControl = ByControl(fieldwork)
        for row in plan.audit.rows where row.isTested {
            for report in row.reports {
                guard plan.engagement.scope(report).period != nil else { continue }
                let status = Self.status(row.control.id, report: report, byControl: byControl, table: table)
                statuses[report, default: [:]][row.control.id] = status
            }
        }
        // Per control, the diagnostics once per report it appears in.
        for report in ReportKind.allCases {
            for (control, status) in (statuses[report] ?? [:]).sorted(by: { $0.key < $1.key }) {
                switch status.state {
                case .extend(let by):
                    diagnostics.append(
                        Diagnostic(
                            .warning, "extend-sample",
                            "\(report.title): \(control) has \(status.exceptions) deviation(s) in \(status.items) items: extend the sample by \(by) items or conclude it not effective",
                            hint: "draw the extension with `sample extend`, then record its results",
                            subject: control.rawValue))
                case .concluded(let conclusion) where conclusion == .exceptionsNoted || conclusion == .notEffective:
                    diagnostics.append(
                        Diagnostic(
                            .warning, "control-exception",
                            "\(report.title): \(control) \(conclusion.text): \(status.exceptions) exception(s) in \(status.items) items",
                            hint: status.managementResponse.isEmpty
                                ? "record management's response; it is disclosed with the exception in section 4" : "",
                            subject: control.rawValue))
                default: break
                }
            }
        }
        var views: [ReportKind: ReportView] = [:]
        var effects: [ReportKind: [Effect]] = [:]
        let anyResults = !fieldwork.results.isEmpty || fieldwork.conclusions.contains { $0.conclusion != nil }
        for report in plan.engagement.reports where plan.engagement.scope(report).period != nil && anyResults {
            let coverage = report == .soc1 ? plan.overlap.objectives : plan.overlap.criteria
            let rows = plan.audit.rows.filter { $0.reports.contains(report) }
            var view = ReportView.noExceptions
            var lines: [Effect] = []
            for item in coverage {
                let controls = rows.filter {
                    report == .soc1
                        ? $0.objectives.contains(ObjectiveID(item.id)) : $0.criteria.contains(CriterionID(item.id))
                }.map(\.control.id)
                guard !controls.isEmpty else { continue }
                let known = controls.compactMap { statuses[report]?[$0] }
                let failing = known.filter { $0.conclusion == .notEffective }.map(\.control)
                let noted = known.filter {
                    $0.conclusion == .exceptionsNoted || ($0.exceptions > 0 && $0.conclusion == nil)
                }
                .map(\.control)
                let supporting = known.filter { $0.conclusion?.supports == true }.map(\.control)
                let pending = controls.filter { id in
                    guard let status = statuses[report]?[id] else { return false }
                    return status.conclusion == nil
                }
                let compensating = failing.isEmpty ? [] : supporting.filter { !failing.contains($0) }
                let achieved = failing.isEmpty || !compensating.isEmpty
                let effect = Effect(
                    id: item.id, title: item.title, achieved: achieved,
                    exceptions: Array(Set(noted + failing)).sorted(),
                    failing: failing, compensating: compensating, pending: pending)
                lines.append(effect)
                let noun = report == .soc1 ? "objective" : "criterion"
                if !failing.isEmpty && compensating.isEmpty {
                    view = .atRisk
                    diagnostics.append(
                        Diagnostic(
                            .error, "qualification-risk",
                            "\(report.title) \(noun) \(item.id): no effective control remains (\(failing.map(\.rawValue).joined(separator: ", ")) not effective)"
                                + (pending.isEmpty
                                    ? "" : "; results pending for \(pending.map(\.rawValue).joined(separator: ", "))")
                                + ": the \(report.title) opinion is at risk of qualification",
                            hint:
                                "test another control that addresses it, or discuss a qualified opinion with the engagement partner",
                            subject: item.id))
                } else if !failing.isEmpty {
                    if view == .noExceptions { view = .exceptionsNoted }
                    diagnostics.append(
                        Diagnostic(
                            .note, "compensating-control",
                            "\(report.title) \(noun) \(item.id): \(failing.map(\.rawValue).joined(separator: ", ")) not effective, compensated by \(compensating.map(\.rawValue).joined(separator: ", ")) (operating effectively)",
                            subject: item.id))
                } else if !noted.isEmpty {
                    if view == .noExceptions { view = .exceptionsNoted }
                }
            }
            views[report] = view
            effects[report] = lines
            let pendingCount = (statuses[report] ?? [:]).values.filter { $0.conclusion == nil }.count
            diagnostics.append(
                Diagnostic(
                    view == .atRisk ? .warning : .note, "report-results",
                    "\(report.title) results: \(view.rawValue)"
                        + (pendingCount > 0 ? " (\(pendingCount) tested control(s) without a conclusion yet)" : ""),
                    subject: report.title))
        }
        self.statuses = statuses
        self.diagnostics = diagnostics
        self.views = views
        self.effects = effects
    }

    /// One control's standing in one report: the items that count for the report, their results,
    /// the auditor's conclusion if set, else the extension table's verdict once every item has a result.
    /// The fieldwork's current selections, results and conclusions by control, gathered once (a
    /// filter of all of them for each control and report made the assessment quadratic).
    struct ByControl {
        var selections: [ControlID: [Selection]] = [:]
        var results: [ControlID: [ItemResult]] = [:]
        var conclusions: [ControlID: ControlConclusion] = [:]

        init(_ fieldwork: Fieldwork) {
            for selection in fieldwork.selections where selection.current {
                selections[selection.control, default: []].append(selection)
            }
            for result in fieldwork.results { results[result.control, default: []].append(result) }
            for conclusion in fieldwork.conclusions where conclusions[conclusion.control] == nil {
                conclusions[conclusion.control] = conclusion
            }
        }
    }

    static func status(_ control: ControlID, report: ReportKind, byControl: ByControl, table: ExtensionTable)
        -> ControlStatus
    {
        // As `fieldwork.selections(of:)`, `results(of:)` and `conclusion(of:)`, in their order.
        let items = (byControl.selections[control] ?? []).flatMap(\.items).filter { $0.reports.contains(report) }
        let results = byControl.results[control] ?? []
        let recorded = byControl.conclusions[control]
        var byKey: [String: [ItemResult]] = [:]
        for result in results { byKey[result.key, default: []].append(result) }
        let exceptional = items.filter { byKey[$0.key]?.contains { $0.outcome == .exception } == true }
        let descriptions = exceptional.map { item in
            let texts = (byKey[item.key] ?? []).filter { $0.outcome == .exception }.map {
                ($0.attribute.isEmpty ? "" : "\($0.attribute): ")
                    + ($0.description.isEmpty ? "exception" : $0.description)
            }
            return "\(item.key) (\(item.date)): \(texts.joined(separator: ", "))"
        }
        var status = ControlStatus(
            control: control, report: report, state: .notStarted, items: items.count, exceptions: exceptional.count,
            descriptions: descriptions, managementResponse: recorded?.managementResponse ?? "", rule: "")
        if let conclusion = recorded?.conclusion {
            status.state = .concluded(conclusion)
            status.rule = "concluded by the auditor"
            return status
        }
        guard !items.isEmpty else { return status }
        let tested = items.filter { byKey[$0.key] != nil }.count
        let original = items.filter { !$0.isExtension }
        let extensions = items.filter(\.isExtension)
        let originalDeviations = original.filter { item in exceptional.contains { $0.key == item.key } }.count
        if originalDeviations == 0 {
            status.state = tested < items.count ? .pending(tested: tested, of: items.count) : .concluded(.effective)
            return status
        }
        let rule = table.rule(items: original.count, deviations: originalDeviations)
        status.rule =
            rule?.description ?? "no rule for \(originalDeviations) deviation(s) in \(original.count): not effective"
        switch rule?.action ?? .notEffective {
        case .notEffective: status.state = .concluded(.notEffective)
        case .exceptionsNoted:
            status.state =
                tested < items.count ? .pending(tested: tested, of: items.count) : .concluded(.exceptionsNoted)
        case .extend:
            let by = rule?.extendBy ?? 0
            if extensions.isEmpty {
                status.state = .extend(by: by)
            } else if extensions.contains(where: { item in exceptional.contains { $0.key == item.key } }) {
                status.state = .concluded(.notEffective)
            } else if tested < items.count {
                status.state = .pending(tested: tested, of: items.count)
            } else {
                status.state = .concluded(.exceptionsNoted)
            }
        }
        return status
    }
}
