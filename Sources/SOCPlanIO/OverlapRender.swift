import SOCPlanCore

/// Renders the overlap of an engagement as text, Markdown, CSV or JSON.
public enum OverlapRender {
    public static func render(_ overlap: Overlap, workspace: Workspace, format: OutputFormat, detail: Bool) throws
        -> String
    {
        switch format {
        case .json: return try Render.json(OverlapJSON(overlap, workspace: workspace, detail: detail))
        case .csv: return Render.csv(detail ? controlRows(overlap, workspace: workspace) : coverageRows(overlap))
        case .table, .md: return document(overlap, workspace: workspace, markdown: format == .md, detail: detail)
        }
    }

    /// One row per in-scope criterion and objective, with its coverage.
    public static func coverageRows(_ overlap: Overlap) -> [[String]] {
        [["report", "id", "title", "group", "controls", "key_controls", "shared_controls", "status"]]
            + overlap.criteria.map { row("SOC 2", $0) } + overlap.objectives.map { row("SOC 1", $0) }
    }

    private static func row(_ report: String, _ coverage: Coverage) -> [String] {
        [
            report, coverage.id, coverage.title, coverage.group, String(coverage.controls.count),
            String(coverage.keyControls), String(coverage.shared), coverage.status.rawValue,
        ]
    }

    /// One row per control with its class and in-scope mappings.
    public static func controlRows(_ overlap: Overlap, workspace: Workspace) -> [[String]] {
        [["control_id", "title", "class", "key", "soc1_objectives", "soc2_criteria"]]
            + workspace.controls.map { control in
                [
                    control.id.rawValue, control.title, overlap.classes[control.id]?.rawValue ?? "",
                    control.key ? "yes" : "no", control.objectives.map(\.rawValue).joined(separator: "; "),
                    control.criteria.map(\.rawValue).joined(separator: "; "),
                ]
            }
    }

    static func share(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }

    /// The human-readable report: partition, coverage, gaps, breakdowns (and controls with `detail`).
    static func document(_ overlap: Overlap, workspace: Workspace, markdown: Bool, detail: Bool) -> String {
        let engagement = overlap.engagement
        var out = ""
        func heading(_ text: String) { out += markdown ? "\n## \(text)\n\n" : "\n\(text)\n" }
        func table(_ rows: [[String]]) { out += markdown ? Render.markdown(rows) : Render.table(rows, maxWidth: 70) }
        func line(_ text: String) { out += text + "\n" }

        line(markdown ? "# Overlap: \(engagement.name)" : "Overlap: \(engagement.name)")
        if markdown { line("") }
        line("SOC 1: \(engagement.soc1.summary)" + (markdown ? "  " : ""))
        line(
            "SOC 2: \(engagement.soc2.summary)"
                + (engagement.soc2.isIssued
                    ? " (\(engagement.orderedCategories.map(\.rawValue).joined(separator: ", ")))" : ""))

        heading("Controls")
        let total = overlap.controlCount
        var rows = [["class", "controls", "share", "key controls"]]
        for cls in ControlClass.allCases {
            rows.append([
                cls.title, String(overlap.count(cls)), share(overlap.count(cls), total),
                String(overlap.keyMembers[cls] ?? 0),
            ])
        }
        rows.append(["total", String(total), total == 0 ? "-" : "100%", String(overlap.keyMembers.values.reduce(0, +))])
        table(rows)

        heading("Gaps")
        func describe(_ items: [Coverage], _ what: String) {
            if items.isEmpty { return line("- no \(what) without a control") }
            for item in items {
                line(
                    "- \(item.id) has no control: \(item.title)"
                        + (item.partlyCarvedGap ? " (\(WorkspaceChecker.carveOutSentence(item)))" : ""))
            }
        }
        if engagement.soc2.isIssued { describe(overlap.uncoveredCriteria, "in-scope criterion") }
        if engagement.soc1.isIssued { describe(overlap.uncoveredObjectives, "in-scope objective") }
        if !overlap.carvedOut.isEmpty {
            heading("Carved out (addressed only by a subservice organization's CSOCs)")
            for item in overlap.carvedOut { line("- \(item.id): \(item.carvedOutBy.joined(separator: ", "))") }
        }
        let thin = (overlap.criteria + overlap.objectives).filter { $0.status == .thin }
        let heavy = (overlap.criteria + overlap.objectives).filter { $0.status == .heavy }
        if !thin.isEmpty {
            heading("Thinly covered (one control, or no key control)")
            for item in thin {
                line(
                    "- \(item.id): \(item.controls.map(\.rawValue).joined(separator: ", "))\(item.keyControls == 0 ? " (no key control)" : "")"
                )
            }
        }
        if !heavy.isEmpty {
            heading("Heavily covered (more than \(overlap.heavyThreshold) controls: possible over-testing)")
            for item in heavy { line("- \(item.id): \(item.controls.count) controls") }
        }
        if engagement.soc2.isIssued {
            heading("By TSC group")
            table(
                [["group", "criteria", "covered", "controls", "shared", "SOC 2 only"]]
                    + overlap.groups.map {
                        [
                            $0.group, String($0.items), String($0.covered), String($0.controls), String($0.shared),
                            String($0.single),
                        ]
                    })
        }
        if engagement.soc1.isIssued {
            heading("By ITGC area / business objective")
            table(
                [["area or objective", "objectives", "covered", "controls", "shared", "SOC 1 only"]]
                    + overlap.areas.map {
                        [
                            $0.group, String($0.items), String($0.covered), String($0.controls), String($0.shared),
                            String($0.single),
                        ]
                    })
        }
        if detail {
            heading("Controls in detail")
            table(controlRows(overlap, workspace: workspace))
        }
        return out
    }
}

