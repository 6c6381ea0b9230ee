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
    /// The worksheet, when `file` is a workbook: `line` is then the row and `column` the column
    /// number, shown as a cell reference ("C17").
    public var sheet: String?
    /// The header of the column the problem is in, when it is in a table's cell.
    public var header: String?
    /// The id of what the problem is about (a control, criterion, objective …), when there is one.
    public var subject: String?
    public var message: String
    public var hint: String

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

    /// "controls.csv:12:5: error: unknown criterion "CC6.9"" and, indented below, the hint; in a
    /// workbook "matrix.xlsx, sheet Controls, cell E17 (Frequency): error: …".
    public var rendered: String {
        var location = ""
        if let file, let sheet {
            location = "\(file), sheet \(sheet)"
            if let line {
                location += column.map { ", cell \(Self.columnLetters($0))\(line)" } ?? ", row \(line)"
            }
            if let header, !header.isEmpty { location += " (\(header))" }
            location += ": "
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

    /// 1 → "A", 27 → "AA": a spreadsheet's name for a column.
    public static func columnLetters(_ number: Int) -> String {
        var number = max(number, 1)
        var letters = ""
        while number > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
