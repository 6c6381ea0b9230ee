import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO

/// The formats a report comes in (csv for section 4 only).
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, csv, xlsx
}

extension ReportKind: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased().replacingOccurrences(of: " ", with: ""))
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The joint engagement report (HTML or Markdown), or a section 4 or section 3 skeleton.",
        discussion: """
            The report: summary, pictures (overlap, hours by phase, timeline, coverage heat map; in
            HTML), gaps and warnings, then the plan and the request list (--brief: summary and gaps).
            The HTML is one file with no external requests; it prints cleanly and reads on a phone.

            --section4 soc1|soc2: the controls, tests and an empty results column, grouped by control
            objective (SOC 1) or criterion (SOC 2); also as CSV.
            --section3 soc1|soc2: the system description headings that report requires, pre-filled
            from the workspace, with marked places for what management writes.

            Example:
              socplan report --out report.html
              socplan report --format md --brief
              socplan report --section4 soc1 --format csv --out section4-soc1.csv
              socplan report --section4 soc2 --format xlsx --out section4-soc2.xlsx
              socplan report --section3 soc2 --format md
            """)

    @OptionGroup var planning: PlanningOptions
    @Option(
        name: .customLong("format"),
        help:
            "html or md (and csv or xlsx for --section4). Default: the --out file's extension (.md, .csv, .xlsx), else html."
    )
    var requestedFormat: ReportFormat?
    @Flag(help: "Only the summary and the gaps.") var brief = false
    @Option(help: "The section 4 skeleton of soc1 or soc2.") var section4: ReportKind?
    @Option(help: "The section 3 (system description) skeleton of soc1 or soc2.") var section3: ReportKind?
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?
    @Option(
        help: ArgumentHelp(
            "The day the request tracker section measures overdue requests against (default: today).",
            valueName: "YYYY-MM-DD"))
    var asOf: String?

    /// `--format`, else what the `--out` file's extension names, else html.
    var format: ReportFormat {
        if let requestedFormat { return requestedFormat }
        let suffix = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() }
        return suffix.flatMap { ReportFormat(rawValue: $0) } ?? .html
    }

    func validate() throws {
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of \(asOf) is not a date (YYYY-MM-DD)") }
        if section4 != nil && section3 != nil { throw ValidationError("choose --section4 or --section3, not both") }
        if (format == .csv || format == .xlsx) && section4 == nil {
            throw ValidationError(
                requestedFormat == nil
                    ? "--out \(out ?? "") names a \(format.rawValue) file, which is for --section4 only: write .html or .md"
                    : "--format \(format.rawValue) is for --section4 only")
        }
    }

    func run() throws {
        let kind: ReportRender.Kind = format == .md ? .md : .html
        if format != .csv && format != .xlsx { ReportRender.readTemplatesInBackground() }
        // The joint report comes in pieces (14 MB at 10,000 controls): printed, or written into a
        // file atomically, one after the other.
        let text: [String]
        do {
            if let report = section4 {
                let section = ReportBuilder.section4(try inputs(issuing: report, section: "4"), report: report)
                if format == .xlsx { return try Files.writeWorkbook(Workbooks.section4(section), out: out) }
                text = [
                    format == .csv
                        ? Render.csv(section.csvRows) : try ReportRender.render(section, template: "section4", as: kind)
                ]
            } else if let report = section3 {
                text = [
                    try ReportRender.render(
                        ReportBuilder.section3(try inputs(issuing: report, section: "3"), report: report),
                        template: "section3", as: kind)
                ]
            } else {
                // The plan goes once the model is made: at 100,000 controls it is most of the memory
                // that rendering would otherwise add to.
                let model = ReportBuilder.report(try inputs(), brief: brief)
                text = try ReportRender.report(model, as: kind)
            }
        } catch let error as CatalogError {
            throw CLIError(message: "the built-in report templates are damaged (a build problem):\n\(error)")
        }
        try Files.emit(text, out: out)
    }

    /// What the report is made from: the plan, the fieldwork results and the request tracker.
    /// `issuing`: a report the engagement must issue (for its section 3 or 4).
    private func inputs(issuing report: ReportKind? = nil, section: String = "") throws -> ReportBuilder.Inputs {
        let plan = try planning.plan()
        let chosen = plan.engagement
        if let report, !chosen.scope(report).isIssued {
            throw CLIError(
                message: "engagement \(chosen.name) issues no \(report.title)",
                hint: "its section \(section) would be empty")
        }
        let store = try planning.workspace.open()
        let (_, results) = try ResultsCommand.load(plan, store: store)
        let tracker = try store.tracker(of: chosen.name)
        return ReportBuilder.Inputs(
            plan: plan, catalog: try Catalogs.load(), results: results,
            tracker: tracker.isEmpty
                ? nil
                : TrackerProgress(
                    requests: plan.requests, tracker: tracker, asOf: asOf.flatMap { Day($0) } ?? Day.today()))
    }
}
