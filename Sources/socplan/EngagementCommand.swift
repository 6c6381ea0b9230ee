import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

extension ReportType: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }
}

/// `--engagement NAME`, defaulting to the workspace's only engagement.
struct EngagementOption: ParsableArguments {
    @Option(help: "The engagement (default: the only one in the workspace).")
    var engagement: String?

    func resolve(in workspace: Workspace) throws -> Engagement { try Self.resolve(engagement, in: workspace) }

    /// `how` says how to name one, for the message when there are several.
    static func resolve(_ engagement: String?, in workspace: Workspace, how: String = "with --engagement") throws
        -> Engagement
    {
        let names = workspace.engagements.map(\.name)
        if let engagement {
            if let found = workspace.engagements.first(where: { $0.name == engagement }) { return found }
            throw CLIError(
                message: "no engagement named \"\(engagement)\"",
                hint: names.isEmpty
                    ? "create one with `socplan engagement create NAME ...`"
                    : "the workspace has: \(names.joined(separator: ", "))")
        }
        switch workspace.engagements.count {
        case 1: return workspace.engagements[0]
        case 0:
            throw CLIError(
                message: "the workspace has no engagement yet",
                hint:
                    "create one, e.g. `socplan engagement create fy2026 --soc1 type2 --soc1-period 2026-01-01..2026-12-31 --soc2 type2 --soc2-period 2026-01-01..2026-12-31`"
            )
        default:
            throw CLIError(
                message: "the workspace has several engagements; name one \(how)",
                hint: "the workspace has: \(names.joined(separator: ", "))")
        }
    }
}

/// The options that set an engagement's scope; on `update`, only those given change.
struct ScopeOptions: ParsableArguments {
    @Option(help: "SOC 1 report: none, type1 or type2.") var soc1: ReportType?
    @Option(name: .customLong("soc1-period"), help: ArgumentHelp("SOC 1 Type 2 period.", valueName: "start..end"))
    var soc1Period: String?
    @Option(name: .customLong("soc1-as-of"), help: ArgumentHelp("SOC 1 Type 1 date.", valueName: "date")) var soc1AsOf:
        String?
    @Option(help: "SOC 2 report: none, type1 or type2.") var soc2: ReportType?
    @Option(name: .customLong("soc2-period"), help: ArgumentHelp("SOC 2 Type 2 period.", valueName: "start..end"))
    var soc2Period: String?
    @Option(name: .customLong("soc2-as-of"), help: ArgumentHelp("SOC 2 Type 1 date.", valueName: "date")) var soc2AsOf:
        String?
    @Option(
        help:
            "SOC 2 categories besides security: availability, confidentiality, processing-integrity, privacy (comma-separated)."
    )
    var categories: String?
    @Option(help: "SOC 1 objectives in scope, comma-separated, or \"all\" (the default).") var objectives: String?
    @Option(
        name: .customLong("soc1-interim"),
        help: ArgumentHelp(
            "SOC 1 interim fieldwork START..END, none, or auto (default: in the last third of a period of 9 months or more).",
            valueName: "window"))
    var soc1Interim: String?
    @Option(
        name: .customLong("soc1-interim-cutoff"),
        help: ArgumentHelp("Last day whose items SOC 1 interim fieldwork tests.", valueName: "date"))
    var soc1InterimCutoff: String?
    @Option(
        name: .customLong("soc1-fieldwork"),
        help: ArgumentHelp(
            "SOC 1 final fieldwork: START or START..END (default: two weeks after its period end).",
            valueName: "window"))
    var soc1Fieldwork: String?
    @Option(
        name: .customLong("soc1-report-date"),
        help: ArgumentHelp("SOC 1 report date (default: four weeks after final fieldwork starts).", valueName: "date"))
    var soc1ReportDate: String?
    @Option(
        name: .customLong("soc2-interim"),
        help: ArgumentHelp("SOC 2 interim fieldwork START..END, none, or auto.", valueName: "window"))
    var soc2Interim: String?
    @Option(
        name: .customLong("soc2-interim-cutoff"),
        help: ArgumentHelp("Last day whose items SOC 2 interim fieldwork tests.", valueName: "date"))
    var soc2InterimCutoff: String?
    @Option(
        name: .customLong("soc2-fieldwork"),
        help: ArgumentHelp("SOC 2 final fieldwork: START or START..END.", valueName: "window"))
    var soc2Fieldwork: String?
    @Option(name: .customLong("soc2-report-date"), help: ArgumentHelp("SOC 2 report date.", valueName: "date"))
    var soc2ReportDate: String?
    @Option(
        help: ArgumentHelp(
            "First day of final fieldwork of every issued report (a shortcut for --soc1-fieldwork and --soc2-fieldwork).",
            valueName: "date"))
    var fieldwork: String?
    @Option(
        name: .customLong("effort-profile"),
        help: ArgumentHelp(
            "Effort-model profile for the estimate: \(EffortModel.profiles.joined(separator: ", ")), or default (\(EffortModel.defaultProfile)).",
            valueName: "profile"))
    var effortProfile: String?

