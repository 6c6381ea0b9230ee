import SOCPlanCore
import Yams

/// How to read a spreadsheet whose headers and values are not socplan's: what a user would
/// otherwise type as `import` flags, kept in a file so the same matrix imports the same way
/// every quarter. Applies to the rows of any reader (CSV or XLSX).
public struct ImportMapping: Sendable, Equatable {
    /// Read every file as this kind ("controls") instead of recognising it.
    public var kind: String?
    /// The sheet of a workbook to read (XLSX only).
    public var sheet: String?
    /// The spreadsheet row that holds the header (1-based); nil: found automatically.
    public var headerRow: Int?
    /// Header → field, in the order given; the field `-` ignores the column.
    public var columns: [Pair] = []
    /// Field → (value in the file → value socplan knows), e.g. nature: Process → manual.
    public var values: [String: [Pair]] = [:]
    /// Field → the value rows take when the file has no such column or the cell is empty.
    public var defaults: [Pair] = []

    /// One "from → to" entry.
    public struct Pair: Sendable, Equatable, Hashable {
        public var from: String
        public var to: String
        public init(_ from: String, _ to: String) {
            self.from = from
            self.to = to
        }
    }

    /// The field name that ignores a column.
    public static let ignored = "-"

    public init(
        kind: String? = nil, sheet: String? = nil, headerRow: Int? = nil, columns: [Pair] = [],
        values: [String: [Pair]] = [:], defaults: [Pair] = []
    ) {
        self.kind = kind
        self.sheet = sheet
        self.headerRow = headerRow
        self.columns = columns
        self.values = values
        self.defaults = defaults
    }

    /// Header key (see `TableSchema.headerKey`) → field or `-`; a later entry wins.
    public var overrides: [String: String] {
        var result: [String: String] = [:]
        for pair in columns { result[TableSchema.headerKey(pair.from)] = pair.to }
        return result
    }

    /// The headers the mapping ignores, as written.
    public var ignore: [String] { columns.filter { $0.to == Self.ignored }.map(\.from) }

    /// The value a cell of `field` holding `text` stands for, when the mapping says.
    public func value(_ text: String, field: String) -> String? {
        guard let pairs = values[field] else { return nil }
        let key = Spelling.key(text)
        return pairs.last { Spelling.key($0.from) == key }?.to
    }

    /// The default of `field`, if any.
    public func defaultValue(_ field: String) -> String? { defaults.last { $0.from == field }?.to }

    /// `other`'s settings on top of these (flags on top of a mapping file).
    public func merging(_ other: ImportMapping) -> ImportMapping {
        var merged = self
        merged.kind = other.kind ?? kind
        merged.sheet = other.sheet ?? sheet
        merged.headerRow = other.headerRow ?? headerRow
        for pair in other.columns {
            merged.columns.removeAll { TableSchema.headerKey($0.from) == TableSchema.headerKey(pair.from) }
            merged.columns.append(pair)
        }
        for (field, pairs) in other.values {
            for pair in pairs {
                merged.values[field, default: []].removeAll { Spelling.key($0.from) == Spelling.key(pair.from) }
                merged.values[field, default: []].append(pair)
            }
        }
        for pair in other.defaults {
            merged.defaults.removeAll { $0.from == pair.from }
            merged.defaults.append(pair)
        }
        return merged
    }

    public var isEmpty: Bool { self == ImportMapping() }

    // MARK: Files

    /// The header of a mapping saved as CSV.
    public static let csvHeader = ["setting", "field", "source", "value"]

    /// The mapping as a CSV file: one setting a row (`column`, `value`, `default`, `kind`, `sheet`, `header_row`).
    public func csv() -> String {
        var rows = [Self.csvHeader]
        if let kind { rows.append(["kind", "", "", kind]) }
        if let sheet { rows.append(["sheet", "", "", sheet]) }
        if let headerRow { rows.append(["header_row", "", "", "\(headerRow)"]) }
        for pair in columns {
            rows.append(pair.to == Self.ignored ? ["ignore", "", pair.from, ""] : ["column", pair.to, pair.from, ""])
        }
        for field in values.keys.sorted() {
            for pair in values[field] ?? [] { rows.append(["value", field, pair.from, pair.to]) }
        }
        for pair in defaults { rows.append(["default", pair.from, "", pair.to]) }
        return CSVWriter(lineEnding: .lf, neutraliseFormulas: false).write(rows)
    }

