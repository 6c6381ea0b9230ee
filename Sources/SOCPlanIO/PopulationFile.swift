import Foundation
import SOCPlanCore

/// Reads a population a client delivered (CSV, or one sheet of an .xlsx workbook): the key and
/// date of every row, or every problem with its line and column (its sheet and cell in a workbook).
public enum PopulationFile {
    public struct Parsed: Sendable {
        public var rows: [PopulationRow]
        public var keyColumn: String
        public var dateColumn: String
        public var diagnostics: [Diagnostic]
        /// The worksheet read, for a workbook.
        public var sheet: String? = nil
    }

    /// Words that mark a column of dates when --date does not name it.
    static let dateWords = ["date", "created", "opened", "time", "when"]

    /// Dates as systems export them: 2026-03-04, 2026-03-04T09:15:00Z, 2026-03-04 09:15, 3/4/2026 (US order).
    public static func date(_ text: String) -> Day? {
        let trimmed = Spelling.trimmed(text)
        if trimmed.count >= 10, let day = Day(trimmed.prefix(10)),
            trimmed.count == 10 || [" ", "T", "t"].contains(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 10)])
        {
            return day
        }
        let parts = trimmed.split(separator: " ").first?.split(separator: "/", omittingEmptySubsequences: false) ?? []
        if parts.count == 3, parts[2].count == 4, let m = Int(parts[0]), let d = Int(parts[1]), let y = Int(parts[2]) {
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    /// The rows of `file`: the key column (`key`, default the first), the date column (`date`,
    /// default the first whose header contains one of `dateWords`); refuses empty or duplicate keys, dates it
    /// cannot read and dates outside `window`. The header is on row `headerRow`, or else the first of
    /// the first `TableInput.searchRows` rows that names the key and date columns (rows above it are
    /// titles, left out with a note). A workbook is read from `sheet`, or from its one sheet that
    /// holds anything; its dates are the cells' dates, whatever their display format.
    public static func read(
        _ file: InputFile, key: String?, date dateName: String?, window: Period, sheet: String? = nil,
        headerRow: Int? = nil
    ) -> Parsed {
        var diagnostics: [Diagnostic] = []
        guard let (document, sheetName) = records(file, sheet: sheet, diagnostics: &diagnostics) else {
            return Parsed(rows: [], keyColumn: key ?? "", dateColumn: dateName ?? "", diagnostics: diagnostics)
        }
        var parsed = rows(
            of: document, file: file.name, key: key, date: dateName, window: window, headerRow: headerRow,
            lineWord: sheetName == nil ? "line" : "row")
        parsed.diagnostics = diagnostics + parsed.diagnostics
        if let sheetName {
            parsed.sheet = sheetName
            for index in parsed.diagnostics.indices { parsed.diagnostics[index].sheet = sheetName }
        }
        return parsed
    }

    /// The records of a CSV file, or of the chosen sheet of a workbook (with its name); nil when
    /// there is nothing to read (the reason in `diagnostics`).
    static func records(_ file: InputFile, sheet: String?, diagnostics: inout [Diagnostic]) -> (
        CSVDocument, String?
    )? {
        guard let sheets = TableInput.workbook(file, sheet: sheet, diagnostics: &diagnostics) else {
            let parsed = TableReader.parse(file: file.name, bytes: file.bytes, detectingSeparator: true)
            diagnostics += parsed.diagnostics
            return parsed.diagnostics.hasErrors && parsed.document.records.isEmpty ? nil : (parsed.document, nil)
        }
        guard !sheets.isEmpty, !diagnostics.hasErrors else { return nil }
        let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let chosen: XLSXReader.Sheet
        if let sheet {
            guard let found = sheets.first(where: { $0.name.lowercased() == sheet.lowercased() }) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "unknown-sheet", "the workbook has no sheet \"\(sheet)\"",
                        hint: "its sheets are: \(names)", file: file.name))
                return nil
            }
            chosen = found
        } else {
            let filled = sheets.filter { sheet in
                sheet.rows.contains { row in row.cells.contains { !Spelling.trimmed($0).isEmpty } }
            }
            guard filled.count == 1, let only = filled.first else {
                diagnostics.append(
                    Diagnostic(
                        .error, filled.isEmpty ? "empty-file" : "which-sheet",
                        filled.isEmpty
                            ? "the workbook has no filled sheet"
                            : "the workbook has \(filled.count) filled sheets: which one is the population?",
                        hint: filled.isEmpty
                            ? "export the population into the first sheet"
                            : "choose it with --sheet NAME; its sheets are: \(names)", file: file.name))
                return nil
            }
            chosen = only
        }
        return (TableInput.table(chosen, workbook: file.name).document, chosen.name)
    }

    /// The key and date of every record after the header row (`headerRow`, 1-based as a
    /// spreadsheet numbers rows); `lineWord` names a record's number in messages.
    static func rows(
        of document: CSVDocument, file: String, key: String?, date dateName: String?, window: Period, headerRow: Int?,
        lineWord: String
    ) -> Parsed {
        var diagnostics: [Diagnostic] = []
        func row(_ record: CSVRecord) -> Int { record.row > 0 ? record.row : record.line }
        let headerRow =
            headerRow
            ?? document.records.prefix(TableInput.searchRows).first { record in
                let names = record.values.map { Spelling.trimmed($0).lowercased() }
                let hasKey = key.map { names.contains(Spelling.trimmed($0).lowercased()) } ?? true
                let hasDate =
                    dateName.map { names.contains(Spelling.trimmed($0).lowercased()) }
                    ?? names.contains { name in dateWords.contains { name.contains($0) } }
                return hasKey && hasDate && names.filter { !$0.isEmpty }.count >= 2
            }.map(row) ?? 1
        let records = document.records.filter { row($0) >= headerRow }
        if let header = records.first, headerRow > 1 {
            diagnostics.append(
                Diagnostic(
                    .note, "title-rows", "the header is row \(headerRow); the rows above it are left out",
                    hint: "name another header row with --header-row N", file: file, line: header.line))
        }
        guard let header = records.first else {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", headerRow > 1 ? "nothing from row \(headerRow) on" : "the file is empty",
                    file: file, line: headerRow))
            return Parsed(rows: [], keyColumn: key ?? "", dateColumn: dateName ?? "", diagnostics: diagnostics)
        }
        let names = header.values.map { Spelling.trimmed($0) }
        func find(_ wanted: String) -> Int? {
            names.firstIndex { $0.lowercased() == Spelling.trimmed(wanted).lowercased() }
        }
        let headers = names.joined(separator: ", ")
        var keyIndex: Int? = 0
        if let key {
            keyIndex = find(key)
            if keyIndex == nil {
                diagnostics.append(
                    Diagnostic(
                        .error, "no-key-column", "no column named \"\(key)\"", hint: "the columns are: \(headers)",
                        file: file, line: header.line))
            }
        }
        var dateIndex =
            dateName.flatMap(find)
            ?? (dateName == nil
                ? names.firstIndex { name in dateWords.contains { name.lowercased().contains($0) } }
                : nil)
        if dateIndex == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "no-date-column",
                    dateName.map { "no column named \"\($0)\"" } ?? "no date column found",
                    hint: "name the column that holds each item's date with --date; the columns are: \(headers)",
                    file: file, line: header.line))
            dateIndex = nil
        }
        guard let keyIndex, let dateIndex else {
            return Parsed(rows: [], keyColumn: key ?? "", dateColumn: dateName ?? "", diagnostics: diagnostics)
        }
        var rows: [PopulationRow] = []
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() {
            if record.values.allSatisfy({ Spelling.trimmed($0).isEmpty }) { continue }
            func cell(_ index: Int) -> CSVCell {
                index < record.cells.count
                    ? record.cells[index] : CSVCell(value: "", line: record.line, column: record.cells.count + 1)
            }
            let keyCell = cell(keyIndex)
            let dateCell = cell(dateIndex)
            let keyText = Spelling.trimmed(keyCell.value)
            var ok = true
            if keyText.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .error, "empty-key", "row has no \(names[keyIndex])", hint: "every item needs its key",
                        file: file, line: keyCell.line, column: keyCell.column))
                ok = false
            } else if let first = firstLine[keyText] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate-key",
                        "\(names[keyIndex]) \"\(keyText)\" already appears on \(lineWord) \(first)",
                        hint:
                            "a population lists each item once: remove the duplicate, or choose a key column with --key",
                        file: file, line: keyCell.line, column: keyCell.column))
                ok = false
            } else {
                firstLine[keyText] = record.line
            }
            guard let day = date(dateCell.value) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "bad-date",
                        "\(names[dateIndex]) \"\(dateCell.value)\" is not a date",
                        hint: "write dates as YYYY-MM-DD (a timestamp or M/D/YYYY also reads)", file: file,
                        line: dateCell.line, column: dateCell.column))
                continue
            }
            if day < window.start || window.end < day {
                diagnostics.append(
                    Diagnostic(
                        .error, "date-outside-window",
                        "\(names[dateIndex]) \(day) is outside the days this population is for (\(window))",
                        hint: "export the population for \(window) only: items of other days belong to another request",
                        file: file, line: dateCell.line, column: dateCell.column))
                continue
            }
            if ok { rows.append(PopulationRow(key: keyText, date: day, line: record.line)) }
        }
        if rows.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(.warning, "empty-population", "the population has no rows", file: file, line: 2))
        }
        for index in diagnostics.indices {
            if let column = diagnostics[index].column, column >= 1, column <= names.count {
                diagnostics[index].header = names[column - 1]
            }
        }
        return Parsed(rows: rows, keyColumn: names[keyIndex], dateColumn: names[dateIndex], diagnostics: diagnostics)
    }
}
