import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

extension EngagementCommand {
    /// `engagement risk`: the auditor's risk per control, separate from the client's `risk` column.
    struct RiskCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "risk",
            abstract: "The auditor's risk per control (higher or lower), which the engagement's samples follow.",
            discussion: """
                The client's risk column is only the default: an assessment set here picks the lower- or
                higher-risk sample size for that control in this engagement, and the plan notes where it
                differs from the client's label. Factors: \(RiskAssessment.Factor.allowedList).

                Example:
                  socplan engagement risk set fy2026 --control PAY-03 --risk higher --factors prior-deviations,change --note "new payroll engine in March"
                  socplan engagement risk import fy2026 risk.csv
                  socplan engagement risk list fy2026 --format csv > risk.csv
                  socplan engagement risk clear fy2026 --control PAY-03
                """,
            subcommands: [Set.self, Import.self, List.self, Clear.self])

        /// The control ids named on the command line, as the workspace spells them; every unknown one
        /// is an error.
        static func controls(_ names: [String], in workspace: Workspace) throws -> [ControlID] {
            let index = Dictionary(
                workspace.controls.map { ($0.id.rawValue.uppercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
            var unknown: [Diagnostic] = []
            let ids = names.compactMap { name -> ControlID? in
                if let id = index[name.uppercased()] { return id }
                unknown.append(
                    Diagnostic(
                        .error, "unknown-control", "control \(name) is not in the workspace",
                        hint: Spelling.didYouMean(
                            name, in: workspace.controls.map(\.id.rawValue),
                            otherwise: "`socplan controls list` lists the controls")))
                return nil
            }
            if !unknown.isEmpty {
                Console.report(unknown)
                throw CLIError(message: "nothing was changed")
            }
            return ids
        }

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set the auditor's risk of one or more controls.",
                discussion: """
                    Example:
                      socplan engagement risk set fy2026 --control PAY-03 --risk higher --factors prior-deviations,manual
                      socplan engagement risk set fy2026 --control AC-1 --control AC-2 --risk lower --note "automated since 2025"
                    """)
            @OptionGroup var workspace: WorkspaceOptions
            @Argument(help: "The engagement.") var name: String
            @Option(help: "A control to assess (repeatable).") var control: [String] = []
            @Option(help: "higher or lower.") var risk: Risk
            @Option(
                help: ArgumentHelp(
                    "Why, comma-separated: \(RiskAssessment.Factor.allowedList).", valueName: "factors"))
            var factors: String?
            @Option(help: "A free note (the auditor's reasoning).") var note: String?

            func validate() throws {
                if control.isEmpty { throw ValidationError("name at least one --control") }
                if let factors, case let unknown = RiskImport.factors(factors).unknown, !unknown.isEmpty {
                    throw ValidationError(
                        "unknown risk factor \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); allowed: \(RiskAssessment.Factor.allowedList)"
                    )
                }
            }

            func run() throws {
                let store = try workspace.open()
                let snapshot = try store.snapshot()
                let engagement = try EngagementOption.resolve(name, in: snapshot)
                let ids = try RiskCommand.controls(control, in: snapshot)
                var chosen: [RiskAssessment.Factor] = []
                if let factors { chosen = RiskImport.factors(factors).factors }
                let assessments = ids.map {
                    RiskAssessment(control: $0, risk: risk, factors: chosen, note: note ?? "")
                }
                try store.saveRiskAssessments(assessments, engagement: engagement.name)
                let client = Dictionary(snapshot.controls.map { ($0.id, $0.risk) }, uniquingKeysWith: { a, _ in a })
                for id in ids {
                    let label = client[id].map(RiskAssessment.word) ?? "lower"
                    Console.write(
                        "\(engagement.name): \(id) auditor's risk \(RiskAssessment.word(risk))"
                            + (label == RiskAssessment.word(risk) ? " (as the client's label)" : " (client: \(label))")
                            + "\n")
                }
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Set the auditor's risk of many controls from a CSV file.",
                discussion: """
                    Columns: control_id, risk (higher or lower), factors (separated by ; or ,), note.
                    Every bad row is reported with file, line and column; then nothing is written.
                    Controls the file does not name keep their assessment, unless --replace.

                    Example:
                      socplan engagement risk import fy2026 risk.csv
                    """)
            @OptionGroup var workspace: WorkspaceOptions
            @Argument(help: "The engagement.") var name: String
            @Argument(help: "The CSV file.") var file: String
            @Flag(help: "Remove the engagement's assessments of controls the file does not name.") var replace = false

            func run() throws {
                let store = try workspace.open()
                let snapshot = try store.snapshot()
                let engagement = try EngagementOption.resolve(name, in: snapshot)
                let (assessments, diagnostics) = RiskImport.read(
                    file: file, bytes: try Files.read(file), controls: snapshot.controls)
                Console.report(diagnostics)
                guard let assessments else {
                    throw CLIError(message: "\(file) has errors; nothing was written")
                }
                let named = Swift.Set(assessments.map(\.control))
                let dropped =
                    replace ? engagement.riskAssessments.keys.filter { !named.contains($0) }.sorted() : []
                try store.replaceRiskAssessments(assessments, removing: dropped, engagement: engagement.name)
                let client = Dictionary(snapshot.controls.map { ($0.id, $0.risk) }, uniquingKeysWith: { a, _ in a })
                let differing = assessments.filter { client[$0.control] != $0.risk }.count
                Console.write(
                    "\(engagement.name): \(Console.plural(assessments.count, "assessment")) imported"
                        + " (\(differing) differ from the client's label)"
                        + (dropped.isEmpty ? "" : ", \(Console.plural(dropped.count, "assessment")) removed") + "\n")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the auditor's risk assessments of an engagement.",
                discussion: """
                    The CSV output imports again with `engagement risk import`.

                    Example:
                      socplan engagement risk list fy2026
                      socplan engagement risk list fy2026 --format csv > risk.csv
                    """)
            @OptionGroup var workspace: WorkspaceOptions
            @Argument(help: "The engagement (default: the only one).") var name: String?
            @OptionGroup var output: FormatOptions

            func run() throws {
                let snapshot = try workspace.open().snapshot()
                let engagement = try EngagementOption.resolve(
                    name, in: snapshot, how: "as in `socplan engagement risk list NAME`")
                Console.write(
                    try Render.rows(RiskImport.rows(engagement, controls: snapshot.controls), as: output.resolved))
            }
        }

        struct Clear: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "clear",
                abstract: "Remove assessments: the controls follow the client's risk label again.",
                discussion: """
                    Example:
                      socplan engagement risk clear fy2026 --control PAY-03
                      socplan engagement risk clear fy2026 --all
                    """)
            @OptionGroup var workspace: WorkspaceOptions
            @Argument(help: "The engagement.") var name: String
            @Option(help: "A control whose assessment to remove (repeatable).") var control: [String] = []
            @Flag(help: "Remove every assessment of the engagement.") var all = false

            func validate() throws {
                if control.isEmpty == !all { throw ValidationError("name --control (repeatable) or --all, not both") }
            }

            func run() throws {
                let store = try workspace.open()
                let snapshot = try store.snapshot()
                let engagement = try EngagementOption.resolve(name, in: snapshot)
                let ids = all ? nil : try RiskCommand.controls(control, in: snapshot)
                let removed = try store.clearRiskAssessments(engagement: engagement.name, controls: ids)
                Console.write("\(engagement.name): \(Console.plural(removed, "assessment")) removed\n")
            }
        }
    }
}

extension Risk: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }
}
