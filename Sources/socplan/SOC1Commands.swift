import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

struct CUECsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cuecs",
        abstract: "Complementary user entity controls: list them, and check that a customer's auditor can test them.",
        discussion: """
            A testable CUEC names who at the customer acts, a concrete action, when (a frequency or
            trigger), the evidence it leaves, avoids untestable words ("appropriate", "adequate",
            "as needed", "periodically", "timely" with no time, "ensure" with no action), and names
            the objective or criterion it supports. Import them from cuecs.csv.

            Example:
              socplan cuecs list
              socplan cuecs check                 # exit 1 when any CUEC could not be tested
              socplan cuecs check --format json
            """,
        subcommands: [List.self, Check.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the CUECs.", discussion: "Example:\n  socplan cuecs list --format csv")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let cuecs = try workspace.open().snapshot().cuecs
            if output.resolved == .json { return Console.write(try Render.json(cuecs)) }
            Console.write(try Render.rows(InventoryExport.cuecs(cuecs), as: output.resolved))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Score each CUEC for testability and list those a user auditor could not test.",
            discussion: "Example:\n  socplan cuecs check")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: OutputFormat.help) var format: OutputFormat = .table

        func run() throws {
            let assessments = try workspace.open().snapshot().cuecs.map(CUECChecker.assess)
            let rows =
                [["cuec_id", "score", "testable", "problems", "text"]]
                + assessments.map {
                    [
                        $0.cuec.id, "\($0.score)%", $0.testable ? "yes" : "no",
                        $0.problems.map { $0.message.replacingOccurrences(of: "\($0.subject ?? ""): ", with: "") }
                            .joined(separator: "; "),
                        $0.cuec.text,
                    ]
                }
            switch format {
            case .json: Console.write(try Render.json(assessments.map(CUECJSON.init)))
            default: Console.write(try Render.rows(rows, as: format))
            }
            let untestable = assessments.filter { !$0.testable }
            if format == .table || format == .md {
                Console.write(
                    "\n\(assessments.count - untestable.count) of \(assessments.count) CUECs are testable as written"
                        + (untestable.isEmpty
                            ? ".\n"
                            : "; a user auditor could not test: \(untestable.map(\.cuec.id).joined(separator: ", "))\n")
                )
            }
            Console.report(assessments.flatMap(\.problems))
            if !untestable.isEmpty {
                throw CLIError(message: "\(Console.plural(untestable.count, "CUEC")) could not be tested as written")
            }
        }
    }

    struct CUECJSON: Encodable {
        var id: String
        var score: Int
        var testable: Bool
        var problems: [Diagnostic]
        var text: String
        init(_ assessment: CUECAssessment) {
            id = assessment.cuec.id
            score = assessment.score
            testable = assessment.testable
            problems = assessment.problems
            text = assessment.cuec.text
        }
    }
}

