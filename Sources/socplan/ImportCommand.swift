import ArgumentParser
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
            the exit status is 1. Rows upsert by id; a column the file lacks leaves that field as it is.

            Example:
              socplan import controls.csv objectives.csv evidence.csv
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

    @Option(
        help:
            "Read every file as this kind: objectives, evidence, subservice, controls, csocs, cuecs, customers or engagements."
    )
    var kind: String?

    @Option(
        name: .customLong("column"),
        help: ArgumentHelp(
            "Map a header to a field, e.g. \"Ctrl Narrative=description\". Repeatable.", valueName: "header=field"))
    var columns: [String] = []

    @Option(help: ArgumentHelp("Read only this sheet of an .xlsx workbook.", valueName: "name"))
    var sheet: String?

    @Option(
        help: ArgumentHelp(
            "The row that holds the column names (default: the first of rows 1-10 naming an id column).",
            valueName: "n"))
    var headerRow: Int?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one CSV file to import") }
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row counts rows from 1") }
    }

    func run() throws {
        let catalog = try Catalogs.load()
        let store = try workspace.open()
        var mapping: [String: String] = [:]
        for column in columns {
            guard let equals = column.lastIndex(of: "=") else {
                throw CLIError(
                    message: "--column \"\(column)\" has no \"=\"", hint: "write --column \"Header text=field\"")
            }
            let field = String(column[column.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            let known = Set(Schemas.inventory.flatMap(\.header))
            guard known.contains(field) else {
                throw CLIError(
                    message: "--column \"\(column)\": unknown field \"\(field)\"",
                    hint: "fields: \(known.sorted().joined(separator: ", "))")
            }
            mapping[TableSchema.headerKey(String(column[..<equals]))] = field
        }
        let inputs = try files.map { InputFile(name: $0, bytes: try Files.read($0)) }
        let outcome = InventoryImporter.prepare(
            files: inputs,
            options: .init(
                kind: kind, columns: mapping, replace: replace,
                selection: .init(sheet: sheet, headerRow: headerRow)),
            workspace: try store.snapshot(),
            catalog: catalog)
        Console.report(outcome.diagnostics)
        if outcome.diagnostics.hasErrors {
            throw CLIError(message: "import failed; nothing was written")
        }
        if !dryRun { try store.apply(outcome.changes) }
        for (file, kind) in outcome.kinds { Console.note("\(file): read as \(kind)") }
        Console.write(Self.summary(outcome, dryRun: dryRun))
    }

    static func summary(_ outcome: ImportOutcome, dryRun: Bool) -> String {
        let verb = dryRun ? "would be " : ""
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
            if counts.removed > 0 { parts.append("\(counts.removed) \(verb)removed") }
            lines.append("\(name): " + parts.joined(separator: ", "))
        }
        if lines.isEmpty { lines.append("nothing to import") }
        if dryRun { lines.append("dry run: nothing was written") }
        return lines.joined(separator: "\n") + "\n"
    }
}
