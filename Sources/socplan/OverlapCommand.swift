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
    @Option(help: "Output format: table, csv, json or md (default: table).") var format: OutputFormat = .table
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
        let overlap = Overlap(
            workspace: snapshot, engagement: chosen, criteria: try Catalogs.load().criteria, heavyThreshold: heavy)
        try Files.emit(try OverlapRender.render(overlap, workspace: snapshot, format: format, detail: detail), out: out)
        if failOnGaps && overlap.hasGaps {
            let gaps = (overlap.uncoveredCriteria + overlap.uncoveredObjectives).map(\.id)
            throw CLIError(message: "\(Console.plural(gaps.count, "gap")) in scope: \(gaps.joined(separator: ", "))")
        }
    }
}

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest SOC 1 objectives for SOC 2-mapped controls (and criteria for SOC 1-mapped ones).",
        discussion: """
            Uses the ITGC ↔ TSC crosswalk (`socplan catalog crosswalk`) both ways: a control mapped
            to a criterion that is primary for an ITGC area gets that area's objective; a control
            mapped to an ITGC objective but to none of the area's primary criteria gets them. Each
            suggestion says which crosswalk row it comes from. Nothing is written without --apply.

            Example:
              socplan suggest
              socplan suggest --apply                      # primary links only
              socplan suggest --apply --include-secondary
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var output: FormatOptions
    @Flag(help: "Write the suggestions into the inventory, in one transaction.") var apply = false
    @Flag(help: "Also suggest from secondary crosswalk links.") var includeSecondary = false

    func run() throws {
        let store = try workspace.open()
        let snapshot = try store.snapshot()
        let suggestions = MappingSuggester.suggest(
            workspace: snapshot, crosswalk: try Catalogs.load().crosswalk, includeSecondary: includeSecondary)
        let rows =
            [["control_id", "add", "id", "strength", "reason"]]
            + suggestions.map { [$0.control.rawValue, $0.target.rawValue, $0.id, $0.strength.rawValue, $0.reason] }
        if output.resolved == .json {
            Console.write(try Render.json(suggestions))
        } else {
            Console.write(try Render.rows(rows, as: output.resolved))
        }
        guard apply else {
            Console.note(
                "\(Console.plural(suggestions.count, "suggestion")); nothing written (pass --apply to write them)")
            return
        }
        let updated = MappingSuggester.apply(suggestions, to: snapshot)
        try store.apply(InventoryChanges(controls: updated))
        Console.note(
            "applied \(Console.plural(suggestions.count, "mapping")) to \(Console.plural(updated.count, "control"))")
    }
}