    /// The mapping as YAML, the shape `parse(yaml:)` reads.
    public func yaml() -> String {
        var lines = ["# socplan import mapping: `socplan import --mapping FILE …`"]
        if let kind { lines.append("kind: \(Self.scalar(kind))") }
        if let sheet { lines.append("sheet: \(Self.scalar(sheet))") }
        if let headerRow { lines.append("header_row: \(headerRow)") }
        let mapped = columns.filter { $0.to != Self.ignored }
        if !mapped.isEmpty {
            lines.append("columns:")
            for pair in mapped { lines.append("  \(Self.scalar(pair.from)): \(Self.scalar(pair.to))") }
        }
        if !ignore.isEmpty {
            lines.append("ignore:")
            for header in ignore { lines.append("  - \(Self.scalar(header))") }
        }
        if !values.isEmpty {
            lines.append("values:")
            for field in values.keys.sorted() {
                lines.append("  \(Self.scalar(field)):")
                for pair in values[field] ?? [] {
                    lines.append("    \(Self.scalar(pair.from)): \(Self.scalar(pair.to))")
                }
            }
        }
        if !defaults.isEmpty {
            lines.append("defaults:")
            for pair in defaults { lines.append("  \(Self.scalar(pair.from)): \(Self.scalar(pair.to))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML scalar, quoted unless plainly safe.
    static func scalar(_ text: String) -> String {
        let plain =
            !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || " _-./()".contains($0) }
            && text.first.map { $0.isLetter } == true && text.last != " "
            && !["yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"].contains(text.lowercased())
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    /// Reads a mapping saved as CSV (see `csv()`); every problem is a located diagnostic.
    public static func parse(csv bytes: [UInt8], file: String) -> (ImportMapping, [Diagnostic]) {
        let parsed = TableReader.parse(file: file, bytes: bytes, skippingCommentLines: true)
        var diagnostics = parsed.diagnostics
        var mapping = ImportMapping()
        let records = parsed.document.records
        guard let header = records.first else {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", "the mapping file is empty",
                    hint: "its header is: \(csvHeader.joined(separator: ","))", file: file, line: 1, column: 1))
            return (mapping, diagnostics)
        }
        let names = header.values.map { Spelling.key($0) }
        guard csvHeader.allSatisfy({ names.contains($0) }) else {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-column", "a mapping file's header is \(csvHeader.joined(separator: ","))",
                    hint: "one setting a row, e.g. value,nature,Process,manual", file: file, line: header.line,
                    column: 1))
            return (mapping, diagnostics)
        }
        func index(_ name: String) -> Int { names.firstIndex(of: name) ?? 0 }
        for record in records.dropFirst() {
            func cell(_ name: String) -> String {
                let position = index(name)
                return position < record.cells.count ? Spelling.trimmed(record.cells[position].value) : ""
            }
            let problem = mapping.apply(
                setting: cell("setting"), field: cell("field"), source: cell("source"), value: cell("value"))
            if let problem {
                diagnostics.append(
                    Diagnostic(
                        .error, "invalid-mapping", problem.message, hint: problem.hint, file: file,
                        line: record.line, column: 1))
            }
        }
        return (mapping, diagnostics)
    }

    /// One setting as a CSV row or a flag gives it; the problem when it makes no sense.
    mutating func apply(setting: String, field: String, source: String, value: String) -> (
        message: String, hint: String
    )? {
        switch Spelling.key(setting) {
        case "kind":
            guard !value.isEmpty else { return ("kind needs a value", "write e.g. kind,,,controls") }
            kind = value
        case "sheet":
            guard !value.isEmpty else { return ("sheet needs a value", "write e.g. sheet,,,Controls") }
            sheet = value
        case "headerrow":
            guard let row = Int(value), row >= 1 else {
                return ("header_row \"\(value)\" is not a row number", "write e.g. header_row,,,3")
            }
            headerRow = row
        case "column":
            guard !source.isEmpty, !field.isEmpty else {
                return (
                    "a column setting needs the header (source) and the field", "write e.g. column,title,Control Name,"
                )
            }
            columns.append(Pair(source, field))
        case "ignore":
            let header = source.isEmpty ? value : source
            guard !header.isEmpty else { return ("ignore needs the header", "write e.g. ignore,,Notes,") }
            columns.append(Pair(header, Self.ignored))
        case "value":
            guard !field.isEmpty, !source.isEmpty, !value.isEmpty else {
                return (
                    "a value setting needs the field, the value in the file and its replacement",
                    "write e.g. value,nature,Process,manual"
                )
            }
            values[field, default: []].append(Pair(source, value))
        case "default":
            guard !field.isEmpty else { return ("a default needs the field", "write e.g. default,risk,,low") }
            defaults.append(Pair(field, value))
        default:
            return (
                "unknown setting \"\(setting)\"",
                "settings: kind, sheet, header_row, column, ignore, value, default"
            )
        }
        return nil
    }

