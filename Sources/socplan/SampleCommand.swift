import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

extension SelectionMethod: ExpressibleByArgument {}

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Select the planned samples reproducibly from the delivered populations (fieldwork).",
        discussion: """
            `sample select` draws every planned sample (or one control's) from its population: each
            fieldwork's items from the days it tests, a shared control once for both reports (each item
            says which reports it counts for), periodic controls from their occurrences, a test of one
            as the configuration on a date. The algorithm (SplitMix64, partial Fisher–Yates, seeds from
            SHA-256) is in docs/fieldwork.md with a Python re-implementation.

            Example:
              socplan sample select
              socplan sample select --control AC-01 --seed 20260115
              socplan sample select --control PAY-03 --method haphazard --items K-1,K-7
              socplan sample show --format csv
            """,
        subcommands: [Select.self, Show.self, Extend.self])

    struct Select: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "select",
            abstract: "Draw the planned samples; the same inputs give the same items.")

        @OptionGroup var planning: PlanningOptions
        @Option(name: .customLong("control"), help: "Only this control (repeatable).") var controls: [String] = []
        @Option(help: "The base seed (default: derived from the engagement name).") var seed: UInt64?
        @Option(help: "random (default), systematic or haphazard (with --items).") var method: SelectionMethod = .random
        @Option(help: "Haphazard: the keys the auditor chose, comma-separated.") var items: String?
        @Flag(help: "Draw again where the population or the plan changed (the old selection stays in the history).")
        var reselect = false
        @Option(help: "Who selects (default: $SOCPLAN_USER, else $USER).") var by: String?

        func validate() throws {
            if method == .haphazard && (items ?? "").isEmpty {
                throw ValidationError("--method haphazard needs --items KEY,KEY,… (the items the auditor chose)")
            }
            if method == .haphazard && controls.count != 1 {
                throw ValidationError("--method haphazard selects for one --control")
            }
            if items != nil && method != .haphazard { throw ValidationError("--items goes with --method haphazard") }
        }

        func run() throws {
            let plan = try planning.plan(procedures: false)
            let store = try planning.workspace.open()
            let fieldwork = try store.fieldwork(engagement: plan.engagement.name)
            let chosen = (items ?? "").split(separator: ",").map { Spelling.trimmed($0) }.filter { !$0.isEmpty }
            let run = SelectionRun(
                plan: plan, fieldwork: fieldwork,
                options: SelectionOptions(
                    controls: Set(controls.map { ControlID($0) }), seed: seed, method: method, chosen: chosen,
                    reselect: reselect, by: Stamp.who(by), at: Stamp.now()))
            Console.report(run.diagnostics)
            if run.diagnostics.hasErrors {
                throw CLIError(message: "nothing was selected (see the errors above)")
            }
            let ids = try store.record(selections: run.added, superseding: run.superseded)
            var added = run.added
            for index in added.indices { added[index].id = ids[index] }
            let count = added.reduce(0) { $0 + $1.items.count }
            Console.write(
                "Selected \(count) item(s) in \(added.count) stratum(s)"
                    + (run.kept.isEmpty
                        ? "" : "; \(run.kept.count) stratum(s) already selected with the same inputs, kept")
                    + (run.superseded.isEmpty
                        ? "" : "; \(run.superseded.count) earlier selection(s) moved to the history")
                    + ".\n")
            if !added.isEmpty { Console.write(Render.table(SampleCommand.rows(added, detail: false))) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "The selected items: control, fieldwork, days, key, date, reports, seed.")

        @OptionGroup var planning: PlanningOptions
        @Option(name: .customLong("control"), help: "Only this control (repeatable).") var controls: [String] = []
        @Flag(help: "Also the selections replaced by --reselect.") var history = false
        @OptionGroup var format: FormatOptions

        func run() throws {
            let plan = try planning.plan(procedures: false)
            let fieldwork = try planning.workspace.open().fieldwork(engagement: plan.engagement.name)
            let wanted = Set(controls.map { ControlID($0) })
            let shown = (history ? fieldwork.selections : fieldwork.currentSelections).filter {
                wanted.isEmpty || wanted.contains($0.control)
            }
            if format.resolved == .json {
                Console.write(try Render.json(shown))
            } else {
                Console.write(try Render.rows(SampleCommand.rows(shown, detail: true), as: format.resolved))
            }
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "Extend a control's sample after a deviation, as Catalogs/deviation-extension.csv says.",
            discussion: """
                The extra items continue the same seeded shuffle, so they never repeat an item and an
                auditor re-performs them the same way (docs/fieldwork.md). They are spread over the
                control's strata in proportion to their planned items.
                """)

        @OptionGroup var planning: PlanningOptions
        @Option(name: .customLong("control"), help: "The control whose sample to extend.") var control: String
        @Option(help: "Items to add (default: the extension table's number for the deviations found).") var items: Int?

        func run() throws {
            let context = try ResultsCommand.Context(planning)
            let id = ControlID(control)
            let assessment = try context.assessment()
            let asked = ReportKind.allCases.compactMap { report -> Int? in
                if case .extend(let by)? = assessment.status(id, report)?.state { return by }
                return nil
            }.max()
            guard let count = items ?? asked, count > 0 else {
                let standing = ReportKind.allCases.compactMap { assessment.status(id, $0) }.map(
                    ResultsCommand.stateText)
                throw CLIError(
                    message: "\(id) needs no extension" + (standing.isEmpty ? "" : " (\(standing[0]))"),
                    hint:
                        "the extension table asks for one after a deviation in a sample large enough to extend; --items N forces one"
                )
            }
            let selections = context.fieldwork.selections(of: id).filter {
                $0.method == .random && $0.source != "configuration"
            }
            guard !selections.isEmpty else {
                throw CLIError(
                    message: "\(id) has no random selection to extend",
                    hint: "select it first: `socplan sample select --control \(id)`")
            }
            let total = selections.reduce(0) { $0 + $1.planned }
            var shares = selections.map { count * $0.planned / max(total, 1) }
            var left = count - shares.reduce(0, +)
            var index = 0
            while left > 0 {
                shares[index % shares.count] += 1
                left -= 1
                index += 1
            }
            var added = 0
            for (selection, share) in zip(selections, shares) where share > 0 {
                guard
                    let extra = SelectionRun.extensionItems(
                        of: selection, count: share, fieldwork: context.fieldwork, plan: context.plan)
                else { continue }
                try context.store.extend(selection: selection.id, with: extra)
                added += extra.count
                Console.write(
                    "S-\(selection.id) \(selection.fieldwork) \(selection.window): \(extra.count) more: \(extra.map { "\($0.key) (\($0.date))" }.joined(separator: ", "))\n"
                )
            }
            if added < count { Console.note("warning: the populations held only \(added) more item(s), not \(count)") }
            Console.write("Extended \(id) by \(added) item(s); record their results with `socplan results`.\n")
        }
    }

    /// One row per selected item (detail) or per selection.
    static func rows(_ selections: [Selection], detail: Bool) -> [[String]] {
        if !detail {
            return [["selection", "control", "fieldwork", "days", "from", "method", "items", "population", "seed"]]
                + selections.map { s in
                    [
                        "S-\(s.id)", s.control.rawValue, s.fieldwork, s.window.description, s.source, s.method.rawValue,
                        "\(s.items.count) of \(s.planned)", String(s.populationSize), String(s.seed),
                    ]
                }
        }
        return [
            [
                "selection", "control", "fieldwork", "days", "from", "method", "draw", "key", "date", "reports",
                "extension", "seed", "base_seed", "stratum", "population_sha256", "algorithm", "selected_by",
                "selected_at", "current",
            ]
        ]
            + selections.flatMap { s in
                s.items.enumerated().map { index, item in
                    [
                        "S-\(s.id)", s.control.rawValue, s.fieldwork, s.window.description, s.source, s.method.rawValue,
                        String(index + 1), item.key, item.date.description,
                        item.reports.map(\.rawValue).joined(separator: "; "), item.isExtension ? "yes" : "",
                        String(s.seed), String(s.baseSeed), s.stratum, s.populationSHA256, s.algorithm, s.selectedBy,
                        s.selectedAt, s.current ? "yes" : "replaced",
                    ]
                }
            }
    }
}