    /// Applies the options given to `engagement`, collecting every problem.
    func apply(to engagement: inout Engagement, workspace: Workspace) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func day(_ text: String?, _ option: String) -> Day? {
            guard let text else { return nil }
            guard let day = Day(text) else {
                problems.append(
                    Diagnostic(
                        .error, "invalid-date", "--\(option) \"\(text)\" is not a date",
                        hint: "write YYYY-MM-DD, e.g. 2026-06-30"))
                return nil
            }
            return day
        }
        func period(_ text: String?, _ option: String) -> Period? {
            guard let text else { return nil }
            guard let period = Period(text) else {
                problems.append(
                    Diagnostic(
                        .error, "invalid-period", "--\(option) \"\(text)\" is not a period",
                        hint: "write START..END, e.g. 2026-01-01..2026-12-31"))
                return nil
            }
            return period
        }
        for report in ReportKind.allCases {
            let current = engagement.scope(report)
            let given = report == .soc1 ? (soc1, soc1Period, soc1AsOf) : (soc2, soc2Period, soc2AsOf)
            guard given.0 != nil || given.1 != nil || given.2 != nil else { continue }
            let type = given.0 ?? ReportType(rawValue: current.typeName) ?? .none
            let newPeriod = period(given.1, "\(report.rawValue)-period") ?? current.period
            let asOf = day(given.2, "\(report.rawValue)-as-of") ?? (current.period == nil ? current.endDay : nil)
            if given.1 != nil && type != .type2 || given.2 != nil && type != .type1 {
                problems.append(
                    Diagnostic(
                        .error, "scope-mismatch",
                        "a \(report.title) \(type == .type1 ? "Type 1 takes --\(report.rawValue)-as-of, not a period" : type == .type2 ? "Type 2 takes --\(report.rawValue)-period, not an as-of date" : "that is not issued takes no dates")",
                        hint: "Type 1 speaks as of a date; Type 2 covers a period"))
                continue
            }
            switch ReportScope.make(type, period: newPeriod, asOf: asOf, report: report) {
            case .success(let scope): if report == .soc1 { engagement.soc1 = scope } else { engagement.soc2 = scope }
            case .failure(let problem): problems.append(problem)
            }
        }
        if let categories {
            var chosen: Set<TSCCategory> = [.security]
            for text in categories.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            where !text.isEmpty {
                if let category = TSCCategory(spelling: text) {
                    chosen.insert(category)
                } else {
                    problems.append(
                        Diagnostic(
                            .error, "unknown-category", "unknown SOC 2 category \"\(text)\"",
                            hint: "choose from: \(TSCCategory.allowedList)"))
                }
            }
            engagement.categories = chosen
        }
        if let objectives {
            if objectives.trimmingCharacters(in: .whitespaces).lowercased() == "all" {
                engagement.objectives = nil
            } else {
                let index = Dictionary(
                    workspace.objectives.map { ($0.id.rawValue.uppercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
                engagement.objectives = objectives.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                    .map { index[$0.uppercased()] ?? ObjectiveID($0) }
            }
        }
        for report in ReportKind.allCases {
            let prefix = report.rawValue
            let given =
                report == .soc1
                ? (soc1Interim, soc1InterimCutoff, soc1Fieldwork ?? fieldwork, soc1ReportDate)
                : (soc2Interim, soc2InterimCutoff, soc2Fieldwork ?? fieldwork, soc2ReportDate)
            var settings = engagement.calendarSettings(report)
            if let text = given.0 {
                if let interim = CalendarSettings.Interim(text: text) {
                    settings.interim = interim
                } else {
                    problems.append(
                        Diagnostic(
                            .error, "invalid-period",
                            "--\(prefix)-interim \"\(text)\" is neither a period, none nor auto",
                            hint: "write START..END, e.g. 2026-10-12..2026-10-23, or none"))
                }
            }
            if let text = given.1 { settings.interimCutoff = day(text, "\(prefix)-interim-cutoff") }
            if let text = given.2, !settings.setFieldwork(text) {
                problems.append(
                    Diagnostic(
                        .error, "invalid-period",
                        "--\(soc1Fieldwork == nil && soc2Fieldwork == nil ? "fieldwork" : "\(prefix)-fieldwork") \"\(text)\" is neither a date nor a period",
                        hint: "write YYYY-MM-DD or START..END"))
            }
            if let text = given.3 { settings.reportDate = day(text, "\(prefix)-report-date") }
            engagement.setCalendarSettings(settings, for: report)
        }
        if let effortProfile {
            let key = Spelling.key(effortProfile)
            if key == "default" || key.isEmpty {
                engagement.effortProfile = nil
            } else if let profile = EffortModel.profiles.first(where: { Spelling.key($0) == key }) {
                engagement.effortProfile = profile
            } else {
                problems.append(
                    Diagnostic(
                        .error, "unknown-effort-profile", "unknown effort profile \"\(effortProfile)\"",
                        hint: "choose from: \(EffortModel.profiles.joined(separator: ", ")), or default"))
            }
        }
        // A refused report scope stays "none"; saying the engagement then issues no report would mislead.
        let checks = engagement.validate(objectives: workspace.objectives)
        return problems + (problems.hasErrors ? checks.filter { $0.code != "no-report" } : checks)
    }
}

struct EngagementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engagement",
        abstract: "Create and manage joint engagements: which reports, which type, which windows.",
        subcommands: [Create.self, List.self, Show.self, Copy.self, Update.self, Delete.self, RiskCommand.self])

