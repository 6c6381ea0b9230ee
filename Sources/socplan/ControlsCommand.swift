import ArgumentParser
import SOCPlanCore
import SOCPlanIO

struct ControlsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controls",
        abstract: "List and show the controls of the inventory.",
        subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List controls, optionally those mapped to one criterion or objective.",
            discussion: """
                Example:
                  socplan controls list --criterion CC6.1
                  socplan controls list --objective ITGC-01 --format csv > access.csv
                """)

        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var output: FormatOptions

        @Option(help: "Only controls mapped to this Trust Services criterion (any spelling, e.g. \"CC 6.1\").")
        var criterion: String?

        @Option(help: "Only controls mapped to this SOC 1 objective.")
        var objective: String?

        func run() throws {
            let snapshot = try workspace.open().snapshot()
            var controls = snapshot.controls
            if let criterion {
                let catalog = try Catalogs.load()
                guard let id = CriterionID.parse(criterion), catalog.criterionIndex[id] != nil else {
                    throw CLIError(
                        message: "unknown criterion \"\(criterion)\"",
                        hint: Spelling.didYouMean(
                            criterion, in: catalog.criteria.map(\.id.rawValue),
                            otherwise: "`socplan catalog criteria` lists them"))
                }
                controls = controls.filter { $0.criteria.contains(id) }
            }
            if let objective {
                guard
                    let id = snapshot.objectives.first(where: { $0.id.rawValue.uppercased() == objective.uppercased() }
                    )?.id
                else {
                    throw CLIError(
                        message: "unknown objective \"\(objective)\"",
                        hint: Spelling.didYouMean(
                            objective, in: snapshot.objectives.map(\.id.rawValue),
                            otherwise: "`socplan catalog objectives` lists the libraries"))
                }
                controls = controls.filter { $0.objectives.contains(id) }
            }
            let format = output.resolved
            if format == .json {
                Console.write(try Render.json(controls))
                return
            }
            let rows =
                [["control_id", "title", "frequency", "nature", "key", "risk", "soc1_objectives", "soc2_criteria"]]
                + controls.map { control in
                    [
                        control.id.rawValue, control.title, control.knownFrequency?.rawValue ?? "",
                        control.knownNature?.rawValue ?? "",
                        control.key ? "yes" : "no", control.risk.rawValue,
                        control.objectives.map(\.rawValue).joined(separator: "; "),
                        control.criteria.map(\.rawValue).joined(separator: "; "),
                    ]
                }
            Console.write(try Render.rows(rows, as: format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one control with its mappings and evidence.",
            discussion: """
                Example:
                  socplan controls show AC-01
                  socplan controls show AC-01 --format json
                """)

        @OptionGroup var workspace: WorkspaceOptions

        @Argument(help: "The control id (case is ignored).")
        var id: String

        @Option(help: "Output format (table: the text view; csv and md: one field a row).")
        var format: OutputFormat = .table

        /// The old spelling of `--format json`, kept so that scripts keep working.
        @Flag(help: .hidden)
        var json = false

        func run() throws {
            let snapshot = try workspace.open().snapshot()
            guard let control = snapshot.controls.first(where: { $0.id.rawValue.uppercased() == id.uppercased() })
            else {
                throw CLIError(
                    message: "no control \"\(id)\" in the workspace",
                    hint: Spelling.didYouMean(
                        id, in: snapshot.controls.map(\.id.rawValue), otherwise: "`socplan controls list` shows the ids"
                    ))
            }
            if json { Console.note("--json is deprecated: use --format json") }
            let format = json ? .json : format
            if format == .json {
                Console.write(try Render.json(control))
                return
            }
            let catalog = try Catalogs.load()
            let objectives = Dictionary(snapshot.objectives.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let evidence = Dictionary(snapshot.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var lines = [
                "\(control.id)  \(control.title)", "",
                "Description:     \(control.description)",
                "Owner:           \(control.owner)",
                "Frequency:       \(control.knownFrequency?.rawValue ?? "unknown (not sized)")",
                "Nature:          \(control.knownNature?.rawValue ?? "unknown (not sized)")",
                "Type:            \(control.type?.rawValue ?? "-")",
                "Key control:     \(control.key ? "yes" : "no")",
                "Risk:            \(control.risk.rawValue)",
                "Test methods:    \(control.testMethods.map(\.rawValue).joined(separator: ", "))",
                "Test procedure:  \(control.testProcedure.isEmpty ? "(the planner writes one)" : control.testProcedure)",
                "Population size: \(control.populationSize.map(String.init) ?? "-")",
                "Systems:         \(control.systems.joined(separator: ", "))",
                "", "SOC 1 objectives:",
            ]
            lines +=
                control.objectives.isEmpty
                ? ["  (none)"] : control.objectives.map { "  \($0)  \(objectives[$0]?.title ?? "")" }
            lines += ["", "SOC 2 criteria:"]
            lines +=
                control.criteria.isEmpty
                ? ["  (none)"] : control.criteria.map { "  \($0)  \(catalog.criterionIndex[$0]?.title ?? "")" }
            lines += ["", "Evidence:"]
            lines +=
                control.evidence.isEmpty
                ? ["  (none)"]
                : control.evidence.map { id in
                    let item = evidence[id]
                    return "  \(id)  \(item?.title ?? "")  [\(item?.kind.rawValue ?? "?")]"
                }
            if format == .csv || format == .md {
                // One field a row, with the lists joined by "; " as `controls list` joins them.
                let rows: [[String]] = [
                    ["field", "value"], ["control_id", control.id.rawValue], ["title", control.title],
                    ["description", control.description], ["owner", control.owner],
                    ["frequency", control.knownFrequency?.rawValue ?? ""],
                    ["nature", control.knownNature?.rawValue ?? ""], ["type", control.type?.rawValue ?? ""],
                    ["key", control.key ? "yes" : "no"], ["risk", control.risk.rawValue],
                    ["test_methods", control.testMethods.map(\.rawValue).joined(separator: "; ")],
                    ["test_procedure", control.testProcedure],
                    ["population_size", control.populationSize.map(String.init) ?? ""],
                    ["systems", control.systems.joined(separator: "; ")],
                    ["soc1_objectives", control.objectives.map(\.rawValue).joined(separator: "; ")],
                    ["soc2_criteria", control.criteria.map(\.rawValue).joined(separator: "; ")],
                    ["evidence", control.evidence.map(\.rawValue).joined(separator: "; ")],
                ]
                return Console.write(try Render.rows(rows, as: format))
            }
            Console.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
