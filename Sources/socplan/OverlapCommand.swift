import ArgumentParser
import SOCPlanCore
import SOCPlanIO

struct OverlapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlap",
        abstract: "Which controls serve both reports, which one, and what either report lacks.",
        discussion: """
            Partitions the inventory for the engagement into shared (an in-scope SOC 1 objective and
            an in-scope SOC 2 criterion: tested once), SOC 1 only, SOC 2 only, out of scope (mapped,
            but to nothing in scope) and unmapped; then the coverage of every in-scope criterion and
            objective: uncovered (a gap), thin (one control, or no key control), heavy (more than
            --heavy controls). CSV gives the coverage rows, or with --detail one row per control.

            Example:
              socplan overlap
              socplan overlap --engagement fy2026 --format json > overlap.json
              socplan overlap --fail-on-gaps       # exit 1 when anything in scope is uncovered
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var engagement: EngagementOption
    @Option(help: TableFormat.help) var format: TableFormat = .table
    @Flag(help: "Add one row per control with its class, objectives and criteria.") var detail = false
    @Option(help: "Flag a criterion or objective with more than this many controls.") var heavy = 8
    @Flag(help: "Exit 1 when an in-scope criterion or objective has no control.") var failOnGaps = false
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var out: String?

    func validate() throws {
        if heavy < 1 { throw ValidationError("--heavy must be at least 1") }
    }

    func run() throws {
        let snapshot = try workspace.open().snapshot()
        let chosen = try engagement.resolve(in: snapshot)
        let catalog = try Catalogs.load()
        let overlap = Overlap(
            workspace: snapshot, engagement: chosen, criteria: catalog.criteria, heavyThreshold: heavy,
            layers: catalog.layers)
        if format == .xlsx {
            try Files.writeWorkbook(Workbooks.overlap(overlap, workspace: snapshot), out: out)
        } else {
            try Files.emit(
                try OverlapRender.render(overlap, workspace: snapshot, format: format.text, detail: detail), out: out)
        }
        if failOnGaps && overlap.hasGaps {
            let gaps = (overlap.uncoveredCriteria + overlap.uncoveredObjectives).map(\.id)
            throw CLIError(message: "\(Console.plural(gaps.count, "gap")) in scope: \(gaps.joined(separator: ", "))")
        }
    }
}
