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

/// A CSV file (or sheet) whose header has been matched to a schema.
public struct MappedTable: Sendable {
    public var file: String
    /// The sheet of a workbook, for messages; nil for CSV.
    public var sheet: String?
    public var schema: TableSchema
    public var rows: [MappedRow]
    /// Field → the column it was read from: 1-based index and header text.
    public var columns: [String: MappedColumn] = [:]
    /// Ids of rows an "In scope" column left out (upper-cased).
    public var outOfScope: Set<String> = []
    /// The header's text line and spreadsheet row.
    public var headerLine = 1
    public var headerRow = 1

    public init(file: String, sheet: String? = nil, schema: TableSchema, rows: [MappedRow]) {
        self.file = file
        self.sheet = sheet
        self.schema = schema
        self.rows = rows
    }
}

/// Where a field's column is in the file.
public struct MappedColumn: Sendable, Hashable {
    public var index: Int
    public var header: String
    public var letter: String { Diagnostic.columnLetter(index) }
}

/// The fields a table's rows hold, each with the position of its cell in a row: one for all
/// the rows of a table (a dictionary per row cost more than the row's text).
///
/// A row read from a file keeps its record's cells in place (the array the CSV reader made), so
/// a field's position is its column's; positions not in `places` hold no field's cell.
public final class FieldSlots: Sendable {
    /// The fields, in slot order (columns left to right, then fields only a default fills).
    public let names: [String]
    /// The position of each of `names` in a row's cells, ascending.
    let places: [Int]
    let positions: [String: Int]
    /// How many cells a row holds at least: one past the last place.
    let width: Int

    public convenience init(_ names: [String]) {
        self.init(names, places: Array(names.indices))
    }

    /// `places` ascending, one per name.
    init(_ names: [String], places: [Int]) {
        self.names = names
        self.places = places
        positions = Dictionary(zip(names, places).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        width = (places.last ?? -1) + 1
    }

    func adding(_ name: String, at place: Int) -> FieldSlots { FieldSlots(names + [name], places: places + [place]) }
}

/// One data row: the cells of the mapped columns, by field name.
public struct MappedRow: Sendable {
    public var line: Int
    /// The row a spreadsheet shows it in.
    public var row: Int
    /// Which field each of `values` is; shared by the rows of a table.
    public private(set) var slots: FieldSlots
    /// The cells by position (see `FieldSlots`); `MappedRow.absent` where the row has no such cell.
    private var values: [CSVCell]
    /// Where a missing cell would have been: the end of the row.
    public var endColumn: Int

    /// Stands for no cell: no cell read has this line.
    static let absent = CSVCell(value: "", line: absentLine, column: 0)
    static let absentLine = Int(Int32.min)

    public init(line: Int, row: Int, slots: FieldSlots, endColumn: Int) {
        self.line = line
        self.row = row
        self.slots = slots
        self.values = Array(repeating: Self.absent, count: slots.width)
        self.endColumn = endColumn
    }

    /// A row over a record's own cells: those not at a slot's place are emptied (their text
    /// goes), and the array grows to the slots' width with no cells.
    init(line: Int, row: Int, slots: FieldSlots, endColumn: Int, cells: consuming [CSVCell]) {
        self.line = line
        self.row = row
        self.slots = slots
        self.endColumn = endColumn
        if cells.count > slots.width { cells.removeLast(cells.count - slots.width) }
        var next = 0
        for place in slots.places {
            while next < place && next < cells.count {
                cells[next] = Self.absent
                next += 1
            }
            next = place + 1
        }
        while cells.count < slots.width { cells.append(Self.absent) }
        self.values = cells
    }

    public subscript(field: String) -> CSVCell? {
        get {
            guard let position = slots.positions[field] else { return nil }
            let cell = values[position]
            return cell.line == Self.absentLine ? nil : cell
        }
        set {
            if let position = slots.positions[field] {
                values[position] = newValue ?? Self.absent
                return
            }
            guard let newValue else { return }
            // A field the table's rows do not have (a cell merged in from another file).
            slots = slots.adding(field, at: values.count)
            values.append(newValue)
        }
    }

