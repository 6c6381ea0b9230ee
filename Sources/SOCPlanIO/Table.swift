import SOCPlanCore

/// One column a CSV input may have: its canonical header and the spellings spreadsheets use.
public struct FieldSpec: Sendable {
    public var name: String
    public var aliases: [String]
    public var required: Bool

    public init(_ name: String, required: Bool = false, aliases: [String] = []) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }
}

/// The columns of one kind of CSV file, in canonical order.
public struct TableSchema: Sendable {
    public var kind: String
    public var fields: [FieldSpec]

    /// Header key → field name, for every canonical name and alias.
    private let lookup: [String: String]

    public init(kind: String, fields: [FieldSpec]) {
        self.kind = kind
        self.fields = fields
        // Canonical names first: an alias of one field never shadows another field's own name.
        var lookup = Dictionary(fields.map { (Self.headerKey($0.name), $0.name) }, uniquingKeysWith: { a, _ in a })
        for field in fields {
            for alias in field.aliases where lookup[Self.headerKey(alias)] == nil {
                lookup[Self.headerKey(alias)] = field.name
            }
        }
        self.lookup = lookup
    }

    /// An inventory table's CSV columns, from its one description.
    public init<T: AnyTableSpec>(_ table: T) {
        self.init(
            kind: table.kind,
            fields: table.columnInfo.map { FieldSpec($0.name, required: $0.required, aliases: $0.synonyms) })
    }

    public var header: [String] { fields.map(\.name) }

    /// The field a header cell names, by canonical name or alias, ignoring case, spaces and punctuation.
    func field(forHeader header: String, overrides: [String: String]) -> String? {
        let key = Self.headerKey(header)
        if let override = overrides[key] { return fields.contains { $0.name == override } ? override : nil }
        return lookup[key]
    }

    /// "Control #" → "controlnumber", "Key Control?" → "keycontrol".
    public static func headerKey(_ header: String) -> String {
        Spelling.key(header.contains("#") ? header.replacingOccurrences(of: "#", with: "number") : header)
    }
}

/// A CSV file whose header has been matched to a schema.
public struct MappedTable: Sendable {
    public var file: String
    public var schema: TableSchema
    public var rows: [MappedRow]
}

/// One data row: the cells of the mapped columns, by field name.
public struct MappedRow: Sendable {
    public var line: Int
    public var cells: [String: CSVCell]
    /// Where a missing cell would have been: the end of the row.
    public var endColumn: Int

    public subscript(field: String) -> CSVCell? { cells[field] }
}

/// Reads CSV bytes into a mapped table, collecting every problem as a diagnostic.
public enum TableReader {
    /// The parsed file and its header, before any schema is applied.
    public struct Parsed: Sendable {
        public var file: String
        public var document: CSVDocument
        public var diagnostics: [Diagnostic]
        /// Set when the table is a worksheet: its cells hold typed text, not CSV's formula escapes.
        public var sheet: SheetOrigin? = nil

        public var header: [CSVCell] { document.records.first?.cells ?? [] }

        /// A cell's text as the table means it: CSV export's apostrophe before formula text removed.
        func text(_ cell: CSVCell) -> String { sheet == nil ? SpreadsheetText.restore(cell.value) : cell.value }
    }

    /// With `skippingCommentLines`, lines starting with `#` before the header are explanation for
    /// the person editing the file: they are left out, and line numbers still count them.
    public static func parse(file: String, bytes: [UInt8], skippingCommentLines: Bool = false) -> Parsed {
        var skipped = 0
        var start = 0
        while skippingCommentLines, start < bytes.count, bytes[start] == UInt8(ascii: "#") {
            start = (bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count - 1) + 1
            skipped += 1
        }
        var document = CSVReader.read(Array(bytes[start...]))
        if skipped > 0 {
            for index in document.records.indices {
                document.records[index].line += skipped
                for cell in document.records[index].cells.indices {
                    document.records[index].cells[cell].line += skipped
                }
            }
            for index in document.problems.indices { document.problems[index].line += skipped }
        }
        let diagnostics = document.problems.map { problem in
            Diagnostic(
                .error, "csv-\(problem.kind.rawValue)", problem.message, hint: problem.hint, file: file,
                line: problem.line, column: problem.column)
        }
        return Parsed(file: file, document: document, diagnostics: diagnostics)
    }

