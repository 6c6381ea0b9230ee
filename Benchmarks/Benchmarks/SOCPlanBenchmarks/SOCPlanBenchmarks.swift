// The benchmarks of issue 16, through the library API (what each command does, without the
// process start-up and the argument parsing): import of 10,000 and 100,000 generated controls;
// overlap, plan, requests, estimate and the HTML report at 10,000 and 20,000; and the read
// commands (overlap, check, catalog criteria) on the bundled 70-control sample. Each reports
// wall time, instructions, peak resident memory and malloc calls. The read-commands-versus-start-
// up ratio needs the binary run as a process: .ci/bench-compare measures it with hyperfine.
//
// Generated inputs and workspaces are cached in $SOCPLAN_BENCH_DIR (default
// /tmp/socplan-bench), so a benchmark's setup builds them once.
import Benchmark
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .instructions, .peakMemoryResident, .mallocCountTotal]
    Benchmark.defaultConfiguration = .init(
        metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)
    let slow = Benchmark.Configuration(
        metrics: metrics, timeUnits: .milliseconds, warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)

    for count in [10_000, 100_000] {
        Benchmark("import \(count / 1000)k controls", configuration: count > 10_000 ? slow : .init()) { benchmark in
            let files = try Fixtures.inventory(count)
            let path = Fixtures.directory + "/import-\(count).sqlite"
            let catalog = try CatalogLoader.builtIn()
            let store = try Fixtures.emptyWorkspace(at: path, catalog: catalog)
            benchmark.startMeasurement()
            let inputs = try files.map {
                InputFile(name: $0, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: $0))))
            }
            let outcome = InventoryImporter.prepare(
                files: inputs, options: .init(), workspace: try store.snapshot(), catalog: catalog)
            precondition(!outcome.diagnostics.hasErrors, "the generated inventory does not import")
            try store.apply(outcome.changes)
            benchmark.stopMeasurement()
        } setup: {
            _ = try Fixtures.inventory(count)
        }
    }

    for count in [10_000, 20_000] {
        let size = "\(count / 1000)k"
        func planned() throws -> (Store, Workspace, EngagementPlan, Catalog) {
            let store = try Store.open(at: try Fixtures.workspace(count))
            let snapshot = try store.snapshot()
            let catalog = try CatalogLoader.builtIn()
            let engagement = try required(snapshot.engagements.first)
            let plan = EngagementPlan.make(
                PlanInputs(
                    workspace: snapshot, engagement: engagement, criteria: catalog.criteria,
                    table: try ParameterLoader.builtInSampleTable(), model: try ParameterLoader.builtInEffortModel(),
                    holidays: try ParameterLoader.builtInHolidays()))
            return (store, snapshot, plan, catalog)
        }

        Benchmark("overlap \(size)") { benchmark in
            let store = try Store.open(at: try Fixtures.workspace(count))
            let snapshot = try store.snapshot()
            let catalog = try CatalogLoader.builtIn()
            let overlap = Overlap(
                workspace: snapshot, engagement: try required(snapshot.engagements.first), criteria: catalog.criteria,
                heavyThreshold: 8)
            blackHole(try OverlapRender.render(overlap, workspace: snapshot, format: .table, detail: false))
        } setup: {
            _ = try Fixtures.workspace(count)
        }

        Benchmark("plan \(size)") { benchmark in
            let (_, _, plan, _) = try planned()
            blackHole(try PlanRender.render(plan, format: .table))
        } setup: {
            _ = try Fixtures.workspace(count)
        }

        Benchmark("requests \(size)") { benchmark in
            let (store, _, plan, _) = try planned()
            let fieldwork = try store.fieldwork(engagement: plan.engagement.name)
            blackHole(
                try RequestRender.render(
                    plan.requests.listingSelections(fieldwork), separate: plan.separateRequests,
                    model: plan.inputs.model, format: .table, grouping: nil, byteOrderMark: false))
        } setup: {
            _ = try Fixtures.workspace(count)
        }

        Benchmark("estimate \(size)") { benchmark in
            let (_, _, plan, _) = try planned()
            blackHole(try PlanRender.renderEstimates([plan], rate: nil, format: .table))
        } setup: {
            _ = try Fixtures.workspace(count)
        }

        Benchmark("report html \(size)", configuration: slow) { benchmark in
            let (_, _, plan, catalog) = try planned()
            let inputs = ReportBuilder.Inputs(plan: plan, catalog: catalog, results: nil)
            blackHole(
                try ReportRender.render(ReportBuilder.report(inputs, brief: false), template: "report", as: .html))
        } setup: {
            _ = try Fixtures.workspace(count)
        }
    }

    // The read commands on the bundled sample (70 controls), as `socplan demo --workspace` keeps it.
    Benchmark("sample: overlap") { benchmark in
        let snapshot = try Store.open(at: try Fixtures.sample()).snapshot()
        let catalog = try CatalogLoader.builtIn()
        let overlap = Overlap(
            workspace: snapshot, engagement: try required(snapshot.engagements.first), criteria: catalog.criteria,
            heavyThreshold: 8)
        blackHole(try OverlapRender.render(overlap, workspace: snapshot, format: .table, detail: false))
    } setup: {
        _ = try Fixtures.sample()
    }

    Benchmark("sample: check") { benchmark in
        let snapshot = try Store.open(at: try Fixtures.sample()).snapshot()
        let catalog = try CatalogLoader.builtIn()
        let plan = EngagementPlan.make(
            PlanInputs(
                workspace: snapshot, engagement: try required(snapshot.engagements.first), criteria: catalog.criteria,
                table: try ParameterLoader.builtInSampleTable(), model: try ParameterLoader.builtInEffortModel(),
                holidays: try ParameterLoader.builtInHolidays()))
        blackHole(WorkspaceChecker.check(plan.workspace, plan: plan))
    } setup: {
        _ = try Fixtures.sample()
    }

    Benchmark("sample: catalog criteria") { benchmark in
        let criteria = try CatalogLoader.builtIn().criteria
        let rows =
            [["criterion_id", "category", "group", "coso_principle", "title"]]
            + criteria.map {
                [$0.id.rawValue, $0.category.rawValue, $0.group, $0.cosoPrinciple.map(String.init) ?? "", $0.title]
            }
        blackHole(try Render.rows(rows, as: .table))
    }
}

struct MissingValue: Error {}

/// The value, or a thrown error (a benchmark closure cannot use the test frameworks' `#require`).
func required<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}