    /// Validates, reports and saves; throws (exit 1) without writing on any error.
    static func save(_ engagement: Engagement, problems: [Diagnostic], store: Store, replacing: String? = nil) throws {
        Console.report(problems)
        if problems.hasErrors {
            throw CLIError(message: "engagement \(engagement.name) not saved; nothing was written")
        }
        try store.save(engagement, replacing: replacing)
    }

    static func checkName(_ name: String) throws {
        if name.isEmpty || name.contains(where: { $0 == "," || $0 == ";" || $0.isNewline }) {
            throw CLIError(
                message: "engagement name \"\(name)\" must be non-empty without commas, semicolons or line breaks")
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an engagement.",
            discussion: """
                Each report is none, type1 (with an as-of date) or type2 (with a period of at most 12
                months). Security is always in a SOC 2's scope; --categories adds the others.

                Example:
                  socplan engagement create fy2026 --soc1 type2 --soc1-period 2026-01-01..2026-12-31 \\
                      --soc2 type2 --soc2-period 2026-01-01..2026-12-31 --categories availability,confidentiality
                  socplan engagement create first-year --soc1 type1 --soc1-as-of 2026-06-30 --soc2 none
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "A short name, e.g. fy2026.") var name: String
        @OptionGroup var scope: ScopeOptions

        func run() throws {
            try EngagementCommand.checkName(name)
            let store = try workspace.open()
            let snapshot = try store.snapshot()
            if snapshot.engagements.contains(where: { $0.name == name }) {
                throw CLIError(
                    message: "an engagement named \(name) already exists",
                    hint: "change it with `socplan engagement update \(name) ...`")
            }
            var engagement = Engagement(name: name)
            let problems = scope.apply(to: &engagement, workspace: snapshot)
            try EngagementCommand.save(engagement, problems: problems, store: store)
            Console.write(
                "created engagement \(name): SOC 1 \(engagement.soc1.summary); SOC 2 \(engagement.soc2.summary)\n")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change an engagement; options not given keep their value.",
            discussion: """
                Example:
                  socplan engagement update fy2026 --categories availability --fieldwork 2027-01-18
                  socplan engagement update fy2026 --soc1-interim none --soc2-report-date 2027-03-01
                  socplan engagement update fy2026 --soc2 type1 --soc2-as-of 2026-12-31
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The engagement to change.") var name: String
        @Option(help: "A new name.") var rename: String?
        @OptionGroup var scope: ScopeOptions

        func run() throws {
            let store = try workspace.open()
            let snapshot = try store.snapshot()
            var engagement = try EngagementOption.resolve(name, in: snapshot)
            if let rename {
                try EngagementCommand.checkName(rename)
                if rename != name && snapshot.engagements.contains(where: { $0.name == rename }) {
                    throw CLIError(message: "an engagement named \(rename) already exists")
                }
                engagement.name = rename
            }
            let problems = scope.apply(to: &engagement, workspace: snapshot)
            try EngagementCommand.save(engagement, problems: problems, store: store, replacing: name)
            Console.write(
                "updated engagement \(engagement.name): SOC 1 \(engagement.soc1.summary); SOC 2 \(engagement.soc2.summary)\n"
            )
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy an engagement under a new name (for what-if variants).",
            discussion: "Example:\n  socplan engagement copy fy2026 fy2026-with-availability")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The engagement to copy.") var name: String
        @Argument(help: "The new name.") var newName: String

        func run() throws {
            try EngagementCommand.checkName(newName)
            let store = try workspace.open()
            let snapshot = try store.snapshot()
            var engagement = try EngagementOption.resolve(name, in: snapshot)
            if snapshot.engagements.contains(where: { $0.name == newName }) {
                throw CLIError(message: "an engagement named \(newName) already exists")
            }
            engagement.name = newName
            try store.save(engagement)
            Console.write("copied \(name) to \(newName)\n")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete an engagement (the inventory is untouched).",
            discussion: "Example:\n  socplan engagement delete first-year")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The engagement to delete.") var name: String

        func run() throws {
            let store = try workspace.open()
            _ = try EngagementOption.resolve(name, in: try store.snapshot())
            _ = try store.deleteEngagement(named: name)
            Console.write("deleted engagement \(name)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List engagements.", discussion: "Example:\n  socplan engagement list")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let engagements = try workspace.open().snapshot().engagements
            if output.resolved == .json {
                return Console.write(try Render.json(engagements.sorted { $0.name < $1.name }.map(EngagementJSON.init)))
            }
            Console.write(try Render.rows(InventoryExport.engagements(engagements), as: output.resolved))
        }
    }

    /// An engagement as JSON: its fields, with the categories in the catalog's order (a set has none).
    struct EngagementJSON: Encodable {
        var name: String
        var soc1: ReportScope
        var soc2: ReportScope
        var categories: [TSCCategory]
        var objectives: [ObjectiveID]?
        var soc1Calendar: CalendarSettings
        var soc2Calendar: CalendarSettings
        var riskAssessments: [ControlID: RiskAssessment]
        var effortProfile: String?

        init(_ engagement: Engagement) {
            name = engagement.name
            soc1 = engagement.soc1
            soc2 = engagement.soc2
            categories = TSCCategory.allCases.filter(engagement.categories.contains)
            objectives = engagement.objectives
            soc1Calendar = engagement.soc1Calendar
            soc2Calendar = engagement.soc2Calendar
            riskAssessments = engagement.riskAssessments
            effortProfile = engagement.effortProfile
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an engagement and what is in scope.",
            discussion: "Example:\n  socplan engagement show fy2026")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "The engagement (default: the only one).") var name: String?

        func run() throws {
            let store = try workspace.open()
            let snapshot = try store.snapshot()
            let engagement = try EngagementOption.resolve(
                name, in: snapshot, how: "as in `socplan engagement show NAME`")
            var loaded: [Diagnostic] = []
            guard
                case .holidays(let holidays)? = try ConfigCommand.Setting.holidays.load(
                    file: nil, store: store, diagnostics: &loaded)
            else {
                Console.report(loaded)
                throw CLIError(message: "the workspace's holiday calendar has errors")
            }
            let catalog = try Catalogs.load()
            let objectives = engagement.objectivesInScope(snapshot.objectives)
            let criteria = engagement.criteriaInScope(catalog.criteria)
            var lines = [
                "Engagement \(engagement.name)",
                "SOC 1:       \(engagement.soc1.summary)",
                "SOC 2:       \(engagement.soc2.summary)",
                "Categories:  \(engagement.soc2.isIssued ? engagement.orderedCategories.map(\.rawValue).joined(separator: ", ") : "-")",
                "Objectives:  \(engagement.soc1.isIssued ? (engagement.objectives == nil ? "all \(objectives.count)" : objectives.map(\.id.rawValue).joined(separator: ", ")) : "-")",
                "Criteria:    \(criteria.count) in scope",
                "Effort:      \(engagement.effortProfile ?? "\(EffortModel.defaultProfile) (default)") profile",
                "Risk:        \(engagement.riskAssessments.isEmpty ? "the client's labels" : "\(Console.plural(engagement.riskAssessments.count, "auditor's assessment")), \(engagement.riskAssessments.values.filter { $0.risk == .high }.count) higher (`socplan engagement risk list`)")",
            ]
            lines += PlanRender.calendarLines(EngagementCalendar(engagement: engagement, holidays: holidays))
            let problems = engagement.validate(objectives: snapshot.objectives)
            lines += problems.map { "\($0.severity.rawValue): \($0.message)" }
            Console.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
