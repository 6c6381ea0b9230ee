import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on the bundled sample (Acme Payroll) and print what socplan sees.",
        discussion: """
            Builds a workspace for the sample organization from the payroll profile and a carved-out
            public cloud (no starter controls), imports its spreadsheet control matrix (loose headers and spellings, as real ones are) and prints
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
        let seed = catalog.seed(BundledSample.seed)
        let (snapshot, outcome) = BundledSample.workspace(catalog: catalog)
        let engagement = BundledSample.engagement
        let period = engagement.soc1.period?.description ?? ""
        Console.write(
            "== \(snapshot.info.organization): a \(catalog.profile(BundledSample.profile)?.name ?? "payroll") provider\n\n"
        )
        Console.write(
            "1. socplan init --org \"\(snapshot.info.organization)\" --profile payroll --cloud generic   (no starter controls: Acme brings its own)\n"
        )
        Console.write(
            "   "
                + InitCommand.summary(
                    path: "socplan.sqlite", org: snapshot.info.organization, request: BundledSample.seed, seed: seed,
                    catalog: catalog) + "\n")
        Console.write(
            "2. socplan import acme-payroll-controls.csv acme-payroll-customers.csv acme-payroll-cuecs.csv   (bundled; in the source: Catalogs/sample/)\n"
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

        Console.write("\n7. socplan estimate\n")
        indented(try PlanRender.renderEstimates([plan], rate: nil, format: .table))

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
        try fieldwork(plan, workspace: workspace)
        if let workspace {
            Console.write(
                "\nThe workspace is in \(workspace): try `socplan controls list --workspace \(workspace) --criterion CC6.1`,\n"
                    + "`socplan sample show --workspace \(workspace)` or `socplan report --workspace \(workspace) --section4 soc1 --format md`.\n"
            )
        }
    }

    /// Steps 10–13: generated populations, the selection, a few exceptions and their effect on each report.
    private func fieldwork(_ plan: EngagementPlan, workspace: String?) throws {
        let stamp = "2026-10-12T09:00:00Z"
        var fieldwork = Fieldwork()
        let generated = BundledFieldwork.populations(plan, addedAt: stamp)
        for (index, entry) in generated.enumerated() {
            var population = entry.population
            population.id = index + 1
            fieldwork.populations.append(population)
        }
        let rows = generated.reduce(0) { $0 + $1.population.rowCount }
        Console.write(
            "\n10. socplan population add R-… FILE   (generated: one population per population request)\n")
        indented(
            "\(generated.count) populations, \(rows) rows, e.g. \(generated.first.map { "\($0.file) for \($0.population.requestID): \($0.population.rowCount) rows, sha256 \($0.population.sha256.prefix(16))…" } ?? "")\n"
        )

        let run = SelectionRun(
            plan: plan, fieldwork: fieldwork, options: SelectionOptions(by: "socplan demo", at: stamp))
        var selections = run.added
        for index in selections.indices { selections[index].id = index + 1 }
        fieldwork.selections = selections
        let items = selections.reduce(0) { $0 + $1.items.count }
        let both = selections.flatMap(\.items).filter { $0.reports.count == 2 }.count
        Console.write("\n11. socplan sample select   (SplitMix64, seeded per stratum: docs/fieldwork.md)\n")
        indented(
            "\(items) items in \(selections.count) strata; \(both) of them count for both reports (shared controls, selected once)\n"
                + (selections.first { $0.source.hasPrefix("P-") }.map { s in
                    "e.g. \(s.control) \(s.fieldwork): \(s.items.prefix(4).map { "\($0.key) (\($0.date))" }.joined(separator: ", ")) … (seed \(s.seed))\n"
                } ?? ""))

        let table = try FieldworkFiles.builtInExtensionTable()
        var chosen = BundledFieldwork.results(selections, plan: plan)
        fieldwork.results = chosen.results
        fieldwork.conclusions = chosen.conclusions
        Console.write("\n12. socplan results import results.csv   (every item tested; a few exceptions)\n")
        var lines: [String] = []
        if let shared = chosen.shared {
            let assessment = ResultsAssessment(plan: plan, fieldwork: fieldwork, table: table)
            let by =
                ReportKind.allCases.compactMap { report -> Int? in
                    if case .extend(let by)? = assessment.status(shared, report)?.state { return by }
                    return nil
                }.max() ?? 0
            lines.append("\(shared): 1 exception in its sample: the extension table asks for \(by) more items")
            let mine = fieldwork.selections.indices.filter { fieldwork.selections[$0].control == shared }
            let planned = mine.reduce(0) { $0 + fieldwork.selections[$1].planned }
            var left = by
            for (offset, index) in mine.enumerated() {
                let share = offset == mine.count - 1 ? left : by * fieldwork.selections[index].planned / max(planned, 1)
                left -= share
                if let extra = SelectionRun.extensionItems(
                    of: fieldwork.selections[index], count: share, fieldwork: fieldwork, plan: plan)
                {
                    fieldwork.selections[index].items += extra
                }
            }
            lines.append("socplan sample extend --control \(shared): \(by) more items, tested without exception")
            chosen = BundledFieldwork.results(fieldwork.selections, plan: plan)
            fieldwork.results = chosen.results
        }
        if let failed = chosen.failed { lines.append("\(failed): 2 exceptions: not effective") }
        indented(lines.joined(separator: "\n") + "\n")

        let assessment = ResultsAssessment(plan: plan, fieldwork: fieldwork, table: table)
        Console.write("\n13. socplan check   (what the exceptions do to each report)\n")
        let shown = FieldworkChecks.check(plan: plan, fieldwork: fieldwork, results: assessment).filter {
            ["control-exception", "compensating-control", "qualification-risk", "report-results"].contains($0.code)
        }
        indented(shown.map { "\($0.severity.rawValue)[\($0.code)]: \($0.message)" }.joined(separator: "\n") + "\n")
        if let shared = chosen.shared, let status = assessment.status(shared, .soc1) {
            Console.write("\n    section 4, \(shared): \(status.resultsText)\n")
        }

        if let workspace {
            let store = try Store.open(at: workspace)
            var ids: [Int: Int] = [:]
            for population in fieldwork.populations { ids[population.id] = try store.add(population) }
            let stored = fieldwork.selections.map { selection -> Selection in
                var selection = selection
                selection.source = selection.source.split(separator: "+").map { part in
                    part.hasPrefix("P-") ? "P-\(ids[Int(part.dropFirst(2)) ?? 0] ?? 0)" : String(part)
                }.joined(separator: "+")
                return selection
            }
            try store.record(selections: stored, superseding: [])
            try store.record(
                results: fieldwork.results, conclusions: fieldwork.conclusions, engagement: plan.engagement.name)
        }
    }

    private func indented(_ text: String) {
        Console.write(
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "\n" : "   \($0)\n" }
                .joined())
    }

}
