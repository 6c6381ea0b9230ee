import Foundation
import SOCPlanCore

/// Where a table read from a workbook came from, to place its diagnostics on sheet cells.
public struct SheetOrigin: Sendable, Equatable {
    /// The workbook's file name as given.
    public var workbook: String
    public var sheet: String
    /// Column number → header text, for naming the header of a cell in a diagnostic.
    public var headers: [Int: String]
}

/// Turns an input file (CSV or .xlsx) into the tables to import: one per CSV file, one per
/// recognised worksheet, each starting at its header row.
public enum TableInput {
    /// Which sheet and which header row to read, when not found by looking.
    public struct Selection: Sendable {
        /// Read only this worksheet (ignoring case); nil: every sheet whose header is recognised.
        public var sheet: String?
        /// The header is on this row (1-based, as the spreadsheet numbers rows); nil: the first
        /// row within the first `searchRows` that names an id column.
        public var headerRow: Int?

        public init(sheet: String? = nil, headerRow: Int? = nil) {
            self.sheet = sheet
            self.headerRow = headerRow
        }
    }

    /// How far down banner and title rows are looked past for the header.
    public static let searchRows = 10

    /// The tables in one file. `schemas` are the kinds the header may belong to; `overrides`
    /// are `--column` mappings (header key → field).
    public static func tables(
        _ file: InputFile, selection: Selection, schemas: [TableSchema], overrides: [String: String],
        diagnostics: inout [Diagnostic]
    ) -> [TableReader.Parsed] {
        guard let sheets = workbook(file, sheet: selection.sheet, diagnostics: &diagnostics) else {
            var parsed = TableReader.parse(file: file.name, bytes: file.bytes, detectingSeparator: true)
            TableReader.locateHeader(&parsed, headerRow: selection.headerRow, schemas: schemas, overrides: overrides)
            return [parsed]
        }
        var chosen = sheets
        if let wanted = selection.sheet {
            chosen = sheets.filter { $0.name.lowercased() == wanted.lowercased() }
            if chosen.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .error, "unknown-sheet", "the workbook has no sheet \"\(wanted)\"",
                        hint: "its sheets are: " + sheets.map { "\"\($0.name)\"" }.joined(separator: ", "),
                        file: file.name))
                return []
            }
        }
        var tables: [TableReader.Parsed] = []
        var skipped: [String] = []
        for sheet in chosen {
            var parsed = table(sheet, workbook: file.name)
            let required = selection.sheet != nil || chosen.count == 1
            if locateHeader(&parsed, selection: selection, schemas: schemas, overrides: overrides, required: required) {
                tables.append(parsed)
            } else if !required {
                skipped.append(sheet.name)
            } else {
                diagnostics += parsed.diagnostics
            }
        }
        if tables.isEmpty, !skipped.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "no-table",
                    "no sheet has a header row naming an id column in its first \(searchRows) rows",
                    hint: "name the id column (e.g. control_id, \"Control ID\"), pass --column \"Header=control_id\", "
                        + "or choose the sheet and row with --sheet NAME --header-row N; sheets: "
                        + skipped.map { "\"\($0)\"" }.joined(separator: ", "),
                    file: file.name))
        } else if !skipped.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .note, "sheet-skipped",
                    "skipped \(skipped.count == 1 ? "sheet" : "sheets") "
                        + skipped.map { "\"\($0)\"" }.joined(separator: ", ")
                        + ": no header row naming an id column in the first \(searchRows) rows",
                    hint: "to read one, pass --sheet NAME (and --header-row N)", file: file.name))
        }
        return tables
    }

    /// The sheets of `file` when it is a workbook; nil when it is CSV (with an error when `sheet`
    /// is given); none, with an error, for an old .xls or a workbook that cannot be read.
    static func workbook(_ file: InputFile, sheet: String?, diagnostics: inout [Diagnostic]) -> [XLSXReader.Sheet]? {
        if XLSXReader.looksLikeCompoundFile(file.bytes) {
            diagnostics.append(
                Diagnostic(
                    .error, "xls-file",
                    "this is an old-style .xls workbook, or an .xlsx protected with a password",
                    hint: "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) without a password",
                    file: file.name))
            return []
        }
        guard XLSXReader.looksLikeWorkbook(file.bytes) else {
            if sheet != nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "sheet-of-csv", "--sheet applies to .xlsx workbooks; this file is read as CSV",
                        hint: "leave out --sheet for CSV files", file: file.name))
            }
            return nil
        }
        do {
            return try XLSXReader.read(Data(file.bytes))
        } catch {
            diagnostics.append(
                Diagnostic(
                    .error, "unreadable-workbook", error.message,
                    hint: "open it in Excel or LibreOffice and save it again as .xlsx", file: file.name))
            return []
        }
    }

    /// A worksheet as a table of cells: `line` is the row number, `column` the column number.
    static func table(_ sheet: XLSXReader.Sheet, workbook: String) -> TableReader.Parsed {
        let records = sheet.rows.map { row in
            CSVRecord(
                cells: row.cells.enumerated().map {
                    CSVCell(value: $0.element, line: row.number, column: $0.offset + 1)
                },
                line: row.number, row: row.number)
        }
        let origin = SheetOrigin(workbook: workbook, sheet: sheet.name, headers: [:])
        return TableReader.Parsed(
            file: workbook, sheet: sheet.name,
            document: CSVDocument(records: records, problems: [], hadByteOrderMark: false), diagnostics: [],
            origin: origin)
    }

    /// Drops the rows above the header; for a sheet, pads rows to the header's width and drops
    /// (with a warning) cells right of the last header. Returns false when no header is found
    /// (with a diagnostic in `parsed.diagnostics` when `required`).
    @discardableResult
    static func locateHeader(
        _ parsed: inout TableReader.Parsed, selection: Selection, schemas: [TableSchema],
        overrides: [String: String], required: Bool
    ) -> Bool {
        let records = parsed.document.records
        let reported = parsed.diagnostics.count
        defer {  // what this finds is placed on the sheet
            for index in reported..<parsed.diagnostics.count where parsed.diagnostics[index].sheet == nil {
                parsed.diagnostics[index].sheet = parsed.sheet
            }
        }
        let where_ = parsed.origin.map { "sheet \"\($0.sheet)\"" } ?? "the file"
        var headerIndex: Int?
        if let wanted = selection.headerRow {
            headerIndex = records.firstIndex { $0.line == wanted }
            if headerIndex == nil {
                parsed.diagnostics.append(
                    Diagnostic(
                        .error, "empty-header-row", "row \(wanted) of \(where_) is empty: it cannot be the header",
                        hint: "pass --header-row with the number of the row that holds the column names",
                        file: parsed.file, line: wanted))
                return false
            }
        } else {
            let idFields = Set(schemas.map { $0.fields[0].name })
            headerIndex = records.prefix { $0.line <= searchRows }.firstIndex { record in
                record.cells.contains { cell in
                    let text = Spelling.trimmed(parsed.text(cell))
                    return schemas.contains { schema in
                        schema.field(forHeader: text, overrides: overrides).map(idFields.contains) ?? false
                    }
                }
            }
        }
        guard let headerIndex else {
            if parsed.origin == nil { return true }  // a CSV keeps its first line as the header, as before
            if required {
                parsed.diagnostics.append(
                    Diagnostic(
                        .error, "no-header",
                        "no row among the first \(searchRows) of \(where_) names an id column",
                        hint: "the id column is headed e.g. control_id or \"Control ID\"; map another header with "
                            + "--column \"Header=control_id\", or give the header row with --header-row N",
                        file: parsed.file))
            }
            return false
        }
        parsed.document.records.removeFirst(headerIndex)
        guard var origin = parsed.origin, let header = parsed.document.records.first else { return true }
        // A sheet's rows end at their last filled cell: pad them to the header, and leave out
        // notes written right of the table.
        let width = header.cells.count
        origin.headers = Dictionary(
            header.cells.map { ($0.column, Spelling.trimmed($0.value)) }, uniquingKeysWith: { a, _ in a })
        parsed.origin = origin
        var outside: CSVCell?
        for index in parsed.document.records.indices.dropFirst() {
            var record = parsed.document.records[index]
            if record.cells.count > width {
                if outside == nil {
                    outside = record.cells.dropFirst(width).first { !$0.value.isEmpty }
                }
                record.cells.removeLast(record.cells.count - width)
            }
            while record.cells.count < width {
                record.cells.append(CSVCell(value: "", line: record.line, column: record.cells.count + 1))
            }
            parsed.document.records[index] = record
        }
        if let outside {
            parsed.diagnostics.append(
                Diagnostic(
                    .warning, "cells-outside-table",
                    "cells right of the last header (column \(Diagnostic.columnLetter(width))) are not read",
                    hint: "give the column a header to import it", file: parsed.file, line: outside.line,
                    column: outside.column))
        }
        return true
    }

    /// A diagnostic a reader made with the sheet's row as `line` and its column number, placed on
    /// the workbook's sheet and naming the header (import's own reader places its diagnostics itself).
    public static func place(_ diagnostic: Diagnostic, in tables: [TableReader.Parsed]) -> Diagnostic {
        guard diagnostic.sheet == nil, diagnostic.row == nil, let file = diagnostic.file,
            let origin = tables.lazy.compactMap(\.origin).first(where: { $0.workbook == file })
        else { return diagnostic }
        var placed = diagnostic
        placed.sheet = origin.sheet
        if let column = diagnostic.column { placed.header = origin.headers[column] }
        return placed
    }
}
