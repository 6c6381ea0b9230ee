import Foundation
import SOCPlanCore

/// A filled-in request tracker as rows of cells, whatever file it came from.
///
/// Every cell keeps where it was: for CSV the text line and column (which differ from a
/// spreadsheet's row once a cell holds a line break), for a workbook the row and column of the sheet.
/// `rows[i]` is spreadsheet row `i + 2` (the header is row 1), which every message names as a cell
/// ("K17") so the client finds it with the file open.
public struct TrackerSheet: Sendable {
    public var file: String
    public var header: [CSVCell]
    public var rows: [CSVRecord]
    /// Problems reading the file itself (unterminated quote, …).
    public var diagnostics: [Diagnostic]
    /// True for a worksheet: each record's `line` is its spreadsheet row and a cell's `column` its
    /// column number. False for CSV: rows are counted from the header.
    public var spreadsheetRows: Bool
    /// The worksheet's name, for a workbook.
    public var sheet: String?

    public init(
        file: String, header: [CSVCell], rows: [CSVRecord], diagnostics: [Diagnostic] = [],
        spreadsheetRows: Bool = false
    ) {
        self.file = file
        self.header = header
        self.rows = rows
        self.diagnostics = diagnostics
        self.spreadsheetRows = spreadsheetRows
    }

    /// The spreadsheet row of `rows[position]`.
    func row(_ position: Int) -> Int { spreadsheetRows ? rows[position].line : position + 2 }

    /// A tracker file: a workbook when the bytes are one (the sheet named, else the first whose
    /// header within its first 10 rows names request_id), else CSV. Throws a diagnostic when a
    /// workbook cannot be read or holds no tracker.
    public static func read(file: String, bytes: [UInt8], sheet wanted: String? = nil) throws(Diagnostic)
        -> TrackerSheet
    {
        if XLSXReader.looksLikeCompoundFile(bytes) {
            throw Diagnostic(
                .error, "xls-file", "this is an old-style .xls workbook, or an .xlsx protected with a password",
                hint: "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) without a password",
                file: file)
        }
        guard XLSXReader.looksLikeWorkbook(bytes) else {
            if wanted != nil {
                throw Diagnostic(
                    .error, "sheet-of-csv", "--sheet applies to .xlsx workbooks; this file is read as CSV",
                    hint: "leave out --sheet for CSV files", file: file)
            }
            return csv(file: file, bytes: bytes)
        }
        let sheets: [XLSXReader.Sheet]
        do { sheets = try XLSXReader.read(Data(bytes)) } catch {
            throw Diagnostic(
                .error, "unreadable-workbook", error.message,
                hint: "open it in Excel or LibreOffice and save it again as .xlsx", file: file)
        }
        let candidates = wanted.map { name in sheets.filter { $0.name.lowercased() == name.lowercased() } } ?? sheets
        if let wanted, candidates.isEmpty {
            throw Diagnostic(
                .error, "unknown-sheet", "the workbook has no sheet \"\(wanted)\"",
                hint: "its sheets are: " + sheets.map { "\"\($0.name)\"" }.joined(separator: ", "), file: file)
        }
        let idKey = TableSchema.headerKey("request_id")
        for sheet in candidates {
            guard
                let headerIndex = sheet.rows.prefix(while: { $0.number <= TableInput.searchRows }).firstIndex(where: {
                    $0.cells.contains { TableSchema.headerKey($0) == idKey }
                })
            else { continue }
            func record(_ row: XLSXReader.Row) -> CSVRecord {
                CSVRecord(
                    cells: row.cells.enumerated().map { CSVCell(value: $1, line: row.number, column: $0 + 1) },
                    line: row.number)
            }
            var table = TrackerSheet(
                file: file, header: record(sheet.rows[headerIndex]).cells,
                rows: sheet.rows[(headerIndex + 1)...].map(record), spreadsheetRows: true)
            table.sheet = sheet.name
            return table
        }
        throw Diagnostic(
            .error, "no-tracker-sheet",
            (wanted.map { "sheet \"\($0)\"" } ?? "no sheet of the workbook")
                + " has a request_id column in its first \(TableInput.searchRows) rows",
            hint: "import the workbook written by `socplan requests --format xlsx`, with its header row kept",
            file: file)
    }

    /// A CSV tracker (UTF-8, with or without BOM, CRLF or LF).
    public static func csv(file: String, bytes: [UInt8]) -> TrackerSheet {
        let parsed = TableReader.parse(file: file, bytes: bytes)
        return TrackerSheet(
            file: file, header: parsed.header, rows: Array(parsed.document.records.dropFirst()),
            diagnostics: parsed.diagnostics)
    }
}

