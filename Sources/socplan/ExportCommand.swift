import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the workspace as canonical CSV files that import reads back unchanged.",
        discussion: """
            Writes objectives.csv, evidence.csv, controls.csv, engagements.csv, subservice.csv, csocs.csv,
            cuecs.csv and customers.csv: RFC 4180, CRLF line ends, and cells
            a spreadsheet would run as a formula (starting with = + - @ tab or CR) prefixed with an
            apostrophe, which import removes again.

            Example:
              socplan export --dir out/
              socplan export --dir out/ --bom        # for Excel
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The directory to write into (created if missing).")
    var dir: String

    @Flag(help: "End lines with LF instead of CRLF.")
    var lf = false

    @Flag(help: "Start each file with a UTF-8 byte-order mark (Excel then reads it as UTF-8).")
    var bom = false

    func run() throws {
        let snapshot = try workspace.open().snapshot()
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw CLIError(message: "cannot create the directory \(dir): \(error.localizedDescription)")
        }
        for (file, rows) in InventoryExport.tables(snapshot) {
            let path = (dir as NSString).appendingPathComponent(file)
            try Files.write(Render.csv(rows, lineEnding: lf ? .lf : .crlf, byteOrderMark: bom), to: path)
            Console.note("wrote \(path) (\(Console.plural(rows.count - 1, "row")))")
        }
    }
}
