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
    /// "interim" or "roll-forward" for a split population, "change history" for a setting's log, else empty.
    public var part: String
    /// The fieldwork the request serves.
    public var phase: FieldworkPhase
    /// Items asked for: the sample size, the occurrences listed, or 1.
    public var items: Int
    public var due: Day
    public var controls: [ControlID]
    public var objectives: [ObjectiveID]
    public var criteria: [CriterionID]
    public var reports: [ReportKind]
    public var notes: [String]
}

/// How far before and after fieldwork starts requests fall due, in business days.
public struct RequestOffsets: Sendable, Hashable {
    /// Population requests are due this many business days before the fieldwork that tests them.
    public var populationLeadDays: Int
    /// Sample requests are due this many business days after that fieldwork starts.
    public var sampleLagDays: Int
    /// Nothing that covers a period is due sooner than this many business days after it closes:
    /// the client needs the days to run the export.
    public var closeLagDays: Int

    public init(populationLeadDays: Int = 10, sampleLagDays: Int = 5, closeLagDays: Int = 3) {
        self.populationLeadDays = populationLeadDays
        self.sampleLagDays = sampleLagDays
        self.closeLagDays = closeLagDays
    }
}

/// The de-duplicated request list of a plan, and the warnings about evidence. Pure.
public struct RequestList: Sendable, Hashable {
    public var requests: [EvidenceRequest]
    public var diagnostics: [Diagnostic]

    /// Client hours to answer the list: population requests, sample items, documents (and
    /// configuration and design requests), at the effort model's client rates.
    public func clientHours(_ model: EffortModel) -> Double {
        Self.clientHours(requests.lazy.map { ($0.stage, $0.items) }, model: model)
    }

    /// The client hours of requests given by stage and items, added in their order.
    static func clientHours(
        _ requests: some Sequence<(stage: RequestStage, items: Int)>, model: EffortModel
    ) -> Double {
        let (population, item, document) = (
            model[.clientPopulationRequestHours], model[.clientSampleItemHours], model[.clientDocumentHours]
        )
        return requests.reduce(0) { sum, request in
            switch request.stage {
            case .population: return sum + population
            case .sample: return sum + Double(request.items) * item
            case .document, .configuration, .design: return sum + document
            }
        }
    }