/// Reads a tracker back against the current request list: only the client columns change.
///
/// The client may re-sort, filter, hide or add columns and rows of their own; a row is matched by
/// its request id. Refused (errors, nothing written): a request id the list does not hold, the same
/// id twice, a fixed column (stage, evidence, due, controls, …) whose value differs from the plan, an
/// unknown status or a date socplan cannot read. A blank status leaves the status as it was.
public enum TrackerImporter {
    /// The columns a client fills in, as exported.
    public static let clientColumns = ["status", "evidence_link", "submitted_on", "client_notes"]

    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        /// The new client columns of every request whose columns changed.
        public var entries: [String: TrackerEntry]
        /// Status changes, in the file's row order.
        public var changes: [(id: String, from: RequestStatus, to: RequestStatus)]
        public var unchanged: Int
        /// Requests of the list the file does not hold (filtered out): left as they were.
        public var notInFile: Int
        /// Headers the tracker adds of its own, ignored.
        public var ignoredColumns: [String]
        public var rows: Int
    }

    public static func prepare(_ sheet: TrackerSheet, requests: RequestList, tracker: RequestTracker) -> Outcome {
        var diagnostics = sheet.diagnostics
        let file = sheet.file
        let fixed = RequestRender.header.filter { !clientColumns.contains($0) }
        let known = fixed + clientColumns
        var columnOf: [String: Int] = [:]
        var ignored: [String] = []
        for (index, cell) in sheet.header.enumerated() {
            let key = TableSchema.headerKey(SpreadsheetText.restore(cell.value))
            guard let name = known.first(where: { TableSchema.headerKey($0) == key }) else {
                if !cell.value.trimmingCharacters(in: .whitespaces).isEmpty { ignored.append(cell.value) }
                continue
            }
            if let first = columnOf[name] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate-column",
                        "columns \(letters(first)) and \(letters(index)) are both \(name)",
                        hint: "delete or rename one of them", file: file, line: cell.line, column: cell.column))
            } else {
                columnOf[name] = index
            }
        }
        var outcome = Outcome(
            diagnostics: [], entries: [:], changes: [], unchanged: 0, notInFile: 0, ignoredColumns: ignored,
            rows: 0)
        if sheet.header.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", "the tracker is empty",
                    hint: "export one with `socplan requests --format csv --out tracker.csv`", file: file))
        } else if columnOf["request_id"] == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-column", "the tracker has no request_id column",
                    hint: "keep the request_id column of the exported tracker: rows are matched by it", file: file,
                    line: sheet.header.first?.line))
        } else if !clientColumns.contains(where: { columnOf[$0] != nil }) {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-column",
                    "the tracker has none of the client columns (\(clientColumns.joined(separator: ", ")))",
                    hint: "keep the columns of the exported tracker", file: file,
                    line: sheet.header.first?.line))
        }
        guard !diagnostics.hasErrors, columnOf["request_id"] != nil else {
            outcome.diagnostics = diagnostics
            return outcome
        }

        let byID = Dictionary(requests.requests.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: Int] = [:]
        for (position, record) in sheet.rows.enumerated() {
            let row = sheet.row(position)
            let cells = record.cells
            if cells.allSatisfy({ $0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            outcome.rows += 1
            func cell(_ name: String) -> CSVCell? {
                guard let index = columnOf[name] else { return nil }
                return index < cells.count
                    ? cells[index] : CSVCell(value: "", line: record.line, column: (cells.last?.column ?? 0) + 1)
            }
            func value(_ name: String) -> String? {
                cell(name).map { SpreadsheetText.restore($0.value).trimmingCharacters(in: .whitespacesAndNewlines) }
            }
            func report(_ code: String, _ column: String, _ message: String, hint: String) {
                let at = cell(column)
                if let name = sheet.sheet {
                    // A workbook: the location line names the sheet, cell and header.
                    var diagnostic = Diagnostic(
                        .error, code, message, hint: hint, file: file, line: row,
                        column: columnOf[column].map { $0 + 1 })
                    diagnostic.sheet = name
                    diagnostic.header = at.flatMap { _ in columnOf[column].map { sheet.header[$0].value } } ?? column
                    diagnostics.append(diagnostic)
                    return
                }
                let where_ = columnOf[column].map { "\(letters($0))\(row)" } ?? "row \(row)"
                diagnostics.append(
                    Diagnostic(
                        .error, code, "cell \(where_) (\(column)): \(message)", hint: hint, file: file,
                        line: at?.line ?? record.line, column: at?.column))
            }
            let id = value("request_id") ?? ""
            guard !id.isEmpty else {
                report(
                    "missing-request-id", "request_id", "the row has no request id",
                    hint: "rows are matched by request id: restore it, or delete a row the client added")
                continue
            }
            guard let request = byID[id] else {
                report(
                    "unknown-request", "request_id", "request id \"\(id)\" is not in the request list",
                    hint:
                        "restore the id as exported, or delete the row; ask for new evidence outside the tracker (socplan requests lists the ids)"
                )
                continue
            }
            if let first = seen[id] {
                report(
                    "duplicate-request", "request_id", "request \(id) is also on row \(first)",
                    hint: "keep one row per request")
                continue
            }
            seen[id] = row
            let expected = Dictionary(uniqueKeysWithValues: zip(RequestRender.header, RequestRender.row(request)))
            for name in fixed where name != "request_id" {
                guard let found = value(name), let plan = expected[name], !same(found, plan, column: name) else {
                    continue
                }
                report(
                    "fixed-column-changed", name,
                    "\(id): \(name) was changed: the tracker has \"\(found)\", the plan has \"\(plan)\"",
                    hint:
                        "only \(clientColumns.joined(separator: ", ")) are the client's to edit: restore the value (or export the tracker again if the plan changed since)"
                )
            }
            let old = tracker[id]
            var new = old
            if let text = value("status"), !text.isEmpty {
                if let status = RequestStatus(spelling: text) {
                    new.status = status
                } else {
                    report(
                        "invalid-status", "status", "\(id): unknown status \"\(text)\"",
                        hint: "write one of: \(RequestStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if let link = value("evidence_link") { new.evidenceLink = link }
            if let notes = value("client_notes") { new.clientNotes = notes }
            if let text = value("submitted_on") {
                switch date(text) {
                case .success(let day): new.submittedOn = day
                case .failure(let problem):
                    report("invalid-date", "submitted_on", "\(id): \(problem.message)", hint: problem.hint)
                }
            }
            if new == old {
                outcome.unchanged += 1
            } else {
                outcome.entries[id] = new
                if new.status != old.status { outcome.changes.append((id, old.status, new.status)) }
            }
        }
        outcome.notInFile = requests.requests.filter { seen[$0.id] == nil }.count
        outcome.diagnostics = diagnostics
        if diagnostics.hasErrors {
            outcome.entries = [:]
            outcome.changes = []
        }
        return outcome
    }

    /// "A", "B", … "AA": the spreadsheet letters of a zero-based column.
    static func letters(_ index: Int) -> String { Diagnostic.columnLetter(index + 1) }

    /// A fixed cell and the plan's value agree once spacing is ignored (a spreadsheet may re-wrap long
    /// text), a due date is read in the spellings spreadsheets save it in, and a count as a number.
    static func same(_ found: String, _ plan: String, column: String) -> Bool {
        func squeezed(_ s: String) -> String {
            s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        if squeezed(found) == squeezed(plan) { return true }
        if column == "due", let day = Day(plan) { return readings(found).contains(day) }
        if column == "items", let a = Double(found), let b = Double(plan) { return a == b }
        return false
    }

    struct DateProblem: Error {
        var message, hint: String
    }

    /// The days a date cell can mean: ISO (2026-10-05, 2026/10/05), and day-month or month-day with
    /// slashes, dots or dashes (10/5/2026 reads both ways).
    static func readings(_ text: String) -> Set<Day> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = Day(trimmed) { return [day] }
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map { Int($0) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], var c = parts[2] else { return [] }
        if a > 31 { return Set([Day(year: a, month: b, day: c)].compactMap { $0 }) }
        if c < 100 { c += 2000 }
        return Set([Day(year: c, month: a, day: b), Day(year: c, month: b, day: a)].compactMap { $0 })
    }

    /// A submitted-on date: blank, ISO, or a slashed date that can mean only one day.
    static func date(_ text: String) -> Result<Day?, DateProblem> {
        if text.isEmpty { return .success(nil) }
        let days = readings(text)
        switch days.count {
        case 1: return .success(days.first)
        case 0:
            return .failure(DateProblem(message: "\"\(text)\" is not a date", hint: "write it as YYYY-MM-DD"))
        default:
            return .failure(
                DateProblem(
                    message: "\"\(text)\" can be read as \(days.sorted().map(\.description).joined(separator: " or "))",
                    hint: "write it as YYYY-MM-DD"))
        }
    }
}