    /// The fields this row has a cell for, in slot order.
    public var fields: [String] {
        slots.names.indices.filter { values[slots.places[$0]].line != Self.absentLine }.map { slots.names[$0] }
    }

    /// The row's cells by field name.
    public var cells: [String: CSVCell] {
        Dictionary(
            slots.names.indices.compactMap { index in
                let cell = values[slots.places[index]]
                return cell.line == Self.absentLine ? nil : (slots.names[index], cell)
            }
        ) { a, _ in a }
    }

    /// What is left in a table of a row taken out of it.
    static let gone = MappedRow(line: 0, row: 0, slots: FieldSlots([]), endColumn: 0)

    /// The first field (in slot order) whose cell is `cell`.
    func field(of cell: CSVCell) -> String? {
        slots.places.firstIndex { values[$0] == cell }.map { slots.names[$0] }
    }
}

/// Scope flag columns ("SOC 1", "SOC 2", "In scope" holding X, Y/N, TRUE/FALSE, ✓): read as
/// yes/no, not as lists of objectives or criteria.
public enum ScopeFlag {
    /// The flag fields and the header keys that name them.
    public static let headers: [(field: String, keys: Set<String>)] = [
        ("in_scope", ["inscope", "scope", "included", "inscopeyn", "applicable", "relevant"]),
        ("soc1_in_scope", ["soc1", "soc1inscope", "soc1yn", "soc1relevant", "soc1applicable", "soc1control"]),
        ("soc2_in_scope", ["soc2", "soc2inscope", "soc2yn", "soc2relevant", "soc2applicable", "soc2control"]),
    ]
    public static var fields: [String] { headers.map(\.field) }

    /// true for yes, false for no, nil when the text is no flag ("CC6.1").
    public static func value(_ text: String) -> Bool? {
        let trimmed = Spelling.trimmed(text)
        if ["✓", "✔", "☑", "✅", "•", "●"].contains(trimmed) { return true }
        if ["✗", "✘", "☐", "-", "–", "—"].contains(trimmed) { return false }
        switch Spelling.key(trimmed) {
        case "x", "y", "yes", "true", "1", "inscope", "applicable": return true
        case "n", "no", "false", "0", "na", "outofscope", "notapplicable", "": return false
        default: return nil
        }
    }

    /// The flag field a header names, when its values are flags.
    static func field(header: String, values: [String]) -> String? {
        let key = TableSchema.headerKey(header)
        guard let field = headers.first(where: { $0.keys.contains(key) })?.field else { return nil }
        let filled = values.filter { !Spelling.trimmed($0).isEmpty }
        // "In scope" is a flag whatever it holds; "SOC 1" only when its cells are flags, not ids.
        if field == "in_scope" || (!filled.isEmpty && filled.allSatisfy { value($0) != nil }) { return field }
        return nil
    }
}

/// Reads CSV bytes into a mapped table, collecting every problem as a diagnostic.
public enum TableReader {
    /// The parsed file and its header, before any schema is applied.
    public struct Parsed: Sendable {
        public var file: String
        /// The sheet of a workbook; nil for CSV.
        public var sheet: String?
        public var document: CSVDocument
        public var diagnostics: [Diagnostic]
        /// Set when the table is a worksheet: its cells hold typed text, not CSV's formula escapes.
        public var origin: SheetOrigin? = nil

        public var header: [CSVCell] { document.records.first?.cells ?? [] }

        /// A cell's text as the table means it: CSV export's apostrophe before formula text removed.
        func text(_ cell: CSVCell) -> String { origin == nil ? SpreadsheetText.restore(cell.value) : cell.value }

        public init(
            file: String, sheet: String? = nil, document: CSVDocument, diagnostics: [Diagnostic],
            origin: SheetOrigin? = nil
        ) {
            self.file = file
            self.sheet = sheet
            self.document = document
            self.diagnostics = diagnostics
            self.origin = origin
        }
    }

