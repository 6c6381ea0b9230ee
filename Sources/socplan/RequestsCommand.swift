import ArgumentParser
import SOCPlanCore
import SOCPlanIO

extension RequestRender.Grouping: ExpressibleByArgument {}

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The de-duplicated evidence request (PBC) list: every artefact asked for once.",
        discussion: """
            Requests follow each report's calendar (`socplan engagement show`): per fieldwork phase
            (interim, final), stage 1 asks before that fieldwork for the population of the months it
            tests, with its completeness-and-accuracy support; stage 2, after it starts, for the
            sample items (the largest sample of the controls using that population). Months both
            reports share are tested once, in the earlier fieldwork. Documents list the occurrences of
            periodic controls; a setting is shown as of a date inside the period, with its change
            history; Type 1 reports get design requests as of their date. Due dates are business days
            on the holiday calendar and never before the months they cover have closed.

            Example:
              socplan requests
              socplan requests --format csv --bom --out pbc.csv      # for Excel
              socplan requests --format xlsx --out pbc.xlsx
              socplan requests --group-by owner --format md
            """)

    @OptionGroup var planning: PlanningOptions
    @Option(help: "Output format: table, csv, json, md or xlsx (default: table).") var format: TableFormat = .table
    @Option(help: "Group the list by owner, stage, report or fieldwork.") var groupBy: RequestRender.Grouping?
    @Option(help: "Population requests are due this many business days before the fieldwork that tests them.")
    var populationLead = 10
    @Option(help: "Sample requests are due this many business days after that fieldwork starts.") var sampleLag = 5
    @Flag(help: "Start the CSV with a UTF-8 byte-order mark (for Excel).") var bom = false
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func validate() throws {
        if populationLead < 0 || sampleLag < 0 { throw ValidationError("business-day offsets cannot be negative") }
    }

    func run() throws {
        let plan = try planning.plan(
            offsets: RequestOffsets(populationLeadDays: populationLead, sampleLagDays: sampleLag))
        Console.report(plan.requests.diagnostics)
        if format == .xlsx {
            return try Files.writeWorkbook(
                Workbooks.requests(
                    plan.requests, separate: plan.separateRequests, model: plan.inputs.model, grouping: groupBy),
                out: out)
        }
        try Files.emit(
            try RequestRender.render(
                plan.requests, separate: plan.separateRequests, model: plan.inputs.model, format: format.text,
                grouping: groupBy, byteOrderMark: bom),
            out: out)
    }
}
