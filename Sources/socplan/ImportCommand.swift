import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import controls, objectives and evidence from CSV files or .xlsx workbooks.",
        discussion: """
            Each file's kind is recognised from its header, whatever it is called; in a workbook,
            every sheet whose header is recognised is read, and title rows above the header (within
            the first 10 rows) are skipped. Objectives and evidence are applied before the controls
            that reference them. Everything is validated first: on any error nothing is written and
            the exit status is 1. Rows upsert by id; a column the file lacks leaves that field as it
            is, and the import lists those kept columns (--replace-rows empties them instead).
            --dry-run --diff shows every change, per row and column, before anything is written.

            Example:
              socplan import controls.csv objectives.csv evidence.csv
              socplan import matrix.csv --dry-run --diff
              socplan import matrix.csv --dry-run --column "Ctrl Narrative=description"
              socplan import matrix.xlsx --sheet "Controls" --header-row 3
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "CSV files (UTF-8, with or without BOM; CRLF or LF) or .xlsx workbooks.")
    var files: [String]

    @Flag(help: "Validate and print the summary without writing.")
    var dryRun = false

    @Flag(help: "Remove rows of each kind given that the files no longer hold, in the same transaction.")
    var replace = false

    @Flag(help: "A row in a file replaces the stored row whole: columns the file lacks are emptied, not kept.")
    var replaceRows = false

    @Flag(help: "Show every added, changed and removed row, column by column, with old and new values.")
    var diff = false

    @Option(
        help:
            "table (the summary; with --diff every change), or the changes one column a row: csv, json (per row and column) or md."
    )
    var format: OutputFormat = .table

    @Option(
        help:
            "Read every file as this kind: objectives, evidence, subservice, controls, csocs, cuecs, customers or engagements."
    )
    var kind: String?

    @Option(
        name: .customLong("column"),
        help: ArgumentHelp(
            "Map a header to a field, e.g. \"Ctrl Narrative=description\"; \"Notes=-\" ignores the column. Repeatable.",
            valueName: "header=field"))
    var columns: [String] = []

    @Option(
        name: .customLong("value"),
        help: ArgumentHelp(
            "Read a value of a field as another, e.g. \"nature:Process=manual\". Repeatable.",
            valueName: "field:value=replacement"))
    var values: [String] = []

    @Option(
        name: .customLong("default"),
        help: ArgumentHelp(
            "The value of a field that the file lacks or leaves empty, e.g. \"risk=high\". Repeatable.",
            valueName: "field=value"))
    var defaults: [String] = []

    @Option(
        help: ArgumentHelp(
            "The row that holds the column names (default: the first of rows 1-10 naming an id column).", valueName: "n"
        ))
    var headerRow: Int?

    @Option(help: ArgumentHelp("Read only this sheet of an .xlsx workbook.", valueName: "name"))
    var sheet: String?

    @Option(
        help: ArgumentHelp(
            "A mapping file (CSV or YAML) holding columns, ignored columns, value maps, defaults, sheet and header row; flags add to it.",
            valueName: "file"))
    var mapping: String?

    @Option(
        help: ArgumentHelp(
            "After a successful run, write the mapping it used (the mapping file and the flags) to this file (.yaml, .yml or .csv).",
            valueName: "file"))
    var saveMapping: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one CSV file to import") }
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row counts rows from 1") }
    }

    /// The mapping the flags give, on top of the mapping file's.
    func effectiveMapping() throws -> ImportMapping {
        var base = ImportMapping()
        if let mapping {
            let (parsed, diagnostics) = ImportMapping.parse(
                file: InputFile(name: mapping, bytes: try Files.read(mapping)))
            Console.report(diagnostics)
            if diagnostics.hasErrors {
                throw CLIError(message: "the mapping \(mapping) has errors; nothing was imported")
            }
            base = parsed
        }
        var flags = ImportMapping(kind: kind, sheet: sheet, headerRow: headerRow)
        for column in columns {
            guard let equals = column.lastIndex(of: "=") else {
                throw CLIError(
                    message: "--column \"\(column)\" has no \"=\"", hint: "write --column \"Header text=field\"")
            }
            let field = Spelling.trimmed(column[column.index(after: equals)...])
            flags.columns.append(.init(Spelling.trimmed(column[..<equals]), field))
        }
        for value in values {
            guard let colon = value.firstIndex(of: ":"), let equals = value.lastIndex(of: "="), colon < equals else {
                throw CLIError(
                    message: "--value \"\(value)\" is not field:value=replacement",
                    hint: "write e.g. --value \"nature:Process=manual\"")
            }
            let field = Spelling.trimmed(value[..<colon])
            let from = Spelling.trimmed(value[value.index(after: colon)..<equals])
            flags.values[field, default: []].append(.init(from, Spelling.trimmed(value[value.index(after: equals)...])))
        }
        for item in defaults {
            guard let equals = item.firstIndex(of: "=") else {
                throw CLIError(
                    message: "--default \"\(item)\" has no \"=\"", hint: "write e.g. --default \"risk=high\"")
            }
            flags.defaults.append(
                .init(Spelling.trimmed(item[..<equals]), Spelling.trimmed(item[item.index(after: equals)...])))
        }
        let problems = flags.problems(file: "")
        if let problem = problems.first {
            throw CLIError(
                message: problem.message.replacingOccurrences(of: "column \"", with: "--column \""), hint: problem.hint)
        }
        return base.merging(flags)
    }

    func run() throws {
        let catalog = try Catalogs.load()
        let store = try workspace.open()
        let mapping = try effectiveMapping()
        var options = InventoryImporter.Options(replace: replace, mapping: mapping)
        options.replaceRows = replaceRows
        // The summary alone (no --diff, table format) lists no added row: their files are not needed.
        options.sourcesOfNewRows = diff || format != .table
        // Read, validated and written in one write transaction: a concurrent import waits, and
        // neither can revert a column the other changed (each row is built from what it read).
        let (before, outcome) =
            try dryRun
            ? Self.check(files, in: store, options: options, catalog: catalog)
            : Self.write(files, to: store, options: options, catalog: catalog)
        Console.report(outcome.diagnostics.capped())
        if outcome.diagnostics.hasErrors {
            throw CLIError(
                message:
                    "import failed: \(Self.tally(outcome.diagnostics)) in \(Console.plural(files.count, "file")); nothing was written"
            )
        }
        for (file, kind) in outcome.kinds { Console.note("\(file): read as \(kind)") }
        if let saveMapping {
            let lower = saveMapping.lowercased()
            try Files.write(lower.hasSuffix(".csv") ? mapping.csv() : mapping.yaml(), to: saveMapping)
            Console.note("mapping written to \(saveMapping)")
        }
        // The summary alone (no --diff, table format) lists no added row.
        let changes = ImportDiff(before: before, outcome: outcome, addedRows: diff || format != .table)
        // The rows read are not freed one by one just before the process ends.
        KeptUntilExit.keep((before, outcome, changes))
        switch format {
        case .json: Console.write(try changes.json(dryRun: dryRun))
        case .csv, .md: Console.write(try Render.rows(changes.table, as: format))
        case .table: Console.write(Self.report(outcome, changes, dryRun: dryRun, diff: diff, files: files.count))
        }
    }

    /// Prepares the import and writes it. A first import of a large file writes it as the file is
    /// read (`InventoryImporter.prepareStreaming`); when it cannot, or finds something to report,
    /// what it wrote is rolled back and the import is prepared whole, in a new transaction. New
    /// rows of the whole import are written while the rest are decoded (see `Store.update`).
    static func write(
        _ paths: [String], to store: Store, options: InventoryImporter.Options, catalog: Catalog
    ) throws -> (Workspace, ImportOutcome) {
        if let streamed = try Streamed(paths, options: options, store: store) {
            let attempt: (Workspace, ImportOutcome)? = try store.update { before, sink in
                guard let outcome = streamed.prepare(workspace: before, catalog: catalog, sink: sink) else {
                    return (nil, nil)
                }
                return (outcome.diagnostics.hasErrors ? nil : outcome.changes, (before, outcome))
            }
            if let attempt { return attempt }
        }
        // The importer takes the files' bytes and lets each go once read.
        let inputs = Handover(try read(paths))
        return try store.update { before, sink in
            let outcome = InventoryImporter.prepare(
                files: inputs.take(), options: options, workspace: before, catalog: catalog, sink: sink)
            returnFreedMemory()
            return (outcome.diagnostics.hasErrors ? nil : outcome.changes, (before, outcome))
        }
    }

    /// Prepares the import without writing it (`--dry-run`): streamed as `write` would, with the
    /// rows let go, or whole.
    static func check(
        _ paths: [String], in store: Store, options: InventoryImporter.Options, catalog: Catalog
    ) throws -> (Workspace, ImportOutcome) {
        let before = try store.snapshot()
        if let streamed = try Streamed(paths, options: options, store: store),
            let outcome = streamed.prepare(workspace: before, catalog: catalog, sink: DroppedRows())
        {
            return (before, outcome)
        }
        return (
            before,
            InventoryImporter.prepare(files: try read(paths), options: options, workspace: before, catalog: catalog)
        )
    }

    /// The largest file, to be read a part at a time, and the other files' bytes; nil when
    /// nothing streams (see `InventoryImporter.prepareStreaming`): then the workspace is not
    /// read for an attempt bound to give up (a large second import would read it twice).
    struct Streamed: Sendable {
        let paths: [String]
        let position: Int
        let others: [InputFile]
        let options: InventoryImporter.Options

        init?(_ paths: [String], options: InventoryImporter.Options, store: Store) throws {
            guard !options.sourcesOfNewRows, let position = ImportCommand.largest(paths, from: options.streamFrom),
                let kind = Self.input(paths[position], at: position).flatMap({
                    InventoryImporter.streamedKind(of: $0, options: options)
                }),
                try !store.holdsRows(of: kind)
            else { return nil }
            self.paths = paths
            self.position = position
            self.options = options
            others = try ImportCommand.read(paths.enumerated().filter { $0.offset != position }.map(\.element))
        }

        /// nil when the import is to be prepared whole (the file cannot be opened: that says why).
        func prepare(workspace: Workspace, catalog: Catalog, sink: any RowSink) -> ImportOutcome? {
            guard let input = Self.input(paths[position], at: position) else { return nil }
            return InventoryImporter.prepareStreaming(
                files: others, streamed: input, options: options, workspace: workspace, catalog: catalog, sink: sink)
        }

        /// The file read 256 KiB at a time; nil when it cannot be opened.
        static func input(_ path: String, at position: Int) -> StreamedInput? {
            guard let parts = try? FileParts(path: path) else { return nil }
            return StreamedInput(name: path, position: position, source: parts.next)
        }
    }

    /// Where a dry run's streamed rows go.
    private struct DroppedRows: RowSink {
        func begin<T: AnyTableSpec>(_ table: T, count: Int, after earlier: InventoryChanges) {}
        func write<T: AnyTableSpec>(_ table: T, _ rows: [T.Row]) {}
    }

    /// The files' bytes.
    static func read(_ paths: [String]) throws -> [InputFile] {
        try paths.map { InputFile(name: $0, bytes: try Files.read($0)) }
    }

    /// The place of the largest file, when it has at least `from` bytes.
    static func largest(_ paths: [String], from: Int) -> Int? {
        let sizes = paths.map { path in
            var status = stat()
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : -1
        }
        guard let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }), sizes[largest] >= from else {
            return nil
        }
        return largest
    }

    /// Gives the memory that reading freed (the files' bytes, their cells, the mapped rows) back
    /// to the system before the write: otherwise its holes stay resident, and the write's own
    /// memory adds to them.
    static func returnFreedMemory() {
        #if canImport(Glibc)
            _ = mallocTrim(0)
        #endif
    }

    /// "2 errors, 1 warning".
    static func tally(_ diagnostics: [Diagnostic]) -> String {
        "\(Console.plural(diagnostics.errors.count, "error")), \(Console.plural(diagnostics.warnings.count, "warning"))"
    }

    /// The run in one line: "imported 1 file: 11 rows (11 added, 0 updated, 0 unchanged), 0 errors, 2 warnings".
    static func totals(_ outcome: ImportOutcome, dryRun: Bool, files: Int) -> String {
        let verb = dryRun ? "would be " : ""
        let all = outcome.counts.values
        let (added, updated, unchanged) = (
            all.map(\.added).reduce(0, +), all.map(\.updated).reduce(0, +), all.map(\.unchanged).reduce(0, +)
        )
        return "\(dryRun ? "checked" : "imported") \(Console.plural(files, "file")): "
            + "\(Console.plural(added + updated + unchanged, "row")) (\(added) \(verb)added, \(updated) \(verb)updated, "
            + "\(unchanged) unchanged), \(tally(outcome.diagnostics))\n"
    }

    static func summary(_ outcome: ImportOutcome, dryRun: Bool, changes: ImportDiff? = nil) -> String {
        let verb = dryRun ? "would be " : ""
        // CSOCs the store deletes with their subservice organization.
        let cascaded = changes?.rows.filter { $0.kind == "csocs" && $0.reason != nil }.count ?? 0
        var lines: [String] = []
        for (name, counts) in [
            ("objectives", outcome.objectives), ("evidence", outcome.evidence), ("controls", outcome.controls),
            ("engagements", outcome.engagements), ("subservice organizations", outcome.subservice),
            ("CSOCs", outcome.csocs),
            ("CUECs", outcome.cuecs), ("customers", outcome.customers),
        ]
        where counts != ImportCounts() {
            var parts = [
                "\(counts.added) \(verb)added", "\(counts.updated) \(verb)updated", "\(counts.unchanged) unchanged",
            ]
            if counts.removed > 0 {
                let with =
                    name == "subservice organizations" && cascaded > 0
                    ? " with \(Console.plural(cascaded, "CSOC"))" : ""
                parts.append("\(counts.removed) \(verb)removed\(with)")
            }
            lines.append("\(name): " + parts.joined(separator: ", "))
        }
        if lines.isEmpty { lines.append("nothing to import") }
        return lines.joined(separator: "\n") + "\n"
    }
}

#if canImport(Glibc)
    /// glibc's `malloc_trim` (not in the Glibc module's headers).
    @_silgen_name("malloc_trim")
    private func mallocTrim(_ pad: Int) -> Int32
#endif
