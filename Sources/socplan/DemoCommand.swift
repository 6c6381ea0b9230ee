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
            the import report and the inventory overview. Nothing is written unless --workspace is
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
        let info = WorkspaceInfo(organization: BundledSample.organization, profile: BundledSample.profile)
        let changes = InventoryChanges(objectives: seed.objectives, evidence: seed.evidence)
        let store: Store
        if let workspace {
            store = try Store.create(at: workspace, info: info, criteria: catalog.criteria, seed: changes, force: force)
        } else {
            store = try Store.inMemory()
            try store.initialise(info: info, criteria: catalog.criteria, seed: changes)
        }
        Console.write("== \(info.organization): a \(catalog.profile(BundledSample.profile)?.name ?? "payroll") provider\n\n")
        Console.write("1. socplan init --org \"\(info.organization)\" --profile payroll --no-starter-controls\n")
        Console.write("   \(seed.objectives.count) SOC 1 objectives, \(seed.evidence.count) evidence items, \(catalog.criteria.count) criteria\n\n")
        Console.write("2. socplan import \(BundledSample.controlsPath)\n")
        let outcome = InventoryImporter.prepare(
            files: [BundledSample.controls], options: .init(), workspace: try store.snapshot(), catalog: catalog)
        Console.report(outcome.diagnostics)
        if outcome.diagnostics.hasErrors { throw CLIError(message: "the bundled sample does not import (a build problem)") }
        try store.apply(outcome.changes)
        Console.write(
            ImportCommand.summary(outcome, dryRun: false).split(separator: "\n").map { "   \($0)\n" }.joined() + "\n")

        let overview = InventoryOverview(workspace: try store.snapshot(), criteria: catalog.criteria)
        Console.write("3. The shared inventory\n")
        let rows = [
            ["", "controls", "share"],
            ["serve both reports (SOC 1 objective and TSC criterion)", "\(overview.mappedToBoth)", share(overview.mappedToBoth, overview.controls)],
            ["SOC 1 only", "\(overview.soc1Only)", share(overview.soc1Only, overview.controls)],
            ["SOC 2 only", "\(overview.soc2Only)", share(overview.soc2Only, overview.controls)],
            ["unmapped", "\(overview.unmapped)", share(overview.unmapped, overview.controls)],
            ["total (key controls: \(overview.keyControls))", "\(overview.controls)", "100%"],
        ]
        Console.write(Render.table(rows, maxWidth: 70).split(separator: "\n").map { "   \($0)\n" }.joined() + "\n")
        Console.write("4. Gaps\n")
        Console.write("   Security criteria with no control: \(list(overview.uncoveredSecurityCriteria.map(\.rawValue)))\n")
        Console.write("   SOC 1 objectives with no control:  \(list(overview.uncoveredObjectives.map(\.rawValue)))\n")
        if let workspace {
            Console.write("\nThe workspace is in \(workspace): try `socplan --workspace \(workspace) controls list --criterion CC6.1`.\n")
        }
    }

    private func share(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }

    private func list(_ ids: [String]) -> String { ids.isEmpty ? "none" : ids.joined(separator: ", ") }
}
