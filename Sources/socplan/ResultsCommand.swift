import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

extension ItemOutcome: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
}

extension Conclusion: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
}

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Record test results, exceptions, conclusions and management's responses (fieldwork).",
        discussion: """
            Results are recorded per selected item (per attribute when the test has several); a
            control's conclusion follows from them and Catalogs/deviation-extension.csv (one deviation
            in 20–39 items: extend by 40, `sample extend`), unless the auditor sets it. `socplan check`
            shows what the exceptions do to each SOC 1 objective and SOC 2 criterion, and section 4
            shows the results column. See docs/fieldwork.md.

            Example:
              socplan results import results.csv
              socplan results set AC-01 --item CHG-1042 --result exception --description "approved after deployment"
              socplan results set AC-01 --response "Approvals are now enforced in the pipeline."
              socplan results show
            """,
        subcommands: [Import.self, Set.self, Show.self])

    /// The plan, the store and the fieldwork every results command reads.
    struct Context {
        var plan: EngagementPlan
        var store: Store
        var fieldwork: Fieldwork

        init(_ planning: PlanningOptions) throws {
            plan = try planning.plan(procedures: false)
            store = try planning.workspace.open()
            fieldwork = try store.fieldwork(engagement: plan.engagement.name)
        }

        /// Problems with results that name a control or item that was not selected.
        func check(_ result: ItemResult, file: String?, line: Int?) -> Diagnostic? {
            let selected = fieldwork.selections(of: result.control)
            guard plan.audit.rows.contains(where: { $0.control.id == result.control && $0.isTested }) else {
                return Diagnostic(
                    .error, "unknown-control", "\(result.control) is not tested in \(plan.engagement.name)",
                    hint: "`socplan sample show` lists the selected controls and items", file: file, line: line)
            }
            guard selected.contains(where: { $0.items.contains { $0.key == result.key } }) else {
                let keys = selected.flatMap(\.items).map(\.key)
                return Diagnostic(
                    .error, "unknown-item", "\(result.key) was not selected for \(result.control)",
                    hint: keys.isEmpty
                        ? "select the sample first: `socplan sample select --control \(result.control)`"
                        : "its items are: \(keys.prefix(8).joined(separator: ", "))\(keys.count > 8 ? " …" : "")",
                    file: file, line: line)
            }
            return nil
        }

        func assessment() throws -> ResultsAssessment {
            let table: ExtensionTable
            do { table = try FieldworkFiles.builtInExtensionTable() } catch {
                throw CLIError(message: "the built-in extension table is damaged (a build problem):\n\(error)")
            }
            return ResultsAssessment(plan: plan, fieldwork: fieldwork, table: table)
        }

        /// The standing of `controls` after a write, one line per report.
        func summary(_ controls: [ControlID]) throws -> String {
            let fresh = try Context(
                plan: plan, store: store, fieldwork: store.fieldwork(engagement: plan.engagement.name))
            let assessment = try fresh.assessment()
            var lines: [String] = []
            for control in Array(Swift.Set(controls)).sorted() {
                for report in ReportKind.allCases {
                    guard let status = assessment.status(control, report) else { continue }
                    lines.append("  \(control) \(report.title): \(ResultsCommand.stateText(status))")
                }
            }
            return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
        }

        init(plan: EngagementPlan, store: Store, fieldwork: Fieldwork) {
            self.plan = plan
            self.store = store
            self.fieldwork = fieldwork
        }
    }

    static func stateText(_ status: ControlStatus) -> String {
        switch status.state {
        case .notStarted: return "no items selected yet"
        case .pending(let tested, let of): return "\(tested) of \(of) items have results"
        case .extend(let by):
            return
                "\(status.exceptions) deviation(s) in \(status.items) items: extend the sample by \(by) (`socplan sample extend --control \(status.control)`)"
        case .concluded(let conclusion):
            return conclusion.text
                + (status.exceptions > 0 ? " (\(status.exceptions) exception(s) in \(status.items) items)" : "")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Record results from a CSV: control, item, attribute, result, description, conclusion, management_response."
        )

        @OptionGroup var planning: PlanningOptions
        @Argument(help: "The results file (CSV).") var file: String

        func run() throws {
            let context = try Context(planning)
            let parsed = FieldworkFiles.results(InputFile(name: file, bytes: try Files.read(file)))
            var diagnostics = parsed.diagnostics
            for entry in parsed.results {
                if let problem = context.check(entry.result, file: file, line: entry.line) {
                    diagnostics.append(problem)
                }
            }
            for conclusion in parsed.conclusions
            where !context.plan.audit.rows.contains(where: { $0.control.id == conclusion.control }) {
                diagnostics.append(
                    Diagnostic(
                        .error, "unknown-control",
                        "\(conclusion.control) is not in scope in \(context.plan.engagement.name)",
                        file: file))
            }
            Console.report(diagnostics.capped())
            if diagnostics.hasErrors { throw CLIError(message: "\(file) was not imported (nothing was written)") }
            try context.store.record(
                results: parsed.results.map(\.result), conclusions: parsed.conclusions,
                engagement: context.plan.engagement.name)
            let exceptions = parsed.results.filter { $0.result.outcome == .exception }.count
            Console.write(
                "Recorded \(parsed.results.count) result(s) (\(exceptions) exception(s)) and \(parsed.conclusions.count) conclusion(s) or response(s).\n"
                    + (try context.summary(parsed.results.map(\.result.control) + parsed.conclusions.map(\.control))))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Record one item's result, or a control's conclusion and management's response.")

        @OptionGroup var planning: PlanningOptions
        @Argument(help: "The control.") var control: String
        @Option(help: "The selected item's key.") var item: String?
        @Option(help: "The attribute tested, when the test has several.") var attribute = ""
        @Option(help: "no-exception or exception.") var result: ItemOutcome?
        @Option(help: "What the exception was.") var description = ""
        @Option(
            help:
                "operating-effectively, exceptions-noted, not-effective, not-tested or did-not-occur (default: from the results)."
        ) var conclusion: Conclusion?
        @Option(help: "Management's response to the exceptions.") var response: String?

        func validate() throws {
            if item != nil && result == nil { throw ValidationError("--item needs --result no-exception|exception") }
            if result != nil && item == nil { throw ValidationError("--result needs --item KEY") }
            if item == nil && conclusion == nil && response == nil {
                throw ValidationError("give --item and --result, or --conclusion, or --response")
            }
        }

        func run() throws {
            let context = try Context(planning)
            let id = ControlID(control)
            var results: [ItemResult] = []
            if let item, let result {
                let entry = ItemResult(
                    control: id, key: item, attribute: attribute, outcome: result, description: description)
                if let problem = context.check(entry, file: nil, line: nil) {
                    Console.report([problem])
                    throw CLIError(message: "nothing was recorded")
                }
                results.append(entry)
            } else if !context.plan.audit.rows.contains(where: { $0.control.id == id }) {
                throw CLIError(message: "\(id) is not in scope in \(context.plan.engagement.name)")
            }
            let conclusions =
                conclusion != nil || response != nil
                ? [ControlConclusion(control: id, conclusion: conclusion, managementResponse: response ?? "")] : []
            try context.store.record(
                results: results, conclusions: conclusions, engagement: context.plan.engagement.name)
            Console.write("Recorded.\n" + (try context.summary([id])))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Each tested control's standing per report, and each report's view.")

        @OptionGroup var planning: PlanningOptions
        @OptionGroup var format: FormatOptions

        func run() throws {
            let context = try Context(planning)
            let assessment = try context.assessment()
            var rows = [
                ["control", "report", "items", "with_results", "exceptions", "standing", "management_response"]
            ]
            for report in ReportKind.allCases {
                for (control, status) in (assessment.statuses[report] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let withResults = Swift.Set(context.fieldwork.results(of: control).map(\.key))
                    let tested = context.fieldwork.selections(of: control).flatMap(\.items)
                        .filter { $0.reports.contains(report) && withResults.contains($0.key) }.count
                    rows.append([
                        control.rawValue, report.title, String(status.items), String(tested), String(status.exceptions),
                        ResultsCommand.stateText(status), status.managementResponse,
                    ])
                }
            }
            Console.write(try Render.rows(rows, as: format.resolved))
            for report in ReportKind.allCases {
                if let view = assessment.views[report] { Console.note("\(report.title): \(view.rawValue)") }
            }
        }
    }
}

extension ResultsCommand {
    /// The fieldwork recorded for the plan's engagement and its assessment (nil when nothing was recorded).
    static func load(_ plan: EngagementPlan, store: Store) throws -> (Fieldwork, ResultsAssessment?) {
        let fieldwork = try store.fieldwork(engagement: plan.engagement.name)
        guard !fieldwork.isEmpty else { return (fieldwork, nil) }
        return (fieldwork, try Context(plan: plan, store: store, fieldwork: fieldwork).assessment())
    }
}
