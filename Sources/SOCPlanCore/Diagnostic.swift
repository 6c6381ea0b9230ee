/// A problem found in the input or the workspace, reported the way a compiler reports one.
///
/// Commands collect diagnostics and print them all at once; a command fails only after it
/// has looked at everything.
public struct Diagnostic: Error, Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        case error, warning, note

        private var rank: Int { self == .error ? 2 : self == .warning ? 1 : 0 }
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable short name of the problem ("unknown-criterion"), for tools and tests.
    public var code: String
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The id of what the problem is about (a control, criterion, objective …), when there is one.
    public var subject: String?
    public var message: String
    public var hint: String
    /// Where a spreadsheet shows the problem, for input read as a table: the sheet (XLSX), the
    /// row as the spreadsheet numbers it, the column letter and the header above it. When `row`
    /// is set, `rendered` speaks of these instead of the text line and column.
    public var sheet: String?
    public var row: Int?
    public var columnLetter: String?
    public var header: String?

    public init(
        _ severity: Severity, _ code: String, _ message: String, hint: String = "", file: String? = nil,
        line: Int? = nil, column: Int? = nil, subject: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.column = column
        self.subject = subject
    }

    /// "controls.csv:12:5: error: unknown criterion "CC6.9"" and, indented below, the hint; for a
    /// spreadsheet row "matrix.csv, row 12, column E (TSC): error: …", and in a workbook
    /// "matrix.xlsx, sheet Controls, cell E17 (Frequency): error: …".
    public var rendered: String {
        var location = ""
        if let file, let place = spreadsheetPlace {
            location = "\(file), \(place): "
        } else if let file {
            location = file
            if let line { location += ":\(line)" }
            if let column { location += ":\(column)" }
            location += ": "
        }
        var text = "\(location)\(severity.rawValue): \(message)"
        if !hint.isEmpty { text += "\n    hint: \(hint)" }
        return text
    }

    /// Where a spreadsheet shows the problem, or nil when it is not in a table's row: "row 12,
    /// column E (TSC)" for CSV, "sheet Controls, cell E17 (TSC)" in a workbook. In a workbook a
    /// diagnostic may carry the row as `line` and the column number as `column`.
    public var spreadsheetPlace: String? {
        let row = self.row ?? (sheet != nil ? line : nil)
        let letter = columnLetter ?? (sheet != nil ? column.map(Self.columnLetter) : nil)
        guard row != nil || letter != nil || sheet != nil else { return nil }
        var parts: [String] = []
        if let sheet { parts.append("sheet \(sheet)") }
        switch (row, letter) {
        case (let row?, let letter?) where sheet != nil && letter != "–": parts.append("cell \(letter)\(row)")
        default:
            if let row { parts.append("row \(row)") }
            if let letter { parts.append("column \(letter)") }
        }
        if let header, !header.isEmpty, letter != nil, !parts.isEmpty { parts[parts.count - 1] += " (\(header))" }
        return parts.joined(separator: ", ")
    }

    /// "A" for column 1, "Z" for 26, "AA" for 27: the letters a spreadsheet heads column `index` (1-based) with.
    public static func columnLetter(_ index: Int) -> String {
        var letters = ""
        var rest = index
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

extension Array where Element == Diagnostic {
    /// Problems listed per file before the rest are only counted (a file of 100,000 bad rows would
    /// otherwise print 100,000 errors and hints).
    public static var listedPerFile: Int { 200 }

    /// What a person can read: the first `limit` diagnostics of each file, in order; past it, one
    /// line per file, code and severity saying how many more there are, with the first one's text.
    /// The severities are kept, so a capped list has errors exactly when the whole list has.
    public func capped(perFile limit: Int = listedPerFile) -> [Diagnostic] {
        var listed: [String: Int] = [:]
        var kept: [Diagnostic] = []
        var rest: [String: (count: Int, first: Diagnostic)] = [:]
        var order: [String] = []
        for diagnostic in self {
            let file = diagnostic.file ?? ""
            if listed[file, default: 0] < limit {
                listed[file, default: 0] += 1
                kept.append(diagnostic)
                continue
            }
            let key = [file, diagnostic.code, diagnostic.severity.rawValue].joined(separator: "\u{1F}")
            if rest[key] == nil {
                order.append(key)
                rest[key] = (0, diagnostic)
            }
            rest[key]?.count += 1
        }
        for key in order {
            guard let (count, first) = rest[key] else { continue }
            kept.append(
                Diagnostic(
                    first.severity, first.code,
                    "and \(count) more \(first.code) \(count == 1 ? first.severity.rawValue : first.severity.rawValue + "s") like: \(first.message)",
                    hint: "only the first \(limit) problems of a file are listed: fix those and run it again",
                    file: first.file))
        }
        return kept
    }
}
