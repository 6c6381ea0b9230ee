import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

/// `--sample-table` and `--effort-model`: a firm's own parameters for one run.
struct ParameterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A sample-size table replacing the workspace's or the built-in one for this run.", valueName: "file"))
    var sampleTable: String?

    @Option(
        help: ArgumentHelp(
            "An effort model replacing the workspace's or the built-in one for this run.", valueName: "file"))
    var effortModel: String?

    @Option(
        help: ArgumentHelp(
            "The effort model's profile for this run: boutique, mid-tier or big-four with the built-in model (default: mid-tier).",
            valueName: "name"))
    var profile: String?

    /// The parameters in effect: the file given, else the workspace's (`socplan config`), else built in.
    func load(store: Store) throws -> (SampleTable, EffortModel) {
        let all = try loadAll(store: store)
        return (all.table, try model(all.profiles, engagement: nil))
    }

    /// The effort model of `profile` (the option, else the engagement's, else the default).
    func model(_ profiles: EffortProfiles, engagement: Engagement?) throws -> EffortModel {
        let name = profile ?? engagement?.effortProfile
        guard let model = profiles.model(named: name) else {
            throw CLIError(
                message: "the effort model has no profile \"\(name ?? EffortProfiles.defaultName)\"",
                hint: "use one of: \(profiles.names.joined(separator: ", "))")
        }
        return model
    }

    /// The sample table, effort profiles and holiday calendar in effect.
    func loadAll(store: Store) throws -> (table: SampleTable, profiles: EffortProfiles, holidays: HolidayCalendar) {
        var diagnostics: [Diagnostic] = []
        let stored = ConfigCommand.Setting.Stored(store)
        let table = try ConfigCommand.Setting.sampleTable.load(
            file: sampleTable, stored: stored, diagnostics: &diagnostics)
        let model = try ConfigCommand.Setting.effortModel.load(
            file: effortModel, stored: stored, diagnostics: &diagnostics)
        let holidays = try ConfigCommand.Setting.holidays.load(file: nil, stored: stored, diagnostics: &diagnostics)
        Console.report(diagnostics)
        guard case .sampleTable(let table)? = table, case .effortModel(let profiles)? = model,
            case .holidays(let calendar)? = holidays, !diagnostics.hasErrors
        else {
            throw CLIError(message: "the parameters have errors; nothing was computed")
        }
        return (table, profiles, calendar)
    }
}

/// The preamble every planning command shares: open the workspace, choose the engagement, load
/// the parameters, and run the planning pass once.
struct PlanningOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var engagement: EngagementOption
    @OptionGroup var parameters: ParameterOptions

    /// One planning pass over the chosen engagement. `procedures: false` for a command that never
    /// shows the rows' test procedures (see `plans`).
    func plan(offsets: RequestOffsets = .init(), procedures: Bool = true) throws -> EngagementPlan {
        try Self.plans(
            [engagement.engagement].compactMap { $0 }, workspace: workspace, parameters: parameters, offsets: offsets,
            procedures: procedures)[0]
    }

    /// One planning pass per engagement named (none named: the workspace's only one).
    /// `opened`: the workspace's store and snapshot when the caller has already read them.
    /// `procedures: false`: the rows get no test procedure (for a command that never shows them:
    /// `requests`, `estimate`, `check` and the fieldwork commands; writing them is a sixth of a
    /// plan's work).
    static func plans(
        _ names: [String], workspace: WorkspaceOptions, parameters: ParameterOptions,
        offsets: RequestOffsets = .init(), opened: (store: Store, snapshot: Workspace)? = nil,
        procedures: Bool = true
    ) throws -> [EngagementPlan] {
        let store = try opened?.store ?? workspace.open()
        let snapshot = try opened?.snapshot ?? store.snapshot()
        let (table, profiles, holidays) = try parameters.loadAll(store: store)
        let catalog = try Catalogs.load()
        let criteria = catalog.criteria
        return try (names.isEmpty ? [nil] : names.map { Optional($0) }).map { name in
            let chosen = try EngagementOption.resolve(name, in: snapshot)
            let model = try parameters.model(profiles, engagement: chosen)
            let plan = EngagementPlan.make(
                PlanInputs(
                    workspace: snapshot, engagement: chosen, criteria: criteria, table: table, model: model,
                    holidays: holidays, offsets: offsets, layers: catalog.layers,
                    procedures: catalog.procedures, writesProcedures: procedures))
            KeptUntilExit.keep(plan)
            return plan
        }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The combined audit plan: test procedure, sample per report, combined sample and hours per control.",
        discussion: """
            One row per in-scope control. Type 1: a walkthrough of one instance. Type 2: a test of one
            for automated controls; otherwise the sample table's size for the frequency and risk,
            capped at the occurrences inside the window. A shared control is tested once: the larger
            sample with identical windows, plus pro-rata items for months outside their overlap
            otherwise. The formulas are in the README; the parameters in Catalogs/sample-sizes.csv
            and Catalogs/effort-model.csv.

            Example:
              socplan plan
              socplan plan --format csv --out plan.csv
              socplan plan --format xlsx --out plan.xlsx
              socplan plan --sample-table firm-samples.csv
            """)

    @OptionGroup var planning: PlanningOptions
    @Option(help: TableFormat.help) var format: TableFormat = .table
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func run() throws {
        let plan = try planning.plan()
        Console.report(plan.diagnostics)
        if format == .xlsx { return try Files.writeWorkbook(Workbooks.plan(plan), out: out) }
        try Files.emit(try PlanRender.render(plan, format: format.text), out: out)
    }
}

struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Hours for SOC 1 alone, SOC 2 alone, both separately and the joint engagement.",
        discussion: """
            audit equivalents = 2 × joint ÷ (SOC 1 alone + SOC 2 alone): 1.0 is the cost of one
            audit, 2.0 of two. Several --engagement options print the variants side by side (make
            what-ifs with `engagement copy` and `engagement update`).

            Example:
              socplan estimate
              socplan estimate --engagement fy2026 --engagement fy2026-availability --rate 250
              socplan estimate --format json
              socplan estimate calibrate actuals.csv --out firm-effort.csv
            """,
        subcommands: [CalibrateCommand.self])

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var parameters: ParameterOptions
    @Option(name: .customLong("engagement"), help: "An engagement to estimate (repeatable; default: the only one).")
    var engagements: [String] = []
    @Flag(help: "Hours by calendar phase and by week and role (one engagement).") var staffing = false
    @Option(help: TableFormat.help) var format: TableFormat = .table
    @Option(help: ArgumentHelp("Hourly rate, to show costs.", valueName: "amount")) var rate: Double?
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func validate() throws {
        if let rate, rate < 0 || !rate.isFinite { throw ValidationError("--rate must be a positive amount") }
    }

    func run() throws {
        // An estimate shows no row's test procedure.
        let plans = try PlanningOptions.plans(
            engagements, workspace: workspace, parameters: parameters, procedures: false)
        if staffing {
            guard plans.count == 1 else {
                throw CLIError(message: "--staffing shows one engagement", hint: "name one --engagement")
            }
            if format == .xlsx { return try Files.writeWorkbook(Workbooks.staffing(plans[0], rate: rate), out: out) }
            return try Files.emit(try PlanRender.renderStaffing(plans[0], rate: rate, format: format.text), out: out)
        }
        if format == .xlsx {
            return try Files.writeWorkbook(Workbooks.estimates(plans, rate: rate), out: out)
        }
        try Files.emit(try PlanRender.renderEstimates(plans, rate: rate, format: format.text), out: out)
    }
}