/// The stable JSON shape of `socplan overlap --format json` (documented in the README).
struct OverlapJSON: Encodable {
    struct Count: Encodable {
        var controls: Int
        var keyControls: Int
        var share: Double
        enum CodingKeys: String, CodingKey {
            case controls
            case keyControls = "key_controls"
            case share
        }
    }
    struct CoverageJSON: Encodable {
        var title: String
        var group: String
        var controls: [String]
        var keyControls: Int
        var sharedControls: Int
        var status: String
        /// Carved-out organizations whose CSOCs address it, the layers they take over and the
        /// layers left to the organization's own controls.
        var carvedOutBy: [String]
        var carvedComponents: [String]
        var remaining: [String]
        enum CodingKeys: String, CodingKey {
            case title, group, controls
            case keyControls = "key_controls"
            case sharedControls = "shared_controls"
            case status
            case carvedOutBy = "carved_out_by"
            case carvedComponents = "carved_components"
            case remaining = "remaining_components"
        }
    }
    struct EngagementJSON: Encodable {
        var name: String
        var soc1: String
        var soc2: String
        var categories: [String]
    }
    struct ControlJSON: Encodable {
        var id: String
        var `class`: String
        var key: Bool
        var soc1Objectives: [String]
        var soc2Criteria: [String]
        enum CodingKeys: String, CodingKey {
            case id, `class`, key
            case soc1Objectives = "soc1_objectives"
            case soc2Criteria = "soc2_criteria"
        }
    }

    var engagement: EngagementJSON
    var shared: [String]
    var soc1Only: [String]
    var soc2Only: [String]
    var outOfScope: [String]
    var unmapped: [String]
    var counts: [String: Count]
    var uncoveredCriteria: [String]
    var uncoveredObjectives: [String]
    var carvedOut: [String: [String]]
    var thin: [String]
    var heavy: [String]
    var criteria: [String: CoverageJSON]
    var objectives: [String: CoverageJSON]
    var groups: [GroupBreakdown]
    var areas: [GroupBreakdown]
    var controls: [ControlJSON]?

    enum CodingKeys: String, CodingKey {
        case engagement, shared
        case soc1Only = "soc1_only"
        case soc2Only = "soc2_only"
        case outOfScope = "out_of_scope"
        case unmapped,
            counts
        case uncoveredCriteria = "uncovered_criteria"
        case uncoveredObjectives = "uncovered_objectives"
        case carvedOut = "carved_out"
        case thin, heavy,
            criteria, objectives, groups, areas, controls
    }

    init(_ overlap: Overlap, workspace: Workspace, detail: Bool) {
        let e = overlap.engagement
        engagement = EngagementJSON(
            name: e.name, soc1: e.soc1.summary, soc2: e.soc2.summary,
            categories: e.soc2.isIssued ? e.orderedCategories.map(\.rawValue) : [])
        func ids(_ cls: ControlClass) -> [String] { (overlap.members[cls] ?? []).map(\.rawValue) }
        shared = ids(.shared)
        soc1Only = ids(.soc1Only)
        soc2Only = ids(.soc2Only)
        outOfScope = ids(.outOfScope)
        unmapped = ids(.unmapped)
        let total = overlap.controlCount
        counts = Dictionary(
            uniqueKeysWithValues: ControlClass.allCases.map { cls in
                (
                    cls.rawValue,
                    Count(
                        controls: overlap.count(cls), keyControls: overlap.keyMembers[cls] ?? 0,
                        share: total == 0 ? 0 : (Double(overlap.count(cls)) / Double(total) * 1000).rounded() / 1000)
                )
            })
        uncoveredCriteria = overlap.uncoveredCriteria.map(\.id)
        uncoveredObjectives = overlap.uncoveredObjectives.map(\.id)
        carvedOut = Dictionary(uniqueKeysWithValues: overlap.carvedOut.map { ($0.id, $0.carvedOutBy) })
        thin = (overlap.criteria + overlap.objectives).filter { $0.status == .thin }.map(\.id)
        heavy = (overlap.criteria + overlap.objectives).filter { $0.status == .heavy }.map(\.id)
        func coverage(_ items: [Coverage]) -> [String: CoverageJSON] {
            Dictionary(
                uniqueKeysWithValues: items.map {
                    (
                        $0.id,
                        CoverageJSON(
                            title: $0.title, group: $0.group, controls: $0.controls.map(\.rawValue),
                            keyControls: $0.keyControls,
                            sharedControls: $0.shared, status: $0.status.rawValue, carvedOutBy: $0.carvedOutBy,
                            carvedComponents: $0.carvedComponents.map(\.rawValue),
                            remaining: $0.remaining.map(\.rawValue))
                    )
                })
        }
        criteria = coverage(overlap.criteria)
        objectives = coverage(overlap.objectives)
        groups = overlap.groups
        areas = overlap.areas
        controls =
            detail
            ? workspace.controls.map {
                ControlJSON(
                    id: $0.id.rawValue, class: overlap.classes[$0.id]?.rawValue ?? "", key: $0.key,
                    soc1Objectives: $0.objectives.map(\.rawValue), soc2Criteria: $0.criteria.map(\.rawValue))
            } : nil
    }
}
