import SOCPlanCore

/// The canonical CSV tables of a workspace: what `export` writes and `import` reads back unchanged.
public enum InventoryExport {
    /// File name → rows (header first), in the order the files are written.
    public static func tables(_ workspace: Workspace) -> [(file: String, rows: [[String]])] {
        Tables.all.map { table in ("\(table.kind).csv", rows(table, workspace)) }
            + [("engagements.csv", engagements(workspace.engagements))]
    }

    /// A table's rows as its columns write them, header first.
    public static func rows<T: AnyTableSpec>(_ table: T, _ values: [T.Row]) -> [[String]] {
        let columns = table.spec.columns
        return [columns.map(\.name)] + values.map { row in columns.map { text($0.type, $0.get(row)) } }
    }

    static func rows<T: AnyTableSpec>(_ table: T, _ workspace: Workspace) -> [[String]] {
        rows(table, workspace[keyPath: table.spec.rows])
    }

    /// A cell as export writes it and import reads it back: lists "a; b", flags yes/no, reports "both".
    static func text(_ type: ColumnType, _ cell: Cell) -> String {
        switch (type, cell) {
        case (.flag, .int(let value)): return value == 1 ? "yes" : "no"
        case (.reports, .list(let items)): return ReportKind.label(items.compactMap { ReportKind(rawValue: $0) })
        case (_, .null): return ""
        case (_, .int(let value)): return "\(value)"
        case (_, .double(let value)): return PlanRender.number(value)
        case (_, .text(let text)): return text
        case (_, .list(let items)): return list(items)
        }
    }

    public static func controls(_ controls: [Control]) -> [[String]] { rows(Tables.controls, controls) }
    public static func objectives(_ objectives: [Objective]) -> [[String]] { rows(Tables.objectives, objectives) }
    public static func cuecs(_ cuecs: [CUEC]) -> [[String]] { rows(Tables.cuecs, cuecs) }

    public static func engagements(_ engagements: [Engagement]) -> [[String]] {
        rows(Tables.engagements, engagements.map(EngagementRecord.init))
    }

    /// List cells are written "a; b; c": readable, and split the same way on import.
    static func list(_ values: [String]) -> String { values.joined(separator: "; ") }
}