    /// How many of a schema's fields a header names: used to recognise a file's kind.
    public static func score(_ parsed: Parsed, schema: TableSchema, overrides: [String: String]) -> (
        matched: Int, missingRequired: [String]
    ) {
        let names = Set(parsed.header.compactMap { schema.field(forHeader: $0.value, overrides: overrides) })
        let missing = schema.fields.filter { $0.required && !names.contains($0.name) }.map(\.name)
        return (names.count, missing)
    }

    /// Applies a schema: maps header cells to fields and checks every row's shape.
    ///
    /// Unknown columns are warnings; missing required columns, columns mapped twice and ragged
    /// rows are errors. Rows whose cells are all empty are skipped. Cell values are trimmed and
    /// lose the apostrophe that export adds to neutralise spreadsheet formulas.
    public static func map(_ parsed: Parsed, schema: TableSchema, overrides: [String: String] = [:]) -> (
        MappedTable, [Diagnostic]
    ) {
        var diagnostics = parsed.diagnostics
        let file = parsed.file
        var table = MappedTable(file: file, schema: schema, rows: [])
        guard let headerRecord = parsed.document.records.first else {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", "the file is empty: a header row is expected",
                    hint: "the \(schema.kind) header is: \(schema.header.joined(separator: ","))", file: file, line: 1,
                    column: 1))
            return (table, diagnostics)
        }
        var columns: [Int: String] = [:]
        var seen: [String: CSVCell] = [:]
        for (index, cell) in headerRecord.cells.enumerated() {
            let header = Spelling.trimmed(parsed.text(cell))
            if header.isEmpty { continue }
            guard let field = schema.field(forHeader: header, overrides: overrides) else {
                diagnostics.append(
                    Diagnostic(
                        .warning, "unknown-column",
                        "column \"\(header)\" is not a column of \(schema.kind) files and is ignored",
                        hint:
                            "to use it, pass --column \"\(header)=FIELD\" with one of: \(schema.header.joined(separator: ", "))",
                        file: file, line: cell.line, column: cell.column))
                continue
            }
            if let first = seen[field] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate-column",
                        "column \"\(header)\" maps to \(field), like the column at column \(first.column)",
                        hint: "rename or remove one of them, or map one elsewhere with --column \"\(header)=FIELD\"",
                        file: file, line: cell.line, column: cell.column))
                continue
            }
            seen[field] = cell
            columns[index] = field
        }
        for field in schema.fields where field.required && seen[field.name] == nil {
            let spellings = ([field.name] + field.aliases.prefix(4)).map { "\"\($0)\"" }.joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    .error, "missing-column", "required column \(field.name) is missing",
                    hint:
                        "add a column headed \(spellings), or map an existing one with --column \"Header=\(field.name)\"",
                    file: file, line: headerRecord.line, column: 1))
        }
        let width = headerRecord.cells.count
        // An unterminated quote swallows the rest of the file into one cell: that record's shape
        // says nothing more than the quote problem already does.
        let swallowed =
            parsed.document.problems.contains { $0.kind == .unterminatedQuote }
            ? parsed.document.records.last?.line : nil
        for record in parsed.document.records.dropFirst() {
            if record.cells.allSatisfy({ $0.value.allSatisfy(\.isWhitespace) }) { continue }
            if record.line != swallowed,
                record.cells.count < width || record.cells.dropFirst(width).contains(where: { !$0.value.isEmpty })
            {
                let cell = record.cells.count < width ? record.cells.last : record.cells[width]
                diagnostics.append(
                    Diagnostic(
                        .error, "ragged-row", "this row has \(record.cells.count) cells but the header has \(width)",
                        hint:
                            "a cell holding a comma or line break must be in double quotes; check for a missing or extra separator",
                        file: file, line: record.line, column: cell?.column ?? 1))
                continue
            }
            var row = MappedRow(line: record.line, cells: [:], endColumn: record.cells.last?.column ?? 1)
            for (index, field) in columns where index < record.cells.count {
                var cell = record.cells[index]
                cell.value = Spelling.trimmed(parsed.text(cell))
                row.cells[field] = cell
            }
            table.rows.append(row)
        }
        return (table, diagnostics)
    }
}

