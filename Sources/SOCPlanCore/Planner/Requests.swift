/// The stage of an evidence request (PBC item).
public enum RequestStage: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Stage 1: the full population of a sampled control's window, with completeness-and-accuracy support.
    case population
    /// Stage 2: item-level evidence for the items the auditor selects.
    case sample
    /// A document, with the occurrences of a periodic control in the window.
    case document
    /// A system setting, as of the test date (automated controls).
    case configuration
    /// Type 1: design evidence as of the report date.
    case design

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// One request of the de-duplicated list: an artefact asked for once, for every control and report it serves.
public struct EvidenceRequest: Sendable, Hashable, Codable {
    public var id: String
    public var stage: RequestStage
    public var evidence: EvidenceItem
    public var whatToProvide: String
    /// The days the request covers ("2026-01-01..2026-09-30"), or the as-of date.
    public var period: String
    /// "interim" or "roll-forward" for a split population, else empty.
    public var part: String
    /// Items asked for: the sample size, the occurrences listed, or 1.
    public var items: Int
    public var due: Day
    public var controls: [ControlID]
    public var objectives: [ObjectiveID]
    public var criteria: [CriterionID]
    public var reports: [ReportKind]
    public var notes: [String]
}

/// Dates and offsets of a request list.
public struct RequestSchedule: Sendable, Hashable {
    public var fieldwork: Day
    /// Population requests are due this many business days before fieldwork.
    public var populationLeadDays: Int
    /// Sample requests are due this many business days after fieldwork starts.
    public var sampleLagDays: Int
    /// The interim cut-off for periods of 9 months or more; nil = three quarters through the period.
    public var interimCutoff: Day?

    public init(fieldwork: Day, populationLeadDays: Int = 10, sampleLagDays: Int = 5, interimCutoff: Day? = nil) {
        self.fieldwork = fieldwork
        self.populationLeadDays = populationLeadDays
        self.sampleLagDays = sampleLagDays
        self.interimCutoff = interimCutoff
    }

    /// The engagement's fieldwork date, or two weeks after the last report date.
    public static func defaultFieldwork(_ engagement: Engagement) -> Day? {
        engagement.fieldwork ?? engagement.reports.compactMap { engagement.scope($0).endDay }.max()?.adding(days: 14)
    }
}

extension Day {
    /// `count` business days later (negative: earlier), skipping Saturdays and Sundays.
    public func addingBusinessDays(_ count: Int) -> Day {
        var day = self
        var remaining = abs(count)
        let step = count < 0 ? -1 : 1
        while remaining > 0 {
            day = day.adding(days: step)
            if day.weekday <= 5 { remaining -= 1 }
        }
        return day
    }
}

/// The de-duplicated request list of a plan, and the warnings about evidence. Pure.
public struct RequestList: Sendable, Hashable {
    public var requests: [EvidenceRequest]
    public var diagnostics: [Diagnostic]

    /// Client hours to answer the list: population requests, sample items, documents (and
    /// configuration and design requests), at the effort model's client rates.
    public func clientHours(_ model: EffortModel) -> Double {
        requests.reduce(0) { sum, request in
            switch request.stage {
            case .population: return sum + model[.clientPopulationRequestHours]
            case .sample: return sum + Double(request.items) * model[.clientSampleItemHours]
            case .document, .configuration, .design: return sum + model[.clientDocumentHours]
            }
        }
    }

