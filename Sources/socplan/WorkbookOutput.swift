import ArgumentParser
import Foundation
import SOCPlanIO

/// `--format` of the commands that print tables and can also write them as a workbook.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, md, xlsx

    /// The help of a `--format` option that offers the text formats and a workbook.
    static let help: ArgumentHelp = "Output format (xlsx: a workbook, written to --out)."

    /// The text format; `xlsx` is written by `Files.writeWorkbook` instead.
    var text: OutputFormat { OutputFormat(rawValue: rawValue) ?? .csv }
}

extension Files {
    /// Writes bytes atomically: a temporary file beside the target, renamed into place.
    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw cannotWrite(path, error)
        }
    }

    /// Writes a workbook to `--out`; a workbook is not for a terminal, so `--out` is required.
    static func writeWorkbook(_ sheets: [XLSXWriter.Sheet], out: String?) throws {
        guard let out else {
            throw CLIError(message: "--format xlsx writes a file", hint: "add --out FILE.xlsx")
        }
        let data: Data
        do { data = try XLSXWriter.data(sheets) } catch { throw CLIError(message: "cannot write \(out): \(error)") }
        try write(data, to: out)
        let tables = sheets.filter(\.isTable)
        Console.note(
            "wrote \(out) ("
                + tables.map { "\($0.name): \(Console.plural($0.rows.count, "row"))" }.joined(separator: ", ")
                + ")")
    }
}