/// Decodes typed values from a mapped row, reporting each problem with its position.
struct RowDecoder {
    let file: String
    let row: MappedRow
    var diagnostics: [Diagnostic] = []

    init(file: String, row: MappedRow) {
        self.file = file
        self.row = row
    }

    mutating func report(
        _ code: String, _ message: String, hint: String = "", at cell: CSVCell?, subject: String? = nil,
        severity: Diagnostic.Severity = .error
    ) {
        diagnostics.append(
            Diagnostic(
                severity, code, message, hint: hint, file: file, line: cell?.line ?? row.line,
                column: cell?.column ?? row.endColumn, subject: subject))
    }

    /// The cell's text, or nil when the file has no such column.
    func text(_ field: String) -> String? { row[field]?.value }

    /// A cell that must not be empty.
    mutating func required(_ field: String) -> String? {
        guard let cell = row[field] else { return nil }
        if cell.value.isEmpty {
            report("empty-cell", "\(field) is empty", hint: "every row needs a \(field)", at: cell)
            return nil
        }
        return cell.value
    }

    /// An identifier: required, and free of the list separators.
    mutating func identifier(_ field: String) -> String? {
        guard let value = required(field) else { return nil }
        if value.contains(where: { $0 == "," || $0 == ";" || $0.isNewline }) {
            report(
                "invalid-id", "\(field) \"\(value)\" contains a comma, semicolon or line break",
                hint: "ids are referenced in list cells, which those characters separate", at: row[field])
            return nil
        }
        return value
    }

    /// An enumerated value in any accepted spelling; nil when absent, empty or unknown.
    ///
    /// An empty cell is an error only when the value is `required`; an unknown spelling always is.
    mutating func choice<E: SpelledEnum>(_ field: String, _ type: E.Type, required: Bool = false) -> E? {
        guard let cell = row[field] else { return nil }
        if cell.value.isEmpty {
            if required {
                report("empty-cell", "\(field) is empty", hint: "allowed values: \(E.allowedList)", at: cell)
            }
            return nil
        }
        guard let parsed = E(spelling: cell.value) else {
            report(
                "unknown-value", "unknown \(E.valueName) \"\(cell.value)\"", hint: "allowed values: \(E.allowedList)",
                at: cell)
            return nil
        }
        return parsed
    }

    /// A yes/no cell; empty gives `fallback`.
    mutating func flag(_ field: String, fallback: Bool) -> Bool? {
        guard let cell = row[field] else { return nil }
        switch Spelling.key(cell.value) {
        case "": return fallback
        case "yes", "y", "true", "1", "x", "key": return true
        case "no", "n", "false", "0", "nonkey", "notkey": return false
        default:
            report("unknown-value", "\(field) \"\(cell.value)\" is neither yes nor no", hint: "use yes or no", at: cell)
            return fallback
        }
    }

    /// A decimal number such as 1.5; nil when absent, empty or invalid.
    mutating func decimal(_ field: String) -> Double? {
        guard let cell = row[field], !cell.value.isEmpty else { return nil }
        guard let value = Double(cell.value), value.isFinite else {
            report(
                "invalid-number", "\(field) \"\(cell.value)\" is not a number", hint: "write a number such as 1.5",
                at: cell)
            return nil
        }
        return value
    }

    /// A whole number ≥ 0, thousands separators allowed; nil when absent, empty or invalid.
    mutating func count(_ field: String) -> Int? {
        guard let cell = row[field] else { return nil }
        let digits = cell.value.filter { $0 != "," && $0 != " " && $0 != "_" }
        if digits.isEmpty { return nil }
        guard let value = Int(digits), value >= 0 else {
            report(
                "invalid-number", "\(field) \"\(cell.value)\" is not a whole number", hint: "write a count such as 250",
                at: cell)
            return nil
        }
        return value
    }

    /// A list cell split on `;`, `,` and line breaks; duplicates dropped, order kept.
    func list(_ field: String) -> [String]? {
        guard let cell = row[field] else { return nil }
        return Self.split(cell.value)
    }

    static func split(_ text: String) -> [String] {
        var seen = Set<String>()
        return Spelling.listItems(text).filter { seen.insert($0).inserted }
    }
}
