import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

/// Who is at the terminal and when, for the fieldwork record (the planner never reads the clock).
enum Stamp {
    static func who(_ given: String?) -> String {
        if let given, !given.isEmpty { return given }
        let environment = ProcessInfo.processInfo.environment
        return environment["SOCPLAN_USER"] ?? environment["USER"] ?? "unknown"
    }

    /// Now, UTC, to the second ("2026-12-01T17:45:12Z"); SOCPLAN_NOW overrides it (tests, demos).
    static func now() -> String {
        if let fixed = ProcessInfo.processInfo.environment["SOCPLAN_NOW"], !fixed.isEmpty { return fixed }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

struct PopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Record the populations clients deliver for population requests (fieldwork).",
        discussion: """
            A population is the complete system list a sample is drawn from. `population add`
            records the file's SHA-256, row count, key and date columns, who added it and when, and
            refuses a file with duplicate keys, unreadable dates or dates outside the days the request
            is for (every problem with its line and column; nothing is written). Interim and
            roll-forward populations are separate requests and are kept apart. See docs/fieldwork.md.

            Example:
              socplan population add R-004 new-users-interim.csv --key "Ticket" --date "Created"
              socplan population add --control AC-01 --part roll-forward new-users-q4.csv --control-total 31
              socplan population add R-007 changes.xlsx --sheet "Export" --header-row 3 --key "Change #"
              socplan population list
            """,
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a population file (CSV or .xlsx) for a population request.",
            discussion: """
                Name the request by its id in `socplan requests` (R-004), or by --control ID (and --part
                interim|roll-forward when the control has both). A CSV file (UTF-8; comma, semicolon or
                tab) or an .xlsx workbook: its one filled sheet, or the one --sheet names; date cells
                are read as dates whatever their display format.
                """)

        @OptionGroup var planning: PlanningOptions
        @Argument(help: "The population request id (R-004) and the file; or only the file with --control.")
        var arguments: [String]
        @Option(name: .customLong("control"), help: "Find the request by a control that samples from it.")
        var control: String?
        @Option(help: "interim or roll-forward, when the control's population is requested twice.") var part: String?
        @Option(help: "The column that identifies an item (default: the first column).") var key: String?
        @Option(
            help:
                "The column with each item's date (default: the first whose name contains \"date\", \"created\", \"opened\" or \"time\")."
        )
        var date: String?
        @Option(help: "The count the client's system reports for the same query, compared with the rows.")
        var controlTotal: Int?
        @Option(help: "Who adds it (default: $SOCPLAN_USER, else $USER).") var by: String?
        @Option(help: "The sheet of an .xlsx workbook to read (default: its one filled sheet).") var sheet: String?
        @Option(
            help:
                "The row that holds the column names; rows above it are titles (default: the first of rows 1-10 naming the key and date columns)."
        )
        var headerRow: Int?
        @Flag(help: "Replace the request's current population (the old one stays in the history).")
        var replace = false

        func validate() throws {
            let expected = control == nil ? 2 : 1
            guard arguments.count == expected else {
                throw ValidationError(
                    control == nil
                        ? "give the request id and the file: population add R-004 FILE (or --control ID FILE)"
                        : "with --control give only the file")
            }
            if let part, !["interim", "roll-forward"].contains(part) {
                throw ValidationError("--part is interim or roll-forward")
            }
            if let headerRow, headerRow < 1 { throw ValidationError("--header-row counts from 1") }
        }

