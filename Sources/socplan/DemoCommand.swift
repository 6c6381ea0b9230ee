import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on the bundled sample (Acme Payroll) and print what socplan sees.",
        discussion: """
            Builds a workspace for the sample organization from the payroll profile, imports its
            spreadsheet control matrix (loose headers and spellings, as real ones are) and prints
            the import report, a calendar-2026 Type 2 engagement for both reports, and its overlap. Nothing is written unless --workspace is
            given, in which case the workspace is kept there for you to explore.

            Example:
              socplan demo
              socplan demo --workspace acme.sqlite --force && socplan --help
            """)

    @Option(help: ArgumentHelp("Keep the sample workspace in this file instead of in memory.", valueName: "path"))
    var workspace: String?

    @Flag(help: "Replace an existing file at --workspace.")
    var force = false

    func run() throws {
        let catalog = try Catalogs.load()
        let seed = catalog.seed(profile: BundledSample.profile, includeControls: false)
        let (snapshot, outcome) = BundledSample.workspace(catalog: catalog)
        let engagement = BundledSample.engagement
        let period = engagement.soc1.period?.description ?? ""
        Console.write(
            "== \(snapshot.info.organization): a \(catalog.profile(BundledSample.profile)?.name ?? "payroll") provider\n\n"
        )
        Console.write(
            "1. socplan init --org \"\(snapshot.info.organization)\" --profile payroll --no-starter-controls\n")
        Console.write(
            "   \(seed.objectives.count) SOC 1 objectives, \(seed.evidence.count) evidence items, \(catalog.criteria.count) criteria, "
                + "\(seed.cuecs.count) CUECs, the public cloud carved out with \(seed.csocs.count) CSOCs\n\n")
        Console.write(
            "2. socplan import acme-payroll-controls.csv acme-payroll-customers.csv   (bundled; in the source: Catalogs/sample/)\n"
        )
        Console.report(outcome.diagnostics)
        if outcome.diagnostics.hasErrors {
            throw CLIError(message: "the bundled sample does not import (a build problem)")
        }
        Console.write(
            ImportCommand.summary(outcome, dryRun: false).split(separator: "\n").map { "   \($0)\n" }.joined() + "\n")
        if let workspace {
            _ = try Store.create(
                at: workspace, info: snapshot.info, criteria: catalog.criteria,
                seed: InventoryChanges(workspace: snapshot),
                force: force)
        }

        Console.write("3. socplan engagement create \(engagement.name) --soc1 type2 --soc1-period \(period) \\\n")
        Console.write("       --soc2 type2 --soc2-period \(period) --categories availability,confidentiality\n\n")

        // One planning pass; every step below reads it.
        let plan = EngagementPlan.make(
            PlanInputs(
                workspace: snapshot, engagement: engagement, criteria: catalog.criteria,
                table: try ParameterLoader.builtInSampleTable(), model: try ParameterLoader.builtInEffortModel(),
                holidays: try ParameterLoader.builtInHolidays(), layers: catalog.layers,
                procedures: catalog.procedures))
        Console.write("4. socplan overlap\n")
        indented(try OverlapRender.render(plan.overlap, workspace: snapshot, format: .table, detail: false))

        Console.write("\n5. socplan plan     (the combined audit plan; the full table with --format csv)\n")
        Console.report(plan.diagnostics)
        indented(PlanRender.summaryLines(plan).joined(separator: "\n") + "\n")

        Console.write(
            "\n6. socplan requests   (the de-duplicated evidence request list; the tracker with --format csv)\n")
        Console.report(plan.requests.diagnostics)
        indented(
            RequestRender.summaryLines(joint: plan.requests, separate: plan.separateRequests, model: plan.inputs.model)
                .joined(separator: "\n") + "\n")

        Console.write("\n7. socplan estimate --rate 200\n")
        indented(try PlanRender.renderEstimates([plan.estimate], rate: 200, format: .table))

        Console.write("\n8. socplan window   (which SOC 1 period end serves the customers' fiscal years)\n")
        if let analysis = WindowAnalysis(customers: snapshot.customers, parameters: .init()) {
            let name = WindowMonth.name
            indented(
                "Recommended period end: \(name(analysis.recommended.endMonth)), covering \(WindowCommand.percent(analysis.recommended.coverage)) of customers by revenue; "
                    + "runner-up \(name(analysis.runnerUp.endMonth)) (\(WindowCommand.percent(analysis.runnerUp.coverage)))\n"
                    + "Bridge letters needed: \(analysis.customers.filter { $0.bridgeMonths > 0 }.map { "\($0.customer.name) (\($0.bridgeMonths) months)" }.joined(separator: ", "))\n"
                    + "Not served: \(analysis.customers.filter { !$0.covered }.map(\.customer.name).joined(separator: ", "))\n"
            )
        }

        Console.write("\n9. socplan check   (every lint; --format json for tools)\n")
        let diagnostics = WorkspaceChecker.check(snapshot, plan: plan)
        var counts: [String: Int] = [:]
        for diagnostic in diagnostics { counts["\(diagnostic.severity.rawValue)[\(diagnostic.code)]", default: 0] += 1 }
        indented(counts.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: "\n") + "\n")
        if let workspace {
            Console.write(
                "\nThe workspace is in \(workspace): try `socplan controls list --workspace \(workspace) --criterion CC6.1`.\n"
            )
        }
    }

    private func indented(_ text: String) {
        Console.write(
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "\n" : "   \($0)\n" }
                .joined())
    }

}