struct WindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract:
            "Choose the SOC 1 period end that covers the most customers' fiscal years; who needs a bridge letter.",
        discussion: """
            For each possible end month: the revenue-weighted share of customers covered. A customer
            is covered when the gap g from the period end to its fiscal year end (0–11 months,
            counted forward) is at most --max-bridge, and the period overlaps its fiscal year by at
            least --min-overlap months (overlap = min(length, 12 − g)). A period that runs a months
            past a customer's year end shares min(12, length − a) months with that fiscal year
            (October year end, calendar-year report: 10 of 12) and covers the customer only when
            the report is dated by its report_needed_by deadline. Customers come from
            customers.csv (customer, fiscal_year_end MM-DD, weight, report_needed_by MM-DD).

            Example:
              socplan window
              socplan window --length 6 --min-overlap 3 --format json
              socplan window --engagement fy2026      # customers its SOC 1 window leaves out
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Period length in months.") var length = 12
    @Option(help: "The longest gap a bridge letter may cover, in months.") var maxBridge = 3
    @Option(help: "The least overlap with a customer's fiscal year, in months.") var minOverlap = 6
    @Option(help: "Share of customers (percent) one end month should cover before two reports a year are suggested.")
    var target = 80.0
    @Option(help: "Check this engagement's SOC 1 window instead of recommending one.") var engagement: String?
    @Option(help: OutputFormat.help) var format: OutputFormat = .table

    func validate() throws {
        guard (1...12).contains(length) else { throw ValidationError("--length must be 1 to 12 months") }
        guard (0...11).contains(maxBridge) else { throw ValidationError("--max-bridge must be 0 to 11 months") }
        guard (0...12).contains(minOverlap) else { throw ValidationError("--min-overlap must be 0 to 12 months") }
        guard (0...100).contains(target) else { throw ValidationError("--target is a percentage from 0 to 100") }
    }

    func run() throws {
        let snapshot = try workspace.open().snapshot()
        guard !snapshot.customers.isEmpty else {
            throw CLIError(
                message: "the workspace has no customers",
                hint: "import customers.csv with the columns customer, fiscal_year_end (MM-DD), weight")
        }
        var parameters = WindowAnalysis.Parameters(
            length: length, maxBridge: maxBridge, minOverlap: minOverlap, target: target / 100)
        if let engagement {
            let chosen = try EngagementOption.resolve(engagement, in: snapshot)
            guard case .type2(let period) = chosen.soc1 else {
                throw CLIError(
                    message: "engagement \(chosen.name) has no SOC 1 Type 2 period to check",
                    hint: "window checks a period's end against fiscal years")
            }
            parameters.length = Int(period.months.rounded())
            parameters.minOverlap = min(parameters.minOverlap, parameters.length)
            let fits = snapshot.customers.map { WindowAnalysis.fit($0, endMonth: period.end.month, parameters) }
                .filter { !$0.covered || $0.bridgeMonths > 0 }
            Console.note("SOC 1 period \(period) of \(chosen.name): customers not covered or needing a bridge letter")
            if format == .json {
                Console.write(try Render.json(fits.map(WindowJSON.Customer.init)))
            } else {
                Console.write(try Render.rows([Self.header] + fits.map(Self.row), as: format))
            }
            return
        }
        guard let analysis = WindowAnalysis(customers: snapshot.customers, parameters: parameters) else {
            throw CLIError(message: "the customers' weights add up to zero", hint: "give weights (revenue, or 1 each)")
        }
        switch format {
        case .json:
            Console.write(try Render.json(WindowJSON(analysis)))
        case .csv:
            Console.write(
                Render.csv(
                    [["end_month", "coverage"]]
                        + analysis.months.map { [String($0.endMonth), Self.percent($0.coverage)] }))
        case .table, .md:
            let name = WindowMonth.name
            var lines = [
                analysis.recommended.coverage == 0
                    ? "No period end covers any customer with a \(parameters.length)-month period, at most \(parameters.maxBridge) months of bridge and at least \(parameters.minOverlap) months of overlap"
                    : "Recommended period end: \(name(analysis.recommended.endMonth)) (covers \(Self.percent(analysis.recommended.coverage)) of customers by weight)",
                "Runner-up: \(name(analysis.runnerUp.endMonth)) (\(Self.percent(analysis.runnerUp.coverage)))",
            ]
            if let pair = analysis.twoReports {
                lines.append(
                    "No single end month covers \(Self.percent(parameters.target)): two reports a year, ending \(name(pair.first)) and \(name(pair.second)), cover \(Self.percent(pair.coverage))"
                )
            }
            Console.write(lines.joined(separator: "\n") + "\n\n")
            Console.write(
                try Render.rows(
                    [["end month", "coverage"]]
                        + analysis.months.map { [name($0.endMonth), Self.percent($0.coverage)] }, as: format))
            Console.write("\nCustomers against a period ending \(name(analysis.recommended.endMonth)):\n")
            if format == .md { Console.write("\n") }
            Console.write(try Render.rows([Self.header] + analysis.customers.map(Self.row), as: format))
        }
    }

    static let header = [
        "customer", "fiscal_year_end", "weight", "gap_months", "overlap_months", "covered", "bridge_months",
        "after_year_end_months", "deadline",
    ]

    static func row(_ fit: WindowAnalysis.Fit) -> [String] {
        [
            fit.customer.name, fit.customer.fiscalYearEnd, PlanRender.number(fit.customer.weight), String(fit.gap),
            String(fit.overlap),
            fit.covered ? "yes" : "no", String(fit.bridgeMonths), String(fit.afterYearEnd),
            fit.deadline?.description ?? "",
        ]
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// The documented JSON: recommended, runner_up, months, customers (and two_reports when suggested).
    struct WindowJSON: Encodable {
        struct Month: Encodable {
            var endMonth: Int
            var coverage: Double
            enum CodingKeys: String, CodingKey {
                case endMonth = "end_month"
                case coverage
            }
        }
        struct Customer: Encodable {
            var customer: String
            var fiscalYearEnd: String
            var weight: Double
            var gap: Int
            var overlap: Int
            var covered: Bool
            var bridgeNeeded: Bool
            var bridgeMonths: Int
            var afterYearEnd: Int
            var deadline: String?
            enum CodingKeys: String, CodingKey {
                case customer
                case fiscalYearEnd = "fiscal_year_end"
                case weight, gap, overlap, covered
                case bridgeNeeded = "bridge_needed"
                case bridgeMonths = "bridge_months"
                case afterYearEnd = "after_year_end_months"
                case deadline
            }

            init(_ fit: WindowAnalysis.Fit) {
                customer = fit.customer.name
                fiscalYearEnd = fit.customer.fiscalYearEnd
                weight = fit.customer.weight
                gap = fit.gap
                overlap = fit.overlap
                covered = fit.covered
                bridgeNeeded = fit.covered && fit.gap > 0
                bridgeMonths = fit.bridgeMonths
                afterYearEnd = fit.afterYearEnd
                deadline = fit.deadline?.description
            }
        }
        struct Pair: Encodable {
            var endMonths: [Int]
            var coverage: Double
            enum CodingKeys: String, CodingKey {
                case endMonths = "end_months"
                case coverage
            }
        }
        var recommended: Month
        var runnerUp: Month
        var months: [Month]
        var customers: [Customer]
        var twoReports: Pair?
        enum CodingKeys: String, CodingKey {
            case recommended
            case runnerUp = "runner_up"
            case months, customers
            case twoReports = "two_reports"
        }

        init(_ analysis: WindowAnalysis) {
            func month(_ m: WindowAnalysis.Month) -> Month {
                Month(endMonth: m.endMonth, coverage: (m.coverage * 10000).rounded() / 10000)
            }
            recommended = month(analysis.recommended)
            runnerUp = month(analysis.runnerUp)
            months = analysis.months.map(month)
            customers = analysis.customers.map(Customer.init)
            twoReports = analysis.twoReports.map {
                Pair(endMonths: [$0.first, $0.second], coverage: ($0.coverage * 10000).rounded() / 10000)
            }
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Every lint in one place: gaps, CUECs, subservice monitoring, window, owners, evidence, assertions.",
        discussion: """
            Prints compiler-style diagnostics (severity, what, where, hint). --fail-on sets the exit
            status: error (the default) exits 1 when any error is found, warning also on warnings,
            never always exits 0. On a terminal, warnings of one code that repeat more than 3 times are
            one line with the count and the others' ids; --format csv, json or md list every diagnostic,
            one per row ({severity, code, subject, message, hint} in JSON).

            Example:
              socplan check
              socplan check --fail-on warning --format json > lint.json
            """)

    enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning, never }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var parameters: ParameterOptions
    @Option(help: "The engagement (default: the only one; none: the inventory alone).") var engagement: String?
    @Option(help: "error, warning or never.") var failOn: FailOn = .error
    @Option(help: OutputFormat.help) var format: OutputFormat = .table

    func run() throws {
        let store = try workspace.open()
        let snapshot = try store.snapshot()
        let plan: EngagementPlan? =
            engagement != nil || snapshot.engagements.count == 1
            ? try PlanningOptions.plans(
                [engagement].compactMap { $0 }, workspace: workspace, parameters: parameters,
                // No lint reads a row's test procedure: none is written.
                opened: (store, snapshot), procedures: false
            ).first : nil
        var diagnostics = WorkspaceChecker.check(plan?.workspace ?? snapshot, plan: plan).map(Wording.forCommandLine)
        if let plan, case (let fieldwork, let results?) = try ResultsCommand.load(plan, store: store) {
            diagnostics += FieldworkChecks.check(plan: plan, fieldwork: fieldwork, results: results)
        }
        let ordered = diagnostics.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        switch format {
        case .json:
            Console.write(try Render.json(ordered.map(CheckJSON.init)))
        case .csv, .md:
            // Every diagnostic, one per row, for a spreadsheet or a wiki.
            Console.write(try Render.rows([CheckJSON.header] + ordered.map { CheckJSON($0).row }, as: format))
        case .table:
            for group in DiagnosticGroup.grouped(
                ordered, threshold: Console.groupThreshold, grouping: [.warning, .note], onlyWithSubject: true)
            {
                Console.write(Console.lines(group, on: .standardOutput))
            }
            Console.write(
                "\(Console.plural(diagnostics.errors.count, "error")), \(Console.plural(diagnostics.warnings.count, "warning")), "
                    + "\(Console.plural(diagnostics.filter { $0.severity == .note }.count, "note"))\n")
        }
        let failing =
            failOn == .never
            ? false : failOn == .error ? diagnostics.hasErrors : diagnostics.contains { $0.severity >= .warning }
        if failing { throw ExitCode(1) }
    }

    struct CheckJSON: Encodable {
        static let header = ["severity", "code", "subject", "message", "hint"]
        var row: [String] { [severity, code, subject, message, hint] }
        var severity, code, subject, message, hint: String
        init(_ d: Diagnostic) {
            severity = d.severity.rawValue
            code = d.code
            subject = d.subject ?? ""
            message = d.message
            hint = d.hint
        }
    }
}
