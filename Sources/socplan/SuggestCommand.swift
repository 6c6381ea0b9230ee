import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

extension Confidence: ExpressibleByArgument {}

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest SOC 1 objectives, missing criteria, frequency and nature, with confidence and reasons.",
        discussion: """
            Scores every SOC 1 objective for every control: the crosswalk (`socplan catalog
            crosswalk`), the control's title and description against the ITGC areas' lexicon and the
            objective's own words, its evidence and systems, and for business-process objectives the
            profile's vocabulary. The score gives the confidence (high, medium, low). Controls whose
            words point to governance, HR, policy, risk or privacy get no ITGC objective ("no SOC 1
            objective: entity-level"). Controls mapped to an ITGC objective but to none of its area's
            primary criteria get those criteria; frequency and nature are suggested when the words
            state another value. Nothing is written without --apply.

            Review row by row: write the suggestions to a file (CSV or .xlsx), fill in its accept
            column (yes, no, or blank to decide later) and apply only the accepted rows. Rows may be reordered; a row
            that no longer matches the workspace is an error, and then nothing is written.

            Example:
              socplan suggest
              socplan suggest --control AC-01                       # every candidate, scores and reasons
              socplan suggest --format csv --out review.csv         # then fill in accept
              socplan suggest --out review.xlsx                     # the same, as a workbook
              socplan suggest --apply review.csv
              socplan suggest --apply --min-confidence medium       # everything at medium or above
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(
        help:
            "Output format: table, csv, json, md or xlsx (a workbook, with --out). Default: table on a terminal, csv otherwise or with --out (xlsx for --out FILE.xlsx)."
    )
    var format: TableFormat?
    @Option(
        help: ArgumentHelp(
            "Write to this file instead of stdout (CSV, or a workbook for FILE.xlsx, unless --format says).",
            valueName: "file"))
    var out: String?
    @Option(help: "Only suggestions at least this sure: high, medium or low (default: low, everything).")
    var minConfidence: Confidence = .low
    @Option(help: ArgumentHelp("Explain one control: every candidate with its score and reasons.", valueName: "id"))
    var control: String?
    @Flag(help: "Write the suggestions (or with a review file, its accepted rows) into the inventory.")
    var apply = false
    @Argument(help: ArgumentHelp("With --apply: the review file whose accepted rows to apply.", valueName: "file"))
    var reviewFile: String?
    @Flag(help: "Also suggest the secondary crosswalk criteria of a control's ITGC objectives.")
    var includeSecondary = false

    func validate() throws {
        if reviewFile != nil && !apply {
            throw ValidationError("a review file is applied with --apply: socplan suggest --apply \(reviewFile ?? "")")
        }
        if control != nil && apply { throw ValidationError("--control explains one control; it cannot be applied") }
    }

    /// The format asked for, or the one the file name or the terminal implies.
    private var chosen: TableFormat {
        if let format { return format }
        if let out { return out.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv }
        return isatty(STDOUT_FILENO) != 0 ? .table : .csv
    }

    /// Writes a table of rows in the chosen format; a workbook needs --out.
    private func emit(_ rows: [[String]], sheet: (([[String]]) -> XLSXWriter.Sheet)) throws {
        guard chosen == .xlsx else { return try Files.emit(try Render.rows(rows, as: chosen.text), out: out) }
        guard let out else { throw CLIError(message: "--format xlsx writes a file", hint: "add --out FILE.xlsx") }
        do { try Files.write(try XLSXWriter.data([sheet(rows)]), to: out) } catch let error as XLSXError {
            throw CLIError(message: "cannot write \(out): \(error)")
        }
    }

    func run() throws {
        let store = try workspace.open()
        let snapshot = try store.snapshot()
        let catalog = try Catalogs.load()
        let profile = snapshot.info.profile.flatMap(catalog.profile)
        if let control {
            return try explain(control, snapshot: snapshot, catalog: catalog, profile: profile)
        }
        if let reviewFile {
            return try applyReview(reviewFile, store: store, snapshot: snapshot, catalog: catalog, profile: profile)
        }
        let report = MappingSuggester.suggest(
            workspace: snapshot, crosswalk: catalog.crosswalk, model: catalog.suggestion, profile: profile,
            includeSecondary: includeSecondary, minimum: minConfidence)
        try emit(SuggestionReview.rows(report, workspace: snapshot), sheet: SuggestionReview.sheet)
        let count = Console.plural(report.suggestions.count, "suggestion")
        guard apply else {
            Console.note(
                out == nil
                    ? "\(count); nothing written (pass --apply to write them, or review them with --out FILE)"
                    : "\(count) written to \(out ?? ""); fill in its accept column, then run `socplan suggest --apply \(out ?? "")`"
            )
            return
        }
        let updated = MappingSuggester.apply(report.suggestions, to: snapshot)
        try store.apply(InventoryChanges(controls: updated))
        let low = report.suggestions.filter { $0.confidence == .low }.count
        var note =
            "applied \(Console.plural(report.suggestions.count, "mapping")) to \(Console.plural(updated.count, "control"))"
        if low > 0 {
            note +=
                "; \(low) of them low-confidence: review them, or pass --min-confidence medium to leave them out"
        }
        Console.note(note)
    }

    /// `--control ID`: every candidate objective, the fields and the verdict, those below the line included.
    private func explain(_ id: String, snapshot: Workspace, catalog: Catalog, profile: Profile?) throws {
        guard let control = snapshot.controls.first(where: { $0.id.rawValue.uppercased() == id.uppercased() }) else {
            throw CLIError(
                message: "unknown control \"\(id)\"",
                hint: Spelling.didYouMean(
                    id, in: snapshot.controls.map(\.id.rawValue), otherwise: "`socplan controls list` lists them"))
        }
        let assessment = MappingSuggester.assess(
            control, workspace: snapshot, crosswalk: catalog.crosswalk, model: catalog.suggestion, profile: profile)
        var rows = [["add", "id", "score", "confidence", "reasons"]]
        for candidate in assessment.candidates {
            var reasons = candidate.signals.map(\.rendered)
            if let held = candidate.held { reasons.append("held back: \(held)") }
            if let raised = candidate.raised { reasons.append(raised) }
            if control.objectives.contains(candidate.objective) { reasons.append("already mapped") }
            rows.append([
                "objective", candidate.objective.rawValue, Score.text(candidate.score),
                candidate.confidence?.rawValue ?? "below the line", reasons.joined(separator: "; "),
            ])
        }
        for field in assessment.fields {
            rows.append([
                field.target.rawValue, field.id, Score.text(field.score), field.confidence.rawValue, field.reason,
            ])
        }
        if let none = assessment.noObjective {
            rows.append([SuggestionReview.noObjective, "", Score.text(none.points), "", none.reason])
        }
        try emit(rows) { XLSXWriter.Sheet(name: control.id.rawValue, table: $0, kinds: ["score": .number]) }
        let line = catalog.suggestion.weights
        Console.note(
            "\(control.id): \(control.title); high from \(Score.text(line.high)), medium from \(Score.text(line.medium)), low from \(Score.text(line.low)) (Catalogs/suggest-weights.csv)"
        )
    }

    /// `--apply FILE`: the accepted rows of a review file, all or nothing.
    private func applyReview(
        _ path: String, store: Store, snapshot: Workspace, catalog: Catalog, profile: Profile?
    ) throws {
        let current = MappingSuggester.suggest(
            workspace: snapshot, crosswalk: catalog.crosswalk, model: catalog.suggestion, profile: profile,
            includeSecondary: true, minimum: .low)
        let outcome = SuggestionReview.read(
            file: path, bytes: try Files.read(path), workspace: snapshot, current: current,
            criteria: Set(catalog.criteria.map(\.id)))
        Console.report(outcome.diagnostics)
        if outcome.diagnostics.hasErrors {
            throw CLIError(message: "\(path) was not applied; nothing was written")
        }
        let updated = MappingSuggester.apply(outcome.accepted, to: snapshot)
        try store.apply(InventoryChanges(controls: updated))
        Console.note(
            "applied \(Console.plural(outcome.accepted.count, "accepted row")) to \(Console.plural(updated.count, "control")) from \(path); "
                + "\(outcome.rejected) rejected, \(outcome.undecided) undecided, \(outcome.alreadyInPlace) already in place"
        )
    }
}
