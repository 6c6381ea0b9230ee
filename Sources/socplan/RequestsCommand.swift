import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO

extension RequestRender.Grouping: ExpressibleByArgument {}

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The de-duplicated evidence request (PBC) list, and the tracker the client fills in.",
        discussion: """
            Requests follow each report's calendar (`socplan engagement show`): per fieldwork phase
            (interim, final), stage 1 asks before that fieldwork for the population of the months it
            tests, with its completeness-and-accuracy support; stage 2, after it starts, for the
            sample items (the largest sample of the controls using that population). Months both
            reports share are tested once, in the earlier fieldwork. Documents list the occurrences of
            periodic controls; a setting is shown as of a date inside the period, with its change
            history; Type 1 reports get design requests as of their date. Due dates are business days
            on the holiday calendar and never before the months they cover have closed.

            Each request id names its evidence item and stage (EV-CHANGES/P1 population, S sample,
            D document, C configuration, W walkthrough), so ids stay put when other controls change.
            The CSV ends with the tracker columns the client fills in: status, evidence_link,
            submitted_on, client_notes; `socplan requests import` reads them back.

            Example:
              socplan requests
              socplan requests --format csv --bom --out pbc.csv      # for Excel
              socplan requests --format xlsx --out pbc.xlsx          # status is a drop-down list
              socplan requests --group-by owner --format md
              socplan requests import pbc.csv                        # or pbc.xlsx
              socplan requests status --as-of 2026-10-20
              socplan requests history EV-CHANGES/P1
            """,
        subcommands: [List.self, Import.self, Status.self, History.self],
        defaultSubcommand: List.self)
}

/// `--population-lead` and `--sample-lag`: the offsets that set due dates (and so the fixed due column).
struct RequestOffsetOptions: ParsableArguments {
    @Option(help: "Population requests are due this many business days before the fieldwork that tests them.")
    var populationLead = 10
    @Option(help: "Sample requests are due this many business days after that fieldwork starts.") var sampleLag = 5

    func validate() throws {
        if populationLead < 0 || sampleLag < 0 { throw ValidationError("business-day offsets cannot be negative") }
    }

    var offsets: RequestOffsets { RequestOffsets(populationLeadDays: populationLead, sampleLagDays: sampleLag) }
}