    /// Builds the list from the plan's rows and calendar: per evidence item and fieldwork phase, one
    /// population request for the days that phase tests (interim, roll-forward) and one sample
    /// request sized by the largest sample of the controls using it; per document, the occurrences in
    /// those days; per setting, the configuration as of a date inside the period and its change
    /// history; per Type 1 as-of date, a design request. Every due date is a business day and never
    /// before the days it covers have closed. Listed in stage, due date and evidence order; each id
    /// names its evidence item (`EV-CHANGES/P1`, see ``requestID(evidence:stage:number:)``), so
    /// adding or removing an unrelated control never renumbers a request a client is tracking.
    ///
    /// With `worded` false, the list is only counted (the comparison with separate audits): the same
    /// requests, stages, items, phases, dates and ids, but no wording (`whatToProvide` empty) and no
    /// objectives or criteria.
    public init(
        plan: AuditPlan, workspace: Workspace, calendar: EngagementCalendar, offsets: RequestOffsets = .init(),
        worded: Bool = true
    ) {
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
                && row.control.drawsFromPopulation
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
        // Each draft's evidence item's place in id order: drafts are made in that order.
        var evidenceRank: [Int] = []
        let builder = Builder(
            calendar: calendar, offsets: offsets, worded: worded,
            objectives: Builder.Ranked(worded ? plan.rows : [], \.objectives),
            criteria: Builder.Ranked(worded ? plan.rows : [], \.criteria))
        for (rank, (id, rows)) in rowsByEvidence.sorted(by: { $0.key < $1.key }).enumerated() {
            guard let item = evidenceIndex[id] else { continue }
            if item.owner.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning, "no-owner",
                        "evidence \(id) (\(item.title)) has no owner: nobody will be asked for it",
                        hint: "set its owner in evidence.csv", subject: id.rawValue))
            }
            let first = drafts.count
            drafts += builder.requests(for: item, rows: rows)
            Self.number(&drafts, from: first)
            evidenceRank += Array(repeating: rank, count: drafts.count - evidenceRank.count)
        }
        // Sorted by stage, due date, evidence id, days and request id; the indices are sorted, so
        // that the requests are moved once.
        let order = drafts.indices.sorted { i, j in
            if drafts[i].stage != drafts[j].stage { return drafts[i].stage < drafts[j].stage }
            if drafts[i].due != drafts[j].due { return drafts[i].due < drafts[j].due }
            if evidenceRank[i] != evidenceRank[j] { return evidenceRank[i] < evidenceRank[j] }
            if drafts[i].period != drafts[j].period { return drafts[i].period < drafts[j].period }
            return drafts[i].id < drafts[j].id
        }
        self.requests = order.map { drafts[$0] }
        self.diagnostics = diagnostics
    }

    /// The letter of a stage in a request id: P population, S sample, D document, C configuration,
    /// W walkthrough (Type 1 design).
    public static func idLetter(_ stage: RequestStage) -> String {
        switch stage {
        case .population: return "P"
        case .sample: return "S"
        case .document: return "D"
        case .configuration: return "C"
        case .design: return "W"
        }
    }

    /// "EV-CHANGES/S2": the second sample request for the evidence item EV-CHANGES.
    public static func requestID(evidence: EvidenceID, stage: RequestStage, number: Int) -> String {
        "\(evidence.rawValue)/\(idLetter(stage))\(number)"
    }

    /// Ids for the requests of one evidence item (`out`'s from `first` on), set in place: per
    /// stage, numbered from 1 in due date, days and part order. They depend only on that item, the
    /// controls that use it and the calendar.
    static func number(_ out: inout [EvidenceRequest], from first: Int) {
        // (Fields read in place: a copy of a request per comparison would retain its every string.)
        let order = out.withUnsafeBufferPointer { requests in
            requests.indices[first...].sorted { a, b in
                if requests[a].stage != requests[b].stage { return requests[a].stage < requests[b].stage }
                if requests[a].due != requests[b].due { return requests[a].due < requests[b].due }
                if requests[a].period != requests[b].period { return requests[a].period < requests[b].period }
                if requests[a].part != requests[b].part { return requests[a].part < requests[b].part }
                return requests[a].controls.lexicographicallyPrecedes(requests[b].controls)
            }
        }
        var counts: [RequestStage: Int] = [:]
        for index in order {
            let number = (counts[out[index].stage] ?? 0) + 1
            counts[out[index].stage] = number
            out[index].id = requestID(evidence: out[index].evidence.id, stage: out[index].stage, number: number)
        }
    }

    /// Drafts the requests of one evidence item.
    private struct Builder {
        typealias Group = (
            phase: FieldworkPhase, window: Period, items: Int, serves: [ReportKind], rows: [PlanRow],
            samples: [(rows: [PlanRow], items: Int)]
        )

        var calendar: EngagementCalendar
        var offsets: RequestOffsets
        /// Whether requests get their wording, objectives and criteria (else they are only counted).
        var worded: Bool
        /// The plan's objectives and criteria, each once, in id order.
        var objectives: Ranked<ObjectiveID>
        var criteria: Ranked<CriterionID>

        /// A business day on or after `day`, and at least `closeLagDays` (at least one) business days
        /// after `closes`, the last day the request covers.
        func due(_ day: Day, after closes: Day) -> Day {
            max(calendar.businessDay(day), calendar.adding(businessDays: max(1, offsets.closeLagDays), to: closes))
        }

        func draft(
            _ stage: RequestStage, _ item: EvidenceItem, _ rows: [PlanRow], phase: FieldworkPhase,
            what: @autoclosure () -> String, period: String, part: String = "", items: Int, due: Day,
            reports: [ReportKind]
        ) -> EvidenceRequest {
            EvidenceRequest(
                id: "", stage: stage, evidence: item, whatToProvide: worded ? what() : "", period: period, part: part,
                phase: phase, items: items, due: due, controls: rows.map(\.control.id).sorted(),
                objectives: worded ? objectives.each(rows) : [],
                criteria: worded ? criteria.each(rows) : [], reports: reports, notes: [])
        }

        /// The ids of some of the plan's rows (their objectives or criteria), each once in id order,
        /// as `Array(Set(ids)).sorted()` gives them: the plan's ids are sorted once, each row's are
        /// kept as places in that order, and a request's rows' places are merged (thousands of
        /// requests list dozens of ids each).
        struct Ranked<ID: Hashable & Comparable> {
            let sorted: [ID]
            /// Each plan row's ids, as places in `sorted`, by control.
            let places: [ControlID: [Int]]

            init(_ rows: [PlanRow], _ ids: (PlanRow) -> [ID]) {
                sorted = Array(Set(rows.flatMap(ids))).sorted()
                let place = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
                places = Dictionary(
                    rows.map { row in (row.control.id, ids(row).compactMap { place[$0] }) },
                    uniquingKeysWith: { a, _ in a })
            }

            /// The ids of `rows`, which are among the plan's.
            func each(_ rows: [PlanRow]) -> [ID] {
                var found: [Int] = []
                for row in rows { found += places[row.control.id] ?? [] }
                found.sort()
                var out: [ID] = []
                for (index, place) in found.enumerated() where index == 0 || found[index - 1] != place {
                    out.append(sorted[place])
                }
                return out
            }
        }

        /// The rows' phase samples grouped by the fieldwork that tests them (the two reports' phases on
        /// the same dates are one fieldwork): the days covered, the reports served, the rows, and the
        /// samples (tests of one aside): rows that name the same population key share one sample (the
        /// largest of theirs), every other row has its own; a row's items in one fieldwork add up over
        /// its phase samples.
        /// Earliest fieldwork first.
        func byPhase(_ rows: [PlanRow]) -> [Group] {
            // A handful of fieldworks and samples per evidence item: found by a linear search.
            struct Entry {
                var phase: Phase
                var fieldwork: Period
                var first: FieldworkPhase
                var window: Period
                /// Each report once (two at most: a list, not a set).
                var serves: [ReportKind]
                var rows: [PlanRow]
                var samples: [(key: SampleKey, rows: [PlanRow], items: Int)]
            }
            /// A row's own sample, or a population key's shared one; ordered as their texts
            /// ("control AC-1", "population new-hires") were.
            enum SampleKey: Comparable {
                case control(String)
                case population(String)
            }
            var entries: [Entry] = []
            // The rows are distinct controls: a row joins an entry once (its phase samples in one
            // fieldwork add up), and its own sample key is nobody else's.
            for row in rows {
                var items: [(entry: Int, items: Int)] = []
                for sample in row.phases {
                    let index: Int
                    if let found = entries.firstIndex(where: {
                        $0.phase == sample.phase.phase && $0.fieldwork == sample.phase.fieldwork
                    }) {
                        index = found
                    } else {
                        entries.append(
                            Entry(
                                phase: sample.phase.phase, fieldwork: sample.phase.fieldwork, first: sample.phase,
                                window: sample.window, serves: [], rows: [], samples: []))
                        index = entries.count - 1
                    }
                    entries[index].first = min(entries[index].first, sample.phase)
                    entries[index].window = Period(
                        start: min(entries[index].window.start, sample.window.start),
                        end: max(entries[index].window.end, sample.window.end))
                    for kind in sample.serves where !entries[index].serves.contains(kind) {
                        entries[index].serves.append(kind)
                    }
                    if let known = items.firstIndex(where: { $0.entry == index }) {
                        items[known].items += sample.items
                    } else {
                        entries[index].rows.append(row)
                        items.append((index, sample.items))
                    }
                }
                guard !row.isTestOfOne else { continue }
                let key = row.control.populationKey
                let population = key.isEmpty ? "" : key.trimmingCharacters(in: .whitespaces).lowercased()
                for (index, count) in items {
                    if !population.isEmpty,
                        let known = entries[index].samples.firstIndex(where: { $0.key == .population(population) })
                    {
                        entries[index].samples[known].rows.append(row)
                        entries[index].samples[known].items = max(entries[index].samples[known].items, count)
                    } else {
                        entries[index].samples.append(
                            (
                                population.isEmpty ? .control(row.control.id.rawValue) : .population(population), [row],
                                count
                            ))
                    }
                }
            }
            return entries.sorted { $0.first < $1.first }.map {
                (
                    phase: $0.first, window: $0.window, items: $0.samples.map(\.items).max() ?? 0,
                    serves: $0.serves.sorted(), rows: $0.rows,
                    samples: $0.samples.sorted { $0.key < $1.key }.map { (rows: $0.rows, items: $0.items) }
                )
            }
        }

        func requests(for item: EvidenceItem, rows: [PlanRow]) -> [EvidenceRequest] {
            let source = item.source.isEmpty ? "" : " from \(item.source)"
            let title = TestProcedure.lowercasedFirst(item.title)
            let tested = rows.filter { $0.isTested }
            var out: [EvidenceRequest] = []
            switch item.kind {
            case .population where tested.contains(where: { !$0.isTestOfOne }):
                // A test of one that uses the population is served by the same population request.
                let drawing = tested.filter { $0.populations.contains(item.id) }
                for group in byPhase(drawing) {
                    let phase = group.phase
                    let split = calendar.calendar(phase.report)?.interim != nil
                    let part = phase.phase == .interim ? "interim" : split ? "roll-forward" : ""
                    let lead = calendar.adding(businessDays: -offsets.populationLeadDays, to: phase.fieldwork.start)
                    let what =
                        part == "roll-forward"
                        ? "Export the complete list of \(title)\(source) for \(group.window) (roll-forward), with the same query or report parameters as the interim list."
                        : "Export the complete list of \(title)\(source) for \(group.window), with the query or report parameters used, so the auditor can check it is complete and accurate."
                    out.append(
                        draft(
                            .population, item, group.rows, phase: phase, what: what, period: group.window.description,
                            part: part, items: 1, due: due(lead, after: group.window.end), reports: group.serves))
                    let lag = calendar.adding(businessDays: offsets.sampleLagDays, to: phase.fieldwork.start)
                    for sample in group.samples {
                        let items = sample.items
                        out.append(
                            draft(
                                .sample, item, sample.rows, phase: phase,
                                what:
                                    "For each of the \(items) items the auditor selects from the \(title) population for \(group.window), provide the item-level evidence (ticket, approval, timestamps).",
                                period: group.window.description, part: part, items: items,
                                due: due(lag, after: group.window.end), reports: group.serves))
                    }
                }
                // A periodic control uses the listing as of each review: information produced by the
                // entity for the occurrences selected, not a period population.
                for group in byPhase(tested.filter { !$0.populations.contains(item.id) }) {
                    out.append(
                        draft(
                            .document, item, group.rows, phase: group.phase,
                            what:
                                "Provide \(title)\(source) as used in each of the \(group.items) selected occurrences in \(group.window), as of the date it was used, with the report's parameters (information produced by the entity).",
                            period: group.window.description, items: group.items,
                            due: due(group.phase.fieldwork.start, after: group.window.end), reports: group.serves))
                }
            case .document:
                for group in byPhase(tested) {
                    let occurrences = group.rows.lazy.map {
                        RequestList.occurrencesText($0.control.frequency, group.window)
                    }
                    .first { !$0.labels.isEmpty }
                    var what = "Provide \(title)\(source)"
                    var items = 1
                    if let occurrences {
                        what +=
                            " for each \(occurrences.unit) in \(group.window): \(occurrences.labels.joined(separator: ", ")) (the sample needs \(group.items))."
                        items = occurrences.labels.count
                    } else {
                        what += " covering \(group.window)."
                    }
                    out.append(
                        draft(
                            .document, item, group.rows, phase: group.phase, what: what,
                            period: group.window.description, items: items,
                            due: due(group.phase.fieldwork.start, after: group.window.end), reports: group.serves))
                }
            case .configuration, .population:
                out += configuration(item, rows: tested, title: title, source: source)
            }
            out += design(item, rows: rows.filter { !$0.isTested }, title: title, source: source)
            return merged(out)
        }

        /// One request per stage, days and part: settings observed on the same date by two fieldworks
        /// are asked for once, for every control and report they serve.
        func merged(_ drafts: [EvidenceRequest]) -> [EvidenceRequest] {
            var out: [EvidenceRequest] = []
            for draft in drafts {
                if let index = out.firstIndex(where: {
                    $0.stage == draft.stage && $0.period == draft.period && $0.part == draft.part
                        && ($0.stage != .sample || $0.controls == draft.controls)
                }) {
                    out[index].controls = Array(Set(out[index].controls + draft.controls)).sorted()
                    out[index].objectives = Array(Set(out[index].objectives + draft.objectives)).sorted()
                    out[index].criteria = Array(Set(out[index].criteria + draft.criteria)).sorted()
                    out[index].reports = Array(Set(out[index].reports + draft.reports)).sorted()
                    out[index].items = max(out[index].items, draft.items)
                    out[index].due = min(out[index].due, draft.due)
                    out[index].phase = min(out[index].phase, draft.phase)
                } else {
                    out.append(draft)
                }
            }
            return out
        }

        /// A setting is observed on a date inside every period it serves (the fieldwork date while
        /// the period is open, else the periods' last shared day), and its change history over the
        /// periods is asked for at the last final fieldwork, once they have closed.
        func configuration(_ item: EvidenceItem, rows: [PlanRow], title: String, source: String) -> [EvidenceRequest] {
            var out: [EvidenceRequest] = []
            var periods: [Period] = []
            var finals: [FieldworkPhase] = []
            let groups = byPhase(rows)
            for group in groups {
                let served = group.serves.compactMap { calendar.calendar($0)?.scope.period }
                guard let first = served.first else { continue }
                periods += served
                finals += group.serves.compactMap { calendar.calendar($0)?.final }
                let shared = served.dropFirst().reduce(Optional(first)) { $0?.intersection($1) } ?? first
                let asOf = min(max(group.phase.fieldwork.start, shared.start), shared.end)
                out.append(
                    draft(
                        .configuration, item, group.rows, phase: group.phase,
                        what:
                            "Show \(title)\(source) as configured on \(asOf) (screenshot or export with the system date visible), and the one instance tested.",
                        period: "as of \(asOf)", items: 1, due: due(group.phase.fieldwork.start, after: asOf),
                        reports: group.serves))
            }
            if let start = periods.map(\.start).min(), let end = periods.map(\.end).max(), let last = finals.max() {
                let whole = Period(start: start, end: end)
                out.append(
                    draft(
                        .configuration, item, rows, phase: last,
                        what:
                            "Provide the change history of \(title)\(source) for \(whole) (audit log or change tickets), showing the setting did not change, or changed only through approved changes.",
                        period: whole.description, part: "change history", items: 1,
                        due: due(last.fieldwork.start, after: end),
                        reports: Array(Set(groups.flatMap(\.serves))).sorted()))
            }
            return out
        }

        /// One design request per Type 1 as-of date, due when that report's fieldwork can see it.
        func design(_ item: EvidenceItem, rows: [PlanRow], title: String, source: String) -> [EvidenceRequest] {
            var byDate: [Day: (reports: Set<ReportKind>, phase: FieldworkPhase)] = [:]
            for row in rows {
                for kind in row.reports {
                    guard let report = calendar.calendar(kind), report.scope.period == nil else { continue }
                    let asOf = report.final.covers.end
                    var entry = byDate[asOf] ?? ([], report.final)
                    entry.reports.insert(kind)
                    entry.phase = min(entry.phase, report.final)
                    byDate[asOf] = entry
                }
            }
            return byDate.sorted { $0.key < $1.key }.map { asOf, entry in
                draft(
                    .design, item, rows.filter { !Set($0.reports).isDisjoint(with: entry.reports) },
                    phase: entry.phase,
                    what: "Provide \(title)\(source) as of \(asOf), for the walkthrough of one instance (design).",
                    period: "as of \(asOf)", items: 1,
                    due: max(calendar.businessDay(entry.phase.fieldwork.start), calendar.businessDay(asOf)),
                    reports: entry.reports.sorted())
            }
        }
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
