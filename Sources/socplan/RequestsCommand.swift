import ArgumentParser
import SOCPlanCore
import SOCPlanIO

extension RequestRender.Grouping: ExpressibleByArgument {}

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The de-duplicated evidence request (PBC) list: every artefact asked for once.",
        discussion: """
            Stage 1, due before fieldwork: the population of every sampled control's window, with
            its completeness-and-accuracy support, split into interim and roll-forward for windows
            of 9 months or more. Stage 2, after fieldwork starts: the sample items (the largest
            combined sample of the controls using that population). Documents list the occurrences
            of periodic controls; configuration is shown as of the test date; Type 1 reports get
            design requests as of the report date. Due dates skip weekends.

            Example:
              socplan requests
              socplan requests --format csv --bom --out pbc.csv      # for Excel
              socplan requests --group-by owner --format md
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var engagement: EngagementOption
    @OptionGroup var parameters: ParameterOptions
    @Option(help: "Output format: table, csv, json or md (default: table).") var format: OutputFormat = .table
    @Option(help: "Group the list by owner, stage or report.") var groupBy: RequestRender.Grouping?
    @Option(
        help: ArgumentHelp(
            "Interim cut-off for populations of long windows (default: three quarters through).", valueName: "date"))
    var interimCutoff: String?
    @Option(help: "Population requests are due this many business days before fieldwork.") var populationLead = 10
    @Option(help: "Sample requests are due this many business days after fieldwork starts.") var sampleLag = 5
    @Flag(help: "Start the CSV with a UTF-8 byte-order mark (for Excel).") var bom = false
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func validate() throws {
        if populationLead < 0 || sampleLag < 0 { throw ValidationError("business-day offsets cannot be negative") }
    }

    func run() throws {
        let store = try workspace.open()
        let snapshot = try store.snapshot()
        let chosen = try engagement.resolve(in: snapshot)
        let (table, model) = try parameters.load(store: store)
        var cutoff: Day?
        if let interimCutoff {
            guard let day = Day(interimCutoff) else {
                throw CLIError(message: "--interim-cutoff \"\(interimCutoff)\" is not a date", hint: "write YYYY-MM-DD")
            }
            cutoff = day
        }
        guard let fieldwork = RequestSchedule.defaultFieldwork(chosen) else {
            throw CLIError(message: "engagement \(chosen.name) has no report date to plan requests from")
        }
        let schedule = RequestSchedule(
            fieldwork: fieldwork, populationLeadDays: populationLead, sampleLagDays: sampleLag, interimCutoff: cutoff)
        let criteria = try Catalogs.load().criteria
        let plan = Planner.plan(workspace: snapshot, engagement: chosen, criteria: criteria, table: table, model: model)
        let joint = RequestList(plan: plan, workspace: snapshot, schedule: schedule)
        let separate = RequestList.separate(
            workspace: snapshot, engagement: chosen, criteria: criteria, table: table, model: model, schedule: schedule)
        Console.report(joint.diagnostics)
        try Files.emit(
            try RequestRender.render(
                joint, separate: separate, model: model, format: format, grouping: groupBy, byteOrderMark: bom),
            out: out)
    }
}