    /// Builds the list: one population request per population and window (split into interim and
    /// roll-forward for windows of 9 months or more), one sample request sized by the largest
    /// combined sample of the controls using it, one request per document and configuration
    /// item, and design requests for Type 1 reports. Numbered R-001… in stage, due date and
    /// evidence order.
    public init(plan: AuditPlan, workspace: Workspace, schedule: RequestSchedule) {
        let engagement = plan.engagement
        let evidenceIndex = Dictionary(workspace.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rowsByEvidence: [EvidenceID: [PlanRow]] = [:]
        var diagnostics: [Diagnostic] = []
        for row in plan.rows {
            if row.control.evidence.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning, "no-evidence",
                        "\(row.control.id) is in scope but names no evidence: it cannot be tested",
                        hint: "add evidence ids to its evidence column in controls.csv",
                        subject: row.control.id.rawValue))
            }
            for id in row.control.evidence { rowsByEvidence[id, default: []].append(row) }
            let sampled = row.isTested && !row.isTestOfOne
            if sampled && !row.control.evidence.contains(where: { evidenceIndex[$0]?.kind == .population })
                && [.eventDriven, .recurring, .daily, .weekly].contains(row.control.frequency)
            {
                diagnostics.append(
                    Diagnostic(
                        .warning, "no-population",
                        "\(row.control.id) is sampled but none of its evidence is a population",
                        hint:
                            "add the system list the sample is drawn from (kind population) to evidence.csv and to the control",
                        subject: row.control.id.rawValue))
            }
        }
        var drafts: [EvidenceRequest] = []
        for (id, rows) in rowsByEvidence.sorted(by: { $0.key < $1.key }) {
            guard let item = evidenceIndex[id] else { continue }
            if item.owner.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning, "no-owner",
                        "evidence \(id) (\(item.title)) has no owner: nobody will be asked for it",
                        hint: "set its owner in evidence.csv", subject: id.rawValue))
            }
            drafts += Self.requests(for: item, rows: rows, engagement: engagement, schedule: schedule)
        }
        drafts.sort { a, b in
            if a.stage != b.stage { return a.stage < b.stage }
            if a.due != b.due { return a.due < b.due }
            if a.evidence.id != b.evidence.id { return a.evidence.id < b.evidence.id }
            return a.period < b.period
        }
        for index in drafts.indices {
            let number = String(index + 1)
            drafts[index].id = "R-" + String(repeating: "0", count: max(0, 3 - number.count)) + number
        }
        self.requests = drafts
        self.diagnostics = diagnostics
    }

    /// The lists each issued report would send if it were audited alone, SOC 1 first.
    public static func separate(
        workspace: Workspace, engagement: Engagement, criteria: [Criterion], table: SampleTable, model: EffortModel,
        schedule: RequestSchedule
    ) -> [RequestList] {
        engagement.reports.map { report in
            let plan = Planner.plan(
                workspace: workspace, engagement: engagement.alone(report), criteria: criteria, table: table,
                model: model)
            return RequestList(plan: plan, workspace: workspace, schedule: schedule)
        }
    }

    private static func requests(
        for item: EvidenceItem, rows: [PlanRow], engagement: Engagement, schedule: RequestSchedule
    ) -> [EvidenceRequest] {
        func draft(
            _ stage: RequestStage, _ rows: [PlanRow], what: String, period: String, part: String = "", items: Int,
            due: Day, notes: [String] = []
        ) -> EvidenceRequest {
            EvidenceRequest(
                id: "", stage: stage, evidence: item, whatToProvide: what, period: period, part: part, items: items,
                due: due,
                controls: rows.map(\.control.id).sorted(),
                objectives: Array(Set(rows.flatMap(\.objectives))).sorted(),
                criteria: Array(Set(rows.flatMap(\.criteria))).sorted(),
                reports: Array(Set(rows.flatMap(\.reports))).sorted(), notes: notes)
        }
        let fieldwork = schedule.fieldwork
        // Which reports test this evidence over a period, and which only as of a date.
        let periodic = rows.filter { $0.isTested }
        let designOnly = rows.filter { !$0.isTested }
        var out: [EvidenceRequest] = []
        let source = item.source.isEmpty ? "" : " from \(item.source)"
        let title = TestProcedure.lowercasedFirst(item.title)

        if !periodic.isEmpty {
            let periods = periodic.flatMap { row in row.reports.compactMap { engagement.scope($0).period } }
            var window: Period?
            if let start = periods.map(\.start).min(), let end = periods.map(\.end).max() {
                window = Period(start: start, end: end)
            }
            let sampled = periodic.filter { !$0.isTestOfOne }
            switch item.kind {
            case .population where !sampled.isEmpty:
                if let window {
                    // A population can only be complete once its window has closed.
                    let earliest = window.end.addingBusinessDays(1)
                    let populationDue = max(fieldwork.addingBusinessDays(-schedule.populationLeadDays), earliest)
                    let cutoff =
                        schedule.interimCutoff
                        ?? window.start.adding(months: Int((window.months * 0.75).rounded())).adding(days: -1)
                    if window.months >= 9, cutoff >= window.start, cutoff < window.end {
                        let interim = Period(start: window.start, end: cutoff)
                        let rollForward = Period(start: cutoff.adding(days: 1), end: window.end)
                        out.append(
                            draft(
                                .population, periodic,
                                what:
                                    "Export the complete list of \(title)\(source) for \(interim), with the query or report parameters used, so the auditor can check it is complete and accurate.",
                                period: interim.description, part: "interim", items: 1,
                                due: min(cutoff.addingBusinessDays(schedule.populationLeadDays), populationDue)))
                        out.append(
                            draft(
                                .population, periodic,
                                what:
                                    "Export the complete list of \(title)\(source) for \(rollForward) (roll-forward), with the same query or report parameters as the interim list.",
                                period: rollForward.description, part: "roll-forward", items: 1, due: populationDue))
                    } else {
                        out.append(
                            draft(
                                .population, periodic,
                                what:
                                    "Export the complete list of \(title)\(source) for \(window), with the query or report parameters used, so the auditor can check it is complete and accurate.",
                                period: window.description, items: 1, due: populationDue))
                    }
                }
                let largest = sampled.map(\.combined).max() ?? 0
                out.append(
                    draft(
                        .sample, sampled,
                        what:
                            "For each of the \(largest) items the auditor selects from the \(title) population, provide the item-level evidence (ticket, approval, timestamps).",
                        period: window?.description ?? "", items: largest,
                        due: fieldwork.addingBusinessDays(schedule.sampleLagDays)))
            case .configuration, .population:
                out.append(
                    draft(
                        .configuration, periodic,
                        what:
                            "Show \(title)\(source) as configured on the test date (screenshot or export with the system date visible), and the one instance tested.",
                        period: "as of \(fieldwork)", items: 1, due: fieldwork))
            case .document:
                let occurrences = periodic.map { occurrencesText($0.control.frequency, window) }.first {
                    !$0.labels.isEmpty
                }
                let needed = periodic.map(\.combined).max() ?? 1
                var what = "Provide \(title)\(source)"
                var items = 1
                if let occurrences, let window {
                    what +=
                        " for each \(occurrences.unit) in \(window): \(occurrences.labels.joined(separator: ", ")) (the sample needs \(needed))."
                    items = occurrences.labels.count
                } else if let window {
                    what += " covering \(window)."
                } else {
                    what += "."
                }
                out.append(
                    draft(
                        .document, periodic, what: what, period: window?.description ?? "", items: items, due: fieldwork
                    ))
            }
        }
        // One design request per as-of date: a SOC 1 and a SOC 2 Type 1 on different dates ask twice.
        var byDate: [Day: Set<ReportKind>] = [:]
        for row in designOnly {
            for report in row.reports {
                if let day = engagement.scope(report).endDay { byDate[day, default: []].insert(report) }
            }
        }
        for (asOf, reports) in byDate.sorted(by: { $0.key < $1.key }) {
            let rows = designOnly.filter { !Set($0.reports).isDisjoint(with: reports) }
            var request = draft(
                .design, rows,
                what: "Provide \(title)\(source) as of \(asOf), for the walkthrough of one instance (design).",
                period: "as of \(asOf)", items: 1, due: fieldwork)
            request.reports = reports.sorted()
            out.append(request)
        }
        return out
    }

    /// The occurrences of a periodic control inside a window, named: "2026 Q1", "2026-03", "2026 H2".
    static func occurrencesText(_ frequency: Frequency, _ window: Period?) -> (unit: String, labels: [String]) {
        guard let window else { return ("", []) }
        let months: Int
        let unit: String
        switch frequency {
        case .monthly: (months, unit) = (1, "month")
        case .quarterly: (months, unit) = (3, "quarter")
        case .semiannual: (months, unit) = (6, "half-year")
        default: return ("", [])
        }
        var labels: [String] = []
        var start =
            Day(year: window.start.year, month: ((window.start.month - 1) / months) * months + 1, day: 1)
            ?? window.start
        while start <= window.end {
            let label: String
            switch months {
            case 1: label = String(start.description.prefix(7))
            case 3: label = "\(start.year) Q\((start.month - 1) / 3 + 1)"
            default: label = "\(start.year) H\((start.month - 1) / 6 + 1)"
            }
            labels.append(label)
            start = start.adding(months: months)
        }
        return (unit, labels)
    }
}
