import SOCPlanCore

/// The canonical CSV tables of a workspace: what `export` writes and `import` reads back unchanged.
public enum InventoryExport {
    /// File name → rows (header first), in the order the files are written.
    public static func tables(_ workspace: Workspace) -> [(file: String, rows: [[String]])] {
        [
            ("objectives.csv", objectives(workspace.objectives)),
            ("evidence.csv", evidence(workspace.evidence)),
            ("controls.csv", controls(workspace.controls)),
            ("engagements.csv", engagements(workspace.engagements)),
            ("subservice.csv", subservice(workspace.subservice)),
            ("csocs.csv", csocs(workspace.csocs)),
            ("cuecs.csv", cuecs(workspace.cuecs)),
            ("customers.csv", customers(workspace.customers)),
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
                    control.populationSize.map(String.init) ?? "", list(control.systems), list(control.monitors),
                    control.performedBy,
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

    public static func engagements(_ engagements: [Engagement]) -> [[String]] {
        func columns(_ scope: ReportScope) -> [String] {
            switch scope {
            case .none: return ["none", "", "", ""]
            case .type1(let day): return ["type1", "", "", day.description]
            case .type2(let period): return ["type2", period.start.description, period.end.description, ""]
            }
        }
        func calendar(_ settings: CalendarSettings) -> [String] {
            [
                settings.interim.text, settings.interimCutoff?.description ?? "", settings.fieldworkText,
                settings.reportDate?.description ?? "",
            ]
        }
        return [Schemas.engagements.header]
            + engagements.map { engagement in
                [engagement.name] + columns(engagement.soc1) + columns(engagement.soc2) + [
                    list(engagement.orderedCategories.map(\.rawValue)),
                    engagement.objectives.map { list($0.map(\.rawValue)) } ?? "",
                ] + calendar(engagement.soc1Calendar) + calendar(engagement.soc2Calendar)
            }
    }

    public static func subservice(_ organizations: [SubserviceOrganization]) -> [[String]] {
        [Schemas.subservice.header]
            + organizations.map { [$0.name, $0.services, $0.method.rawValue, ReportKind.label($0.reports)] }
    }

    public static func csocs(_ csocs: [CSOC]) -> [[String]] {
        [Schemas.csocs.header]
            + csocs.map {
                [$0.id, $0.subservice, $0.text, list($0.objectives.map(\.rawValue)), list($0.criteria.map(\.rawValue))]
            }
    }

    public static func cuecs(_ cuecs: [CUEC]) -> [[String]] {
        [Schemas.cuecs.header]
            + cuecs.map {
                [
                    $0.id, $0.text, $0.actor, $0.action, $0.timing, $0.evidence, list($0.objectives.map(\.rawValue)),
                    list($0.criteria.map(\.rawValue)), ReportKind.label($0.reports), $0.assumedInDesign ? "yes" : "no",
                ]
            }
    }

    public static func customers(_ customers: [Customer]) -> [[String]] {
        [Schemas.customers.header]
            + customers.map { [$0.name, $0.fiscalYearEnd, PlanRender.number($0.weight)] }
    }

    /// List cells are written "a; b; c": readable, and split the same way on import.
    static func list(_ values: [String]) -> String { values.joined(separator: "; ") }
}