    /// With `skippingCommentLines`, lines starting with `#` before the header are explanation for
    /// the person editing the file: they are left out, and line numbers still count them.
    /// With `detectingSeparator`, a header line holding more `;` or tabs than commas sets the separator.
    public static func parse(
        file: String, bytes: [UInt8], skippingCommentLines: Bool = false, detectingSeparator: Bool = false
    ) -> Parsed {
        if let encoding = CSVReader.utf16Encoding(bytes) {
            let problem = Diagnostic(
                .error, "csv-utf16", "this file is \(encoding), not UTF-8",
                hint: "save it as UTF-8: in Excel \"CSV UTF-8 (Comma delimited)\", in LibreOffice Text CSV with "
                    + "character set Unicode (UTF-8)", file: file, line: 1, column: 1)
            return Parsed(
                file: file, document: CSVDocument(records: [], problems: [], hadByteOrderMark: false),
                diagnostics: [problem])
        }
        var skipped = 0
        var start = 0
        while skippingCommentLines, start < bytes.count, bytes[start] == UInt8(ascii: "#") {
            start = (bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count - 1) + 1
            skipped += 1
        }
        let body = start == 0 ? bytes : Array(bytes[start...])
        let separator = detectingSeparator ? CSVReader.detectSeparator(body) : UInt8(ascii: ",")
        var document = CSVReader.read(body, separator: separator)
        if skipped > 0 {
            for index in document.records.indices {
                document.records[index].line += skipped
                document.records[index].row += skipped
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

    /// Moves the header to row `headerRow`, or, without one, to the first of the first 10 rows
    /// that names an id column (banner and title rows above a matrix's header); a note says which
    /// rows were left out.
    public static func locateHeader(
        _ parsed: inout Parsed, headerRow: Int?, schemas: [TableSchema] = Schemas.inventory,
        overrides: [String: String]
    ) {
        let records = parsed.document.records
        let index: Int?
        if let headerRow {
            index = records.firstIndex { ($0.row == 0 ? $0.line : $0.row) >= headerRow }
            if index == nil || (records[index!].row != 0 && records[index!].row != headerRow) {
                parsed.diagnostics.append(
                    Diagnostic(
                        .error, "no-header",
                        "row \(headerRow) is empty or past the end: the header row set is \(headerRow)",
                        hint: "set the row that holds the column headers (header row, as the spreadsheet numbers it)",
                        file: parsed.file, line: 1))
                parsed.document.records = []
                return
            }
        } else {
            index = records.prefix(10).firstIndex { record in
                record.cells.contains { cell in
                    schemas.contains {
                        $0.field(forHeader: cell.value, overrides: overrides) == $0.fields[0].name
                    }
                }
            }
        }
        guard let index, index > 0 else { return }
        let first = records[0].row == 0 ? records[0].line : records[0].row
        let header = records[index].row == 0 ? records[index].line : records[index].row
        parsed.document.records.removeFirst(index)
        parsed.diagnostics.append(
            Diagnostic(
                .note, "rows-above-header",
                "the header is row \(header); row\(header - first > 1 ? "s \(first)–\(header - 1) above it are" : " \(first) above it is") left out",
                hint: headerRow == nil
                    ? "set the header row in a mapping (header_row) if another row holds the headers" : "",
                file: parsed.file))
        parsed.diagnostics[parsed.diagnostics.count - 1].sheet = parsed.sheet
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
    /// Unknown columns are one warning; columns mapped twice and ragged rows are errors (missing
    /// required columns are checked over all files of a kind, by the importer). Rows whose cells
    /// are all empty are skipped. Cell values are trimmed, lose the apostrophe that export adds to
    /// neutralise spreadsheet formulas, and are replaced as the mapping's value maps say; a
    /// mapping's defaults fill missing columns and empty cells.
    ///
    /// `spreadsheet` (the import path) names places by row, column letter and header, and leaves
    /// required columns to the caller; other readers keep text lines and check them here.
    ///
    /// `parsed` is taken: each record's cells become its row's (when the caller keeps no copy of
    /// the document, no second array is made per row, and the records go as they are mapped).
    public static func map(
        _ parsed: consuming Parsed, schema: TableSchema, mapping: ImportMapping = ImportMapping(),
        spreadsheet: Bool = false
    ) -> (MappedTable, [Diagnostic]) {
        var (table, mapper, diagnostics) = head(parsed, schema: schema, mapping: mapping, spreadsheet: spreadsheet)
        guard let mapper else { return (table, diagnostics) }
        // The records are taken from the document: each one's cells go to its row or away.
        var records = parsed.document.records
        parsed.document.records = []
        table.rows.reserveCapacity(max(records.count - 1, 0))
        mapper.map(&records, from: 1, into: &table.rows, diagnostics: &diagnostics)
        return (table, diagnostics)
    }

    /// The header's part of `map`: the table with its columns and no rows, what maps each record
    /// after the header to a row (nil for an empty file), and the diagnostics so far (the parsed
    /// file's, then the header's).
    static func head(
        _ parsed: Parsed, schema: TableSchema, mapping: ImportMapping, spreadsheet: Bool
    ) -> (MappedTable, RowMapper?, [Diagnostic]) {
        var diagnostics = parsed.diagnostics
        let file = parsed.file
        let sheet = parsed.sheet
        let overrides = mapping.overrides
        var table = MappedTable(file: file, sheet: sheet, schema: schema, rows: [])
        guard let headerRecord = parsed.document.records.first else {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", "the file is empty: a header row is expected",
                    hint: "the \(schema.kind) header is: \(schema.header.joined(separator: ","))", file: file, line: 1,
                    column: 1))
            return (table, nil, diagnostics)
        }
        let headerRow = headerRecord.row == 0 ? headerRecord.line : headerRecord.row
        (table.headerLine, table.headerRow) = (headerRecord.line, headerRow)
        var located = RowMapper.Places(file: file, sheet: sheet, spreadsheet: spreadsheet)
        var columns: [Int: String] = [:]
        var seen: [String: (index: Int, header: String)] = [:]
        var unknown: [String] = []
        for (index, cell) in headerRecord.cells.enumerated() {
            let header = Spelling.trimmed(parsed.text(cell))
            if header.isEmpty { continue }
            let key = TableSchema.headerKey(header)
            if overrides[key] == ImportMapping.ignored { continue }
            var field = schema.field(forHeader: header, overrides: overrides)
            if overrides[key] == nil && schema.kind == "controls" {
                let values = parsed.document.records.dropFirst().map {
                    index < $0.cells.count ? $0.cells[index].value : ""
                }
                field = ScopeFlag.field(header: header, values: values) ?? field
            }
            if let override = overrides[key], ScopeFlag.fields.contains(override), schema.kind == "controls" {
                field = override
            }
            guard let field else {
                unknown.append("\(Diagnostic.columnLetter(index + 1)) (\(header))")
                continue
            }
            if let first = seen[field] {
                let letter = Diagnostic.columnLetter(index + 1)
                diagnostics.append(
                    located(
                        Diagnostic(
                            .error, "duplicate-column",
                            "columns \(Diagnostic.columnLetter(first.index + 1)) (\(first.header)) and \(letter) (\(header)) both map to \(field)",
                            hint:
                                "keep one: ignore the other with --column \"\(header)=-\" (or list it under ignore in a mapping), or map it to another field with --column \"\(header)=FIELD\"",
                            file: file, line: cell.line, column: cell.column),
                        row: headerRow, column: index + 1, header: header))
                continue
            }
            seen[field] = (index, header)
            columns[index] = field
            table.columns[field] = MappedColumn(index: index + 1, header: header)
        }
        if !unknown.isEmpty {
            let count = unknown.count
            diagnostics.append(
                located(
                    Diagnostic(
                        .warning, "unknown-column",
                        "\(count == 1 ? "1 column is" : "\(count) columns are") not \(schema.kind) column\(count == 1 ? "" : "s") and \(count == 1 ? "is" : "are") ignored: \(unknown.joined(separator: ", "))",
                        hint:
                            "to use one, map it with --column \"Header=FIELD\" (fields: \(schema.header.joined(separator: ", "))); to silence this, list them under ignore in a mapping (--column \"Header=-\")",
                        file: file, line: headerRecord.line, column: 1),
                    row: headerRow))
        }
        for field in schema.fields where !spreadsheet && field.required && seen[field.name] == nil {
            diagnostics.append(missingColumn(field, file: file, line: headerRecord.line))
        }
        let defaults = mapping.defaults.filter { pair in schema.fields.contains { $0.name == pair.from } }
        // The mapped fields in column order, then the fields only a default fills (after the
        // header's cells).
        let width = headerRecord.cells.count
        let mappedColumns = columns.sorted { $0.key < $1.key }
        let defaultOnly = defaults.map(\.from).filter { field in !mappedColumns.contains { $0.value == field } }
        for pair in defaults where table.columns[pair.from] == nil {
            table.columns[pair.from] = MappedColumn(index: 0, header: "default \(pair.from)=\(pair.to)")
        }
        // An unterminated quote swallows the rest of the file into one cell: that record's shape
        // says nothing more than the quote problem already does.
        located.swallowed =
            parsed.document.problems.contains { $0.kind == .unterminatedQuote }
            ? parsed.document.records.last?.line : nil
        let mapper = RowMapper(
            places: located, mapping: mapping, restoresFormulaText: parsed.origin == nil, width: width,
            mappedColumns: mappedColumns, defaults: defaults,
            slots: FieldSlots(
                mappedColumns.map(\.value) + defaultOnly,
                places: mappedColumns.map(\.key) + defaultOnly.indices.map { width + $0 }))
        return (table, mapper, diagnostics)
    }

    /// Maps the records after a table's header to rows: `map`'s work per record, apart from the
    /// header's (so that a file read a part at a time is mapped as one read whole).
    struct RowMapper {
        /// How a table's diagnostics are placed.
        struct Places {
            let file: String
            let sheet: String?
            let spreadsheet: Bool
            /// The line of the record an unterminated quote swallowed the rest of the file into.
            var swallowed: Int? = nil

            func callAsFunction(_ diagnostic: Diagnostic, row: Int, column: Int? = nil, header: String? = nil)
                -> Diagnostic
            {
                guard spreadsheet else { return diagnostic }
                var located = diagnostic
                located.sheet = sheet
                located.row = row
                located.columnLetter = column.map(Diagnostic.columnLetter)
                located.header = header
                return located
            }
        }

        let places: Places
        let mapping: ImportMapping
        /// CSV (not a worksheet): a cell's text loses the apostrophe export puts before formula text.
        let restoresFormulaText: Bool
        /// The header's cells.
        let width: Int
        let mappedColumns: [(key: Int, value: String)]
        let defaults: [ImportMapping.Pair]
        let slots: FieldSlots

        /// Maps `records[from...]`, taking each one's cells; appends rows and diagnostics.
        func map(
            _ records: inout [CSVRecord], from start: Int, into rows: inout [MappedRow], diagnostics: inout [Diagnostic]
        ) {
            for position in records.indices.dropFirst(start) {
                var cells: [CSVCell] = []
                swap(&cells, &records[position].cells)
                let (recordLine, recordRow) = (records[position].line, records[position].row)
                // A cell beginning with a printable ASCII character is not white space (no Character needed).
                if cells.allSatisfy({ cell in
                    if let byte = cell.value.utf8.first, (0x21...0x7E).contains(byte) { return false }
                    return cell.value.allSatisfy(\.isWhitespace)
                }) {
                    continue
                }
                let rowNumber = recordRow == 0 ? recordLine : recordRow
                if recordLine != places.swallowed,
                    cells.count < width || cells.dropFirst(width).contains(where: { !$0.value.isEmpty })
                {
                    let cell = cells.count < width ? cells.last : cells[width]
                    diagnostics.append(
                        places(
                            Diagnostic(
                                .error, "ragged-row",
                                "this row has \(cells.count) cells but the header has \(width)",
                                hint:
                                    "a cell holding a separator or line break must be in double quotes; check for a missing or extra separator",
                                file: places.file, line: recordLine, column: cell?.column ?? 1),
                            row: rowNumber, column: cells.count < width ? cells.count : width + 1))
                    continue
                }
                let endColumn = cells.last?.column ?? 1
                // Empty cells past the header's width (checked above) are no field's.
                if cells.count > width { cells.removeLast(cells.count - width) }
                for (index, field) in mappedColumns where index < cells.count {
                    let text = restoresFormulaText ? SpreadsheetText.restore(cells[index].value) : cells[index].value
                    let value = Spelling.trimmed(text)
                    if value.isEmpty, let replacement = mapping.defaultValue(field) {
                        cells[index].value = replacement
                    } else if let replacement = mapping.value(value, field: field) {
                        cells[index].value = replacement
                    } else {
                        cells[index].value = value
                    }
                }
                var row = MappedRow(line: recordLine, row: rowNumber, slots: slots, endColumn: endColumn, cells: cells)
                for pair in defaults where row[pair.from] == nil {
                    row[pair.from] = CSVCell(value: pair.to, line: recordLine, column: row.endColumn)
                }
                rows.append(row)
            }
        }
    }

    /// "required column title is missing", with the spellings that would name it.
    static func missingColumn(_ field: FieldSpec, file: String, line: Int?) -> Diagnostic {
        let spellings = ([field.name] + field.aliases.prefix(4)).map { "\"\($0)\"" }.joined(separator: ", ")
        return Diagnostic(
            .error, "missing-column", "required column \(field.name) is missing",
            hint: "add a column headed \(spellings), or map an existing one with --column \"Header=\(field.name)\"",
            file: file, line: line, column: 1)
    }
}

/// Decodes typed values from a mapped row, reporting each problem with its position.
struct RowDecoder {
    let file: String
    private(set) var row: MappedRow
    /// The table's columns, to name a cell by column letter and header.
    let sheet: String?
    let columns: [String: MappedColumn]
    var diagnostics: [Diagnostic] = []
    /// Cells merged in from another file's row: where each came from.
    private var origins: [String: Origin] = [:]

    struct Origin {
        var file: String
        var sheet: String?
        var row: Int
        var column: MappedColumn?
    }

    /// Takes `other`'s cells for the fields this row lacks or leaves empty; returns the fields
    /// both fill with different values.
    mutating func absorb(_ other: RowDecoder) -> [String] {
        var conflicts: [String] = []
        for field in other.row.fields.sorted() {
            guard let cell = other.row[field] else { continue }
            if let mine = row[field], !mine.value.isEmpty {
                if !cell.value.isEmpty && cell.value != mine.value { conflicts.append(field) }
                continue
            }
            row[field] = cell
            origins[field] = Origin(
                file: other.file, sheet: other.sheet, row: other.row.row, column: other.columns[field])
        }
        return conflicts
    }

    init(file: String, row: MappedRow, sheet: String? = nil, columns: [String: MappedColumn] = [:]) {
        self.file = file
        self.row = row
        self.sheet = sheet
        self.columns = columns
    }

    init(table: MappedTable, row: MappedRow) {
        self.init(file: table.file, row: row, sheet: table.sheet, columns: table.columns)
    }

    mutating func report(
        _ code: String, _ message: String, hint: String = "", at cell: CSVCell?, subject: String? = nil,
        severity: Diagnostic.Severity = .error
    ) {
        var diagnostic = Diagnostic(
            severity, code, message, hint: hint, file: file, line: cell?.line ?? row.line,
            column: cell?.column ?? row.endColumn, subject: subject)
        guard !columns.isEmpty else { return diagnostics.append(diagnostic) }
        diagnostic.sheet = sheet
        diagnostic.row = row.row
        let field = cell.flatMap { row.field(of: $0) }
        var column = field.flatMap { columns[$0] }
        if let field, let origin = origins[field] {
            diagnostic.file = origin.file
            diagnostic.sheet = origin.sheet
            diagnostic.row = origin.row
            column = origin.column
        }
        if let column {
            diagnostic.columnLetter = column.index > 0 ? column.letter : "–"
            diagnostic.header = column.header
        }
        diagnostics.append(diagnostic)
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
        let items = Spelling.listItems(text)
        // Short lists (nearly all): a linear search costs less than hashing into a set.
        guard items.count > 16 else {
            var kept: [String] = []
            kept.reserveCapacity(items.count)
            for item in items where !kept.contains(item) { kept.append(item) }
            return kept
        }
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
