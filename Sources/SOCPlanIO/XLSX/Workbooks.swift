import SOCPlanCore

/// The workbooks socplan writes: one sheet per table and a Summary sheet first.
///
/// Ids and every text cell are stored as text; counts, hours and amounts as numbers; dates as
/// dates. What import reads back is exactly what `export` writes as CSV.
public enum Workbooks {
    /// The workspace's inventory: Summary, then one sheet per table in import order.
    public static func inventory(_ workspace: Workspace) -> [XLSXWriter.Sheet] {
        var sheets: [XLSXWriter.Sheet] = []
        for table in Tables.all { sheets.append(sheet(table, workspace)) }
        let engagementKinds = Dictionary(
            Schemas.engagements.header.filter(isDateColumn).map { ($0, XLSXWriter.Kind.date) },
            uniquingKeysWith: { a, _ in a })
        sheets.append(
            XLSXWriter.Sheet(
                name: "Engagements", table: InventoryExport.engagements(workspace.engagements), kinds: engagementKinds))
        let lines =
            ["Workspace of \(workspace.info.organization), exported by socplan."]
            + sheets.map { "\($0.name): \($0.rows.count) \($0.rows.count == 1 ? "row" : "rows")" }
            + [
                "Edit the sheets and bring them back with: socplan import THIS-FILE.xlsx",
                "Ids and text are stored as text: 1.10, 007 and MAR-01 stay as written.",
            ]
        return [summary(lines)] + sheets
    }

    /// A sheet of notes, one line a row, under a bold "Summary" heading.
    public static func summary(_ lines: [String], title: String = "Summary") -> XLSXWriter.Sheet {
        XLSXWriter.Sheet(
            name: title, columns: [XLSXWriter.Column(title)], rows: lines.map { [.text($0)] }, isTable: false)
    }

    /// One inventory table, its columns typed by their descriptions.
    static func sheet<T: AnyTableSpec>(_ table: T, _ workspace: Workspace) -> XLSXWriter.Sheet {
        let kinds = Dictionary(
            table.spec.columns.compactMap { column -> (String, XLSXWriter.Kind)? in
                switch column.type {
                case .count, .number: return (column.name, .number)
                default: return nil
                }
            }, uniquingKeysWith: { a, _ in a })
        return XLSXWriter.Sheet(name: title(table.kind), table: InventoryExport.rows(table, workspace), kinds: kinds)
    }

    static func title(_ kind: String) -> String {
        switch kind {
        case "csocs": return "CSOCs"
        case "cuecs": return "CUECs"
        default: return kind.prefix(1).uppercased() + kind.dropFirst()
        }
    }

    static func isDateColumn(_ name: String) -> Bool {
        ["_period_start", "_period_end", "_as_of", "_interim_cutoff", "_report_date"].contains { name.hasSuffix($0) }
    }

    // MARK: Outputs

    /// `plan --format xlsx`: the summary, then the full plan.
    public static func plan(_ plan: EngagementPlan) -> [XLSXWriter.Sheet] {
        let numbers: [String: XLSXWriter.Kind] = [
            "soc1_sample": .number, "soc2_sample": .number, "combined_sample": .number, "auditor_hours": .number,
            "client_hours": .number,
        ]
        let e = plan.engagement
        return [
            summary(
                ["Audit plan: \(e.name)", "SOC 1: \(e.soc1.summary)", "SOC 2: \(e.soc2.summary)"]
                    + PlanRender.summaryLines(plan)),
            XLSXWriter.Sheet(
                name: "Plan", table: PlanRender.rows(plan.audit, evidence: plan.workspace.evidence), kinds: numbers),
        ]
    }

    /// `requests --format xlsx`: the summary, then the request list.
    public static func requests(
        _ list: RequestList, separate: [RequestList], model: EffortModel, grouping: RequestRender.Grouping?
    ) -> [XLSXWriter.Sheet] {
        let rows =
            [RequestRender.header]
            + RequestRender.ordered(list.requests, grouping).flatMap {
                $0.requests.map(RequestRender.row)
            }
        return [
            summary(RequestRender.summaryLines(joint: list, separate: separate, model: model)),
            XLSXWriter.Sheet(name: "Requests", table: rows, kinds: ["items": .number, "due": .date]),
        ]
    }

    /// `overlap --format xlsx`: the summary, the coverage of every criterion and objective, and
    /// one row per control.
    public static func overlap(_ overlap: Overlap, workspace: Workspace) -> [XLSXWriter.Sheet] {
        let counts: [String: XLSXWriter.Kind] = [
            "controls": .number, "key_controls": .number, "shared_controls": .number,
        ]
        let text = OverlapRender.document(overlap, workspace: workspace, markdown: false, detail: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.hasPrefix("Coverage") }
            .map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return [
            summary(lines),
            XLSXWriter.Sheet(name: "Coverage", table: OverlapRender.coverageRows(overlap), kinds: counts),
            XLSXWriter.Sheet(name: "Controls", table: OverlapRender.controlRows(overlap, workspace: workspace)),
        ]
    }

    /// `estimate --format xlsx`: hours (and costs) per engagement variant.
    public static func estimates(_ estimates: [Estimate], rate: Double?) -> [XLSXWriter.Sheet] {
        var rows = PlanRender.estimateRows(estimates, rate: rate)
        if !rows.isEmpty { rows[0][0] = "measure" }
        let kinds = Dictionary(
            estimates.map { ($0.engagement.name, XLSXWriter.Kind.number) }, uniquingKeysWith: { a, _ in a })
        return [
            summary(["Effort estimate: " + estimates.map(\.engagement.name).joined(separator: ", ")]),
            XLSXWriter.Sheet(name: "Estimate", table: rows, kinds: kinds),
        ]
    }

    /// `estimate --staffing --format xlsx`: hours by phase, and by week and role.
    public static func staffing(_ plan: EngagementPlan, rate: Double?) -> [XLSXWriter.Sheet] {
        let phases = PlanRender.phaseRows(plan.estimate.joint)
        let weeks = PlanRender.staffingRows(plan.staffing, rate: rate)
        var phaseKinds: [String: XLSXWriter.Kind] = ["start": .date, "end": .date]
        for name in phases.first?.dropFirst(3) ?? [] { phaseKinds[name] = .number }
        var weekKinds: [String: XLSXWriter.Kind] = ["week": .date]
        for name in weeks.first?.dropFirst(2) ?? [] { weekKinds[name] = .number }
        return [
            summary(["Staffing: \(plan.engagement.name)"] + PlanRender.calendarLines(plan.calendar)),
            XLSXWriter.Sheet(name: "Phases", table: phases, kinds: phaseKinds),
            XLSXWriter.Sheet(name: "Weeks", table: weeks, kinds: weekKinds),
        ]
    }

    /// `report --section4 … --format xlsx`: the controls, tests and an empty results column.
    public static func section4(_ section: Section4Model) -> [XLSXWriter.Sheet] {
        [
            summary([
                "\(section.organization): \(section.report) section 4 (\(section.scope))",
                "Engagement: \(section.engagement)",
                "Fill the results column as testing concludes.",
            ]),
            XLSXWriter.Sheet(name: "Section 4", table: section.csvRows),
        ]
    }
}
