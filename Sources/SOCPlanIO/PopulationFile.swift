import SOCPlanCore

/// Reads a population a client delivered (CSV): the key and date of every row, or every problem
/// with its line and column.
public enum PopulationFile {
    public struct Parsed: Sendable {
        public var rows: [PopulationRow]
        public var keyColumn: String
        public var dateColumn: String
        public var diagnostics: [Diagnostic]
    }

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
    /// default the first whose header contains "date", "created" or "time"); refuses empty or duplicate keys, dates it
    /// cannot read and dates outside `window`.
    public static func read(_ file: InputFile, key: String?, date dateName: String?, window: Period) -> Parsed {
        let document = CSVReader.read(file.bytes)
        var diagnostics = document.problems.map {
            Diagnostic(
                .error, "csv-syntax", $0.message, hint: $0.hint, file: file.name, line: $0.line, column: $0.column)
        }
        guard let header = document.records.first else {
            diagnostics.append(Diagnostic(.error, "empty-file", "the file is empty", file: file.name, line: 1))
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
                        file: file.name, line: 1))
            }
        }
        var dateIndex =
            dateName.flatMap(find)
            ?? (dateName == nil
                ? names.firstIndex { name in
                    ["date", "created", "time", "when"].contains { name.lowercased().contains($0) }
                }
                : nil)
        if dateIndex == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "no-date-column",
                    dateName.map { "no column named \"\($0)\"" } ?? "no date column found",
                    hint: "name the column that holds each item's date with --date; the columns are: \(headers)",
                    file: file.name, line: 1))
            dateIndex = nil
        }
        guard let keyIndex, let dateIndex else {
            return Parsed(rows: [], keyColumn: key ?? "", dateColumn: dateName ?? "", diagnostics: diagnostics)
        }
        var rows: [PopulationRow] = []
        var firstLine: [String: Int] = [:]
        for record in document.records.dropFirst() {
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
                        file: file.name, line: keyCell.line, column: keyCell.column))
                ok = false
            } else if let first = firstLine[keyText] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate-key", "\(names[keyIndex]) \"\(keyText)\" already appears on line \(first)",
                        hint:
                            "a population lists each item once: remove the duplicate, or choose a key column with --key",
                        file: file.name, line: keyCell.line, column: keyCell.column))
                ok = false
            } else {
                firstLine[keyText] = record.line
            }
            guard let day = date(dateCell.value) else {
                diagnostics.append(
                    Diagnostic(
                        .error, "bad-date",
                        "\(names[dateIndex]) \"\(dateCell.value)\" is not a date",
                        hint: "write dates as YYYY-MM-DD (a timestamp or M/D/YYYY also reads)", file: file.name,
                        line: dateCell.line, column: dateCell.column))
                continue
            }
            if day < window.start || window.end < day {
                diagnostics.append(
                    Diagnostic(
                        .error, "date-outside-window",
                        "\(names[dateIndex]) \(day) is outside the days this population is for (\(window))",
                        hint: "export the population for \(window) only: items of other days belong to another request",
                        file: file.name, line: dateCell.line, column: dateCell.column))
                continue
            }
            if ok { rows.append(PopulationRow(key: keyText, date: day, line: record.line)) }
        }
        if rows.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(.warning, "empty-population", "the population has no rows", file: file.name, line: 2))
        }
        return Parsed(rows: rows, keyColumn: names[keyIndex], dateColumn: names[dateIndex], diagnostics: diagnostics)
    }
}
