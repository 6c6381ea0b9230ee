import SOCPlanCore

/// The canonical CSV tables of a workspace: what `export` writes and `import` reads back unchanged.
public enum InventoryExport {
    /// File name → rows (header first), in the order the files are written.
    public static func tables(_ workspace: Workspace) -> [(file: String, rows: [[String]])] {
        [
            ("objectives.csv", objectives(workspace.objectives)),
            ("evidence.csv", evidence(workspace.evidence)),
            ("controls.csv", controls(workspace.controls)),
        ]
    }

    public static func controls(_ controls: [Control]) -> [[String]] {
        [Schemas.controls.header]
            + controls.map { control in
                [
                    control.id.rawValue, control.title, control.description, control.owner,
                    control.frequency.rawValue, control.nature.rawValue, control.type?.rawValue ?? "",
                    control.key ? "yes" : "no", control.risk.rawValue, list(control.objectives.map(\.rawValue)),
                    list(control.criteria.map(\.rawValue)), list(control.evidence.map(\.rawValue)),
                    list(control.testMethods.map(\.rawValue)), control.testProcedure,
                    control.populationSize.map(String.init) ?? "", list(control.systems),
                ]
            }
    }

    public static func objectives(_ objectives: [Objective]) -> [[String]] {
        [Schemas.objectives.header]
            + objectives.map { objective in
                [
                    objective.id.rawValue, objective.title, objective.domain.rawValue, objective.area,
                    list(objective.assertions.map(\.rawValue)),
                ]
            }
    }

    public static func evidence(_ items: [EvidenceItem]) -> [[String]] {
        [Schemas.evidence.header]
            + items.map { item in [item.id.rawValue, item.title, item.kind.rawValue, item.source, item.owner] }
    }

    /// List cells are written "a; b; c": readable, and split the same way on import.
    static func list(_ values: [String]) -> String { values.joined(separator: "; ") }
}