    /// Checks the fields the mapping names against the files socplan reads.
    public func problems(file: String) -> [Diagnostic] {
        let known = Set(Schemas.inventory.flatMap(\.header) + ScopeFlag.fields)
        var found: [Diagnostic] = []
        func check(_ field: String, _ what: String) {
            guard !known.contains(field) else { return }
            found.append(
                Diagnostic(
                    .error, "unknown-field", "\(what): unknown field \"\(field)\"",
                    hint: Spelling.didYouMean(
                        field, in: known.sorted(), otherwise: "fields: \(known.sorted().joined(separator: ", "))"),
                    file: file))
        }
        for pair in columns where pair.to != Self.ignored { check(pair.to, "column \"\(pair.from)\"") }
        for field in values.keys.sorted() { check(field, "values") }
        for pair in defaults { check(pair.from, "default") }
        if let kind, !Schemas.inventory.contains(where: { $0.kind == kind }) {
            found.append(
                Diagnostic(
                    .error, "unknown-kind", "unknown file kind \"\(kind)\"",
                    hint: "use one of: \(Schemas.inventory.map(\.kind).joined(separator: ", "))", file: file))
        }
        return found
    }
}

extension ImportMapping {
    /// Reads a mapping written as YAML:
    ///
    /// ```yaml
    /// kind: controls
    /// sheet: Controls
    /// header_row: 3
    /// columns: {Ctrl Narrative: description}
    /// ignore: [SOC 2, Notes]
    /// values: {nature: {Process: manual, Technology: automated}}
    /// defaults: {risk: low}
    /// ```
    public static func parse(yaml source: String, file: String) -> (ImportMapping, [Diagnostic]) {
        var mapping = ImportMapping()
        var diagnostics: [Diagnostic] = []
        func problem(_ message: String, _ hint: String, line: Int? = nil) {
            diagnostics.append(Diagnostic(.error, "invalid-mapping", message, hint: hint, file: file, line: line))
        }
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: source)
        } catch let error as YamlError {
            problem(
                "the mapping is not valid YAML: \(error)",
                "check the indentation and quotes; or write the mapping as CSV")
            return (mapping, diagnostics)
        } catch {
            problem("the mapping is not valid YAML: \(error)", "check the indentation and quotes")
            return (mapping, diagnostics)
        }
        guard let node else { return (mapping, diagnostics) }
        guard let top = node.mapping else {
            problem(
                "a mapping file holds keys such as columns, ignore, values, defaults", "see docs/importing.md",
                line: node.mark.map { $0.line })
            return (mapping, diagnostics)
        }
        func text(_ node: Node) -> String { node.scalar.map { Spelling.trimmed($0.string) } ?? "" }
        func pairs(_ node: Node, _ key: String) -> [(String, Node)]? {
            guard let map = node.mapping else {
                problem(
                    "\(key) must be a map (\"header: field\" lines, indented)", "see docs/importing.md",
                    line: node.mark.map { $0.line })
                return nil
            }
            return map.map { (text($0.key), $0.value) }
        }
        for (keyNode, value) in top {
            let key = text(keyNode)
            let line = keyNode.mark.map { $0.line }
            var failure: (message: String, hint: String)?
            switch Spelling.key(key) {
            case "kind", "sheet", "headerrow":
                failure = mapping.apply(setting: key, field: "", source: "", value: text(value))
            case "columns":
                for (header, field) in pairs(value, key) ?? [] {
                    failure = failure ?? mapping.apply(setting: "column", field: text(field), source: header, value: "")
                }
            case "ignore":
                let headers = value.sequence.map { $0.map(text) } ?? [text(value)]
                for header in headers where !header.isEmpty { mapping.columns.append(Pair(header, Self.ignored)) }
            case "values":
                for (field, map) in pairs(value, key) ?? [] {
                    for (from, to) in pairs(map, "values of \(field)") ?? [] {
                        failure =
                            failure ?? mapping.apply(setting: "value", field: field, source: from, value: text(to))
                    }
                }
            case "defaults":
                for (field, to) in pairs(value, key) ?? [] { mapping.defaults.append(Pair(field, text(to))) }
            default:
                failure = ("unknown key \"\(key)\"", "keys: kind, sheet, header_row, columns, ignore, values, defaults")
            }
            if let failure { problem(failure.message, failure.hint, line: line) }
        }
        return (mapping, diagnostics)
    }

    /// Reads a mapping file: YAML for `.yaml`/`.yml`, else CSV.
    public static func parse(file: InputFile) -> (ImportMapping, [Diagnostic]) {
        let lower = file.name.lowercased()
        let (mapping, diagnostics) =
            lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
            ? parse(yaml: String(decoding: file.bytes, as: UTF8.self), file: file.name)
            : parse(csv: file.bytes, file: file.name)
        return (mapping, diagnostics + (diagnostics.hasErrors ? [] : mapping.problems(file: file.name)))
    }
}
