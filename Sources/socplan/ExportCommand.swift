import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the workspace as canonical CSV files, or one .xlsx workbook, that import reads back unchanged.",
        discussion: """
            Writes objectives.csv, evidence.csv, controls.csv, engagements.csv, subservice.csv, csocs.csv,
            cuecs.csv and customers.csv: RFC 4180, CRLF line ends, and cells
            a spreadsheet would run as a formula (starting with = + - @ tab or CR) prefixed with an
            apostrophe, which import removes again.

            --format xlsx writes one workbook instead: a Summary sheet, then one sheet per table, ids
            and text stored as text (1.10, 007 and MAR-01 stay as written), numbers as numbers, dates
            as dates; bold frozen header row with a filter. `socplan import FILE.xlsx` reads it back.

            Example:
              socplan export --dir out/
              socplan export --dir out/ --bom        # for Excel
              socplan export --format xlsx --out inventory.xlsx
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The directory to write into (created if missing).")
    var dir: String?

    @Option(help: "csv (one file per table, the default) or xlsx (one workbook).")
    var format: ExportFormat = .csv

    @Option(help: ArgumentHelp("The workbook to write, with --format xlsx.", valueName: "file"))
    var out: String?

    @Flag(help: "End lines with LF instead of CRLF.")
    var lf = false

    @Flag(help: "Start each file with a UTF-8 byte-order mark (Excel then reads it as UTF-8).")
    var bom = false

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx
    }

    func validate() throws {
        switch format {
        case .csv:
            if dir == nil { throw ValidationError("name the directory to write the CSV files into with --dir") }
            if out != nil { throw ValidationError("--out names a workbook: add --format xlsx, or use --dir for CSV") }
        case .xlsx:
            if out == nil && dir == nil { throw ValidationError("name the workbook to write with --out FILE.xlsx") }
            if lf || bom { throw ValidationError("--lf and --bom apply to CSV files only") }
        }
    }

    func run() throws {
        let snapshot = try workspace.open().snapshot()
        if format == .xlsx {
            let path = out ?? ((dir ?? ".") as NSString).appendingPathComponent("inventory.xlsx")
            if let dir, out == nil {
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            return try Files.writeWorkbook(Workbooks.inventory(snapshot), out: path)
        }
        let dir = self.dir ?? "."
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw Files.cannotWrite(dir, error)
        }
        let tables = InventoryExport.tables(snapshot)
        try Self.writeSet(
            tables.map { ($0.file, Render.csv($0.rows, lineEnding: lf ? .lf : .crlf, byteOrderMark: bom)) }, in: dir)
        for (file, rows) in tables {
            Console.note("wrote \((dir as NSString).appendingPathComponent(file)) (\(Console.plural(rows.count - 1, "row")))")
        }
    }

    /// Writes a set of files into `dir` so that a full disk or a failed write leaves the old set
    /// whole: every file is first written into a staging folder inside `dir`, and only once all are
    /// written are they renamed into place (renames within one folder, which need no space). The
    /// staging folder is removed on failure, and staging folders of an earlier, killed run are
    /// removed before writing.
    static func writeSet(_ files: [(name: String, text: String)], in dir: String) throws {
        let manager = FileManager.default
        let prefix = ".socplan-export-"
        for leftover in (try? manager.contentsOfDirectory(atPath: dir)) ?? [] where leftover.hasPrefix(prefix) {
            try? manager.removeItem(atPath: (dir as NSString).appendingPathComponent(leftover))
        }
        let staging = (dir as NSString).appendingPathComponent(prefix + "\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw Files.cannotWrite(staging, error)
        }
        defer { try? manager.removeItem(atPath: staging) }
        for (name, text) in files {
            let path = (staging as NSString).appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw Files.cannotWrite((dir as NSString).appendingPathComponent(name), error)
            }
        }
        for (name, _) in files {
            let target = (dir as NSString).appendingPathComponent(name)
            guard rename((staging as NSString).appendingPathComponent(name), target) == 0 else {
                throw CLIError(message: "cannot write \(target): \(String(cString: strerror(errno)))")
            }
        }
    }
}