        func run() throws {
            let path = arguments.last ?? ""
            let plan = try planning.plan(procedures: false)
            let request = try Self.request(
                plan, id: control == nil ? arguments.first : nil, control: control, part: part)
            guard let window = Period(request.period) else {
                throw CLIError(message: "\(request.id) covers no days (\(request.period))")
            }
            let store = try planning.workspace.open()
            let fieldwork = try store.fieldwork(engagement: plan.engagement.name)
            if let existing = fieldwork.currentPopulations.first(where: {
                $0.evidence == request.evidence.id && $0.window == window
            }), !replace {
                throw CLIError(
                    message:
                        "\(request.id) already has population \(existing.label) (\(existing.file), \(existing.rowCount) rows, added \(existing.addedAt) by \(existing.addedBy))",
                    hint:
                        "pass --replace to replace it (it stays in the history); selections drawn from it are then refused until `socplan sample select --reselect`"
                )
            }
            let bytes = try Files.read(path)
            let name = URL(fileURLWithPath: path).lastPathComponent
            let parsed = PopulationFile.read(
                InputFile(name: path, bytes: bytes), key: key, date: date, window: window, sheet: sheet,
                headerRow: headerRow)
            Console.report(parsed.diagnostics.capped())
            if parsed.diagnostics.hasErrors {
                throw CLIError(message: "\(path) was not added: fix the rows above (nothing was written)")
            }
            let population = Population(
                id: 0, engagement: plan.engagement.name, requestID: request.id, evidence: request.evidence.id,
                part: request.part, window: window, file: name + (parsed.sheet.map { ", sheet \($0)" } ?? ""),
                sha256: SHA256.hex(bytes),
                rowCount: parsed.rows.count, keyColumn: parsed.keyColumn, dateColumn: parsed.dateColumn,
                controlTotal: controlTotal, addedBy: Stamp.who(by), addedAt: Stamp.now(), rows: parsed.rows)
            let id = try store.add(population)
            var added = population
            added.id = id
            let dates = parsed.rows.map(\.date)
            Console.write(
                """
                Added P-\(id) for \(request.id) (\(request.evidence.id) \(request.evidence.title)\(request.part.isEmpty ? "" : ", \(request.part)"), \(window))
                  file      \(population.file)
                  sha256    \(population.sha256)
                  rows      \(parsed.rows.count)\(controlTotal.map { $0 == parsed.rows.count ? " (agrees with the control total \($0))" : " (the control total is \($0): \(abs($0 - parsed.rows.count)) \($0 > parsed.rows.count ? "missing" : "too many"))" } ?? "")
                  key       \(parsed.keyColumn)
                  dates     \(parsed.dateColumn): \(dates.min().map(\.description) ?? "-")..\(dates.max().map(\.description) ?? "-")
                  added by  \(population.addedBy) at \(population.addedAt)

                """)
            var after = fieldwork
            after.populations =
                after.populations.map { old in
                    var old = old
                    if old.evidence == added.evidence && old.window == added.window { old.current = false }
                    return old
                } + [added]
            Console.report(PopulationCoverage.check(after, requests: plan.requests, engagement: plan.engagement.name))
        }

        /// The population request named by id, or by a control (and part).
        static func request(_ plan: EngagementPlan, id: String?, control: String?, part: String?) throws
            -> EvidenceRequest
        {
            let populations = plan.requests.requests.filter { $0.stage == .population }
            if let id {
                guard let found = plan.requests.requests.first(where: { $0.id.lowercased() == id.lowercased() }) else {
                    throw CLIError(
                        message: "no request \(id) in \(plan.engagement.name)",
                        hint:
                            "the population requests are: \(populations.map(\.id).joined(separator: ", ")) (`socplan requests`)"
                    )
                }
                guard found.stage == .population else {
                    throw CLIError(
                        message: "\(found.id) asks for a \(found.stage.rawValue), not a population",
                        hint: "the population requests are: \(populations.map(\.id).joined(separator: ", "))")
                }
                return found
            }
            let control = ControlID(control ?? "")
            var candidates = populations.filter { $0.controls.contains(control) }
            guard !candidates.isEmpty else {
                throw CLIError(
                    message: "no population request serves \(control) in \(plan.engagement.name)",
                    hint:
                        "`socplan requests` lists the requests; a control sampled from a population names population evidence"
                )
            }
            if let part { candidates = candidates.filter { $0.part == part } }
            guard candidates.count == 1 else {
                let listed = populations.filter { $0.controls.contains(control) }
                    .map { "\($0.id) \($0.part.isEmpty ? "" : "\($0.part) ")\($0.period)" }.joined(separator: "; ")
                throw CLIError(
                    message: candidates.isEmpty
                        ? "\(control) has no \(part ?? "") population request"
                        : "\(control) has \(candidates.count) population requests: \(listed)",
                    hint: "name the request id, or pass --part interim or --part roll-forward")
            }
            return candidates[0]
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The populations recorded, with their fingerprints; gaps and overlaps on stderr.")

        @OptionGroup var planning: PlanningOptions
        @Flag(help: "Also the populations that were replaced.") var history = false
        @OptionGroup var format: FormatOptions

        func run() throws {
            let plan = try planning.plan(procedures: false)
            let fieldwork = try planning.workspace.open().fieldwork(engagement: plan.engagement.name)
            let shown = history ? fieldwork.populations : fieldwork.currentPopulations
            let rows =
                [
                    [
                        "population", "request", "evidence", "part", "days", "rows", "control_total", "key", "date",
                        "file", "sha256", "added_by", "added_at", "current",
                    ]
                ]
                + shown.map { p in
                    [
                        p.label, p.requestID, p.evidence.rawValue, p.part, p.window.description, String(p.rowCount),
                        p.controlTotal.map(String.init) ?? "", p.keyColumn, p.dateColumn, p.file, p.sha256, p.addedBy,
                        p.addedAt, p.current ? "yes" : "replaced",
                    ]
                }
            Console.report(
                PopulationCoverage.check(fieldwork, requests: plan.requests, engagement: plan.engagement.name))
            Console.write(try Render.rows(rows, as: format.resolved))
        }
    }
}