extension RequestsCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The request list, with the tracker's client columns (the default).")

        @OptionGroup var planning: PlanningOptions
        @OptionGroup var requestOffsets: RequestOffsetOptions
        @Option(help: TableFormat.help) var format: TableFormat = .table
        @Option(help: "Group the list by owner, stage, report or fieldwork.") var groupBy: RequestRender.Grouping?
        @Flag(help: "Start the CSV with a UTF-8 byte-order mark (for Excel).") var bom = false
        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

        func run() throws {
            let plan = try planning.plan(offsets: requestOffsets.offsets, procedures: false)
            Console.report(plan.requests.diagnostics)
            let store = try planning.workspace.open()
            let tracker = try store.tracker(of: plan.engagement.name)
            // The sample requests list the items selected so far (socplan sample select).
            let requests = plan.requests.listingSelections(try store.fieldwork(engagement: plan.engagement.name))
            if format == .xlsx {
                return try Files.writeWorkbook(
                    Workbooks.requests(
                        requests, separate: plan.separateRequests, model: plan.inputs.model, grouping: groupBy,
                        tracker: tracker),
                    out: out)
            }
            try Files.emit(
                try RequestRender.render(
                    requests, separate: plan.separateRequests, model: plan.inputs.model, format: format.text,
                    grouping: groupBy, byteOrderMark: bom, tracker: tracker),
                out: out)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Read a filled-in tracker back: only status, evidence_link, submitted_on and client_notes change.",
            discussion: """
                The client may re-sort, filter or hide rows and add columns of their own; rows are matched
                by request_id. Refused, with the cell of each problem and nothing written: an id the
                request list does not hold, an id twice, a changed fixed column (stage, evidence, due,
                controls, …), an unknown status, an unreadable date. A blank status leaves the status as
                it was. Every status change is kept (`socplan requests history`).

                Example:
                  socplan requests import pbc-returned.csv --by "Dana (client)"
                  socplan requests import pbc-returned.csv --dry-run
                """)

        @OptionGroup var planning: PlanningOptions
        @OptionGroup var requestOffsets: RequestOffsetOptions
        @Option(help: "In a workbook, read this sheet (default: the first whose header names request_id).")
        var sheet: String?
        @Argument(
            help:
                "The tracker: .xlsx or CSV (UTF-8, with or without BOM) as exported by `socplan requests --format xlsx|csv`."
        )
        var tracker: String
        @Option(help: "Who the status changes are recorded as (default: the login name).") var by: String?
        @Flag(help: "Check the tracker and print what would change, without writing.") var dryRun = false

        func run() throws {
            let plan = try planning.plan(offsets: requestOffsets.offsets, procedures: false)
            let store = try planning.workspace.open()
            let engagement = plan.engagement.name
            let current = try store.tracker(of: engagement)
            let table = try TrackerFiles.read(tracker, sheet: sheet)
            let outcome = TrackerImporter.prepare(table, requests: plan.requests, tracker: current)
            Console.report(outcome.diagnostics.capped())
            if outcome.diagnostics.hasErrors {
                throw CLIError(message: "the tracker was not imported; nothing was written")
            }
            if !outcome.ignoredColumns.isEmpty {
                Console.note(
                    "\(tracker): ignored \(Console.plural(outcome.ignoredColumns.count, "column")) of the client's own: "
                        + outcome.ignoredColumns.joined(separator: ", "))
            }
            let who =
                by ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            let now = ISO8601DateFormatter().string(from: Date())
            let changes = outcome.changes.map {
                StatusChange(
                    requestID: $0.id, at: now, by: who, from: $0.from, to: $0.to,
                    source: URL(fileURLWithPath: tracker).lastPathComponent)
            }
            if !dryRun { try store.updateTracker(of: engagement, entries: outcome.entries, changes: changes) }
            let verb = dryRun ? "would be " : ""
            var lines = [
                "\(tracker): \(Console.plural(outcome.rows, "row")) for engagement \(engagement): "
                    + "\(outcome.entries.count) \(verb)updated (\(Console.plural(changes.count, "status change"))), "
                    + "\(outcome.unchanged) unchanged; \(outcome.notInFile) not in the file left as they were"
            ]
            for change in changes {
                lines.append("  \(change.requestID): \(change.from.rawValue) → \(change.to.rawValue)")
            }
            if dryRun { lines.append("dry run: nothing was written") }
            Console.write(lines.joined(separator: "\n") + "\n")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract:
                "Tracker progress by owner and stage, overdue requests, and which controls' testing they hold up.",
            discussion: """
                A request is overdue when its due date is before the as-of date and the client still owes
                it (requested, in progress, returned). A control's testing at a fieldwork is blocked by
                its requests for that fieldwork that are overdue or were returned.

                Example:
                  socplan requests status
                  socplan requests status --as-of 2026-10-20 --format md
                """)

        @OptionGroup var planning: PlanningOptions
        @OptionGroup var requestOffsets: RequestOffsetOptions
        @Option(help: ArgumentHelp("The day to measure against (default: today).", valueName: "YYYY-MM-DD"))
        var asOf: String?
        @Option(help: "Output format: table, json or md (default: table).") var format: OutputFormat = .table
        @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

        func validate() throws {
            if format == .csv { throw ValidationError("--format csv is not offered here: use table, json or md") }
            if let asOf, Day(asOf) == nil { throw ValidationError("--as-of \(asOf) is not a date (YYYY-MM-DD)") }
        }

        func run() throws {
            let plan = try planning.plan(offsets: requestOffsets.offsets, procedures: false)
            let tracker = try planning.workspace.open().tracker(of: plan.engagement.name)
            let progress = TrackerProgress(
                requests: plan.requests, tracker: tracker, asOf: asOf.flatMap { Day($0) } ?? Day.today())
            try Files.emit(
                try TrackerRender.status(progress, engagement: plan.engagement.name, format: format), out: out)
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "The recorded status changes: who, when, from, to, and from which file.")

        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var engagement: EngagementOption
        @Argument(help: "One request id (default: every request).") var request: String?
        @OptionGroup var format: FormatOptions

        func run() throws {
            let store = try workspace.open()
            let chosen = try engagement.resolve(in: try store.snapshot())
            Console.write(
                try TrackerRender.history(
                    try store.statusHistory(of: chosen.name, request: request), format: format.resolved))
        }
    }
}

/// Reads a tracker file: a workbook when its bytes are one (whatever its name), else CSV.
enum TrackerFiles {
    static func read(_ path: String, sheet: String?) throws -> TrackerSheet {
        let bytes = try Files.read(path)
        do {
            return try TrackerSheet.read(file: path, bytes: bytes, sheet: sheet)
        } catch let problem as Diagnostic {
            Console.report([problem])
            throw CLIError(message: "the tracker was not imported; nothing was written")
        }
    }
}

extension Day {
    /// Today's date in UTC: for the CLI only (the planner never reads a clock).
    static func today() -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? Day(ordinal: 0)
    }
}
