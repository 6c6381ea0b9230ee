import Foundation
import SOCPlanCore
import ZIPFoundation

/// Reads an .xlsx workbook into sheets of rows of cell text, as a person sees the cells.
///
/// - Shared strings, inline strings (rich text runs joined), booleans (`TRUE`/`FALSE`) and error
///   values (`#N/A`) read as their text; formulas read as the value last calculated and saved.
/// - Numbers are shown through their number format: `0.00` shows 1.1 as `1.10`, `000` shows 7 as
///   `007`, `0%` shows 0.5 as `50%`; General shows up to 15 significant digits. Dates and times
///   (any date format, either date system) read as ISO `YYYY-MM-DD`, with ` HH:MM` when the cell
///   has a time of day, whatever the workbook's locale shows: the importer reads that form.
/// - A merged range gives its text to every cell it covers, so a value merged down a column
///   belongs to each row and a title merged across stays one banner row.
/// - Reading is all or nothing: a damaged workbook throws an `XLSXError` naming the part.
public enum XLSXReader {
    /// One worksheet: its name as on the tab, and its rows that hold anything, top to bottom.
    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var rows: [Row]

        public init(name: String, rows: [Row]) {
            self.name = name
            self.rows = rows
        }

        /// The text of one cell ("" when empty); `row` and `column` are 1-based.
        public func text(row: Int, column: Int) -> String {
            guard let found = rows.first(where: { $0.number == row }), column >= 1, column <= found.cells.count else {
                return ""
            }
            return found.cells[column - 1]
        }
    }

    /// One row: its 1-based number as the sheet shows it, and its cells from column A to the
    /// last one that holds text (empty cells in between are "").
    public struct Row: Sendable, Equatable {
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// Is this the start of a zip file (an .xlsx, .xlsm, .ods …)?
    public static func looksLikeWorkbook(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Is this the start of an OLE2 compound file (an .xls, or a password-protected .xlsx)?
    public static func looksLikeCompoundFile(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    }

    /// Every worksheet of the workbook, in tab order (chart sheets and dialog sheets are left out).
    public static func read(_ data: Data) throws(XLSXError) -> [Sheet] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw XLSXError("the file is not an .xlsx workbook (it is not a zip archive)")
        }
        let parts = PartReader(archive: archive)
        let workbookPath = try parts.officeDocumentPath()
        let workbook = try WorkbookParser.parse(try parts.xml(workbookPath), part: workbookPath)
        let relations = try parts.relationships(of: workbookPath)
        var sharedStrings: [String] = []
        if let part = relations.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            sharedStrings = try SharedStringsParser.parse(try parts.xml(part.target), part: part.target)
        }
        var styles = StylesParser.Formats()
        if let part = relations.first(where: { $0.type.hasSuffix("/styles") }) {
            styles = try StylesParser.parse(try parts.xml(part.target), part: part.target)
        }
        let context = CellContext(sharedStrings: sharedStrings, formats: styles, date1904: workbook.date1904)
        var sheets: [Sheet] = []
        for entry in workbook.sheets {
            guard let relation = relations.first(where: { $0.id == entry.relation }),
                relation.type.hasSuffix("/worksheet")
            else { continue }
            let parsed = try SheetParser.parse(try parts.xml(relation.target), part: relation.target, context: context)
            sheets.append(Sheet(name: entry.name, rows: parsed))
        }
        return sheets
    }
}

/// A workbook that cannot be read, worded for the person at the terminal.
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Cell references: column letters and "C17".
public enum XLSXReference {
    /// 1 → "A", 26 → "Z", 27 → "AA".
    public static func column(_ number: Int) -> String { Diagnostic.columnLetter(number) }

    /// "C17" for row 17, column 3.
    public static func cell(row: Int, column: Int) -> String { "\(Self.column(column))\(row)" }

    /// "C17" → (row 17, column 3); "$C$17" too; nil when it is not a cell reference.
    public static func parse(_ reference: Substring) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for scalar in reference.unicodeScalars where scalar != "$" {
            let value = scalar.value
            if !sawDigit, (65...90).contains(value) || (97...122).contains(value) {
                column = column * 26 + Int((value & ~0x20) - 64)
                if column > 16_384 { return nil }
            } else if (48...57).contains(value) {
                sawDigit = true
                row = row * 10 + Int(value - 48)
                if row > 1_048_576 { return nil }
            } else {
                return nil
            }
        }
        return column > 0 && row > 0 ? (row, column) : nil
    }
}

// MARK: - Parts

/// Reads the parts (files) of the zip package.
private struct PartReader {
    let archive: Archive

    func bytes(_ path: String) throws(XLSXError) -> Data {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard let entry = archive[name] ?? archive.first(where: { $0.path.lowercased() == name.lowercased() }) else {
            throw XLSXError("the workbook has no part \(name): it is damaged or not an .xlsx workbook")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw XLSXError("the workbook's part \(name) cannot be unpacked: the file is damaged")
        }
        return data
    }

    func xml(_ path: String) throws(XLSXError) -> Data { try bytes(path) }

    /// The main workbook part, from the package relationships (xl/workbook.xml as a rule).
    func officeDocumentPath() throws(XLSXError) -> String {
        guard archive["_rels/.rels"] != nil else {
            if archive["xl/workbook.xml"] != nil { return "xl/workbook.xml" }
            if archive["content.xml"] != nil {
                throw XLSXError("this is an OpenDocument spreadsheet (.ods): save it as .xlsx")
            }
            throw XLSXError("the file is a zip archive but not an .xlsx workbook")
        }
        let relations = try relationships(of: "")
        guard let document = relations.first(where: { $0.type.hasSuffix("/officeDocument") }) else {
            throw XLSXError("the file is a zip archive but not an .xlsx workbook (no workbook part)")
        }
        return document.target
    }

    /// The relationships of `part` ("" for the package), with targets resolved to package paths.
    func relationships(of part: String) throws(XLSXError) -> [Relationship] {
        let directory = part.split(separator: "/").dropLast().joined(separator: "/")
        let name = part.split(separator: "/").last.map(String.init) ?? ""
        let path = (directory.isEmpty ? "" : directory + "/") + "_rels/\(name).rels"
        guard archive[path] != nil else { return [] }
        let parsed = try RelationshipsParser.parse(try xml(path), part: path)
        return parsed.map { relation in
            var resolved = relation
            resolved.target = Self.resolve(relation.target, against: directory)
            return resolved
        }
    }

    static func resolve(_ target: String, against directory: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = directory.isEmpty ? [] : directory.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." {
                _ = components.popLast()
            } else if component != "." {
                components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}

struct Relationship: Sendable {
    var id: String
    var type: String
    var target: String
}

// MARK: - XML parsing

/// The shared base of the SAX parsers: local names, attributes by local name, collected text.
/// The parts are scanned by `XMLScanner` (not the platform's XMLParser, which would tie the
/// binary to libxml2 and ICU: see docs/install.md).
private class XMLHandler {
    func run(_ data: Data, part: String) throws(XLSXError) {
        do {
            try XMLScanner.scan(
                [UInt8](data), start: { start(Self.local($0), $1) }, end: { end(Self.local($0)) },
                characters: { characters($0) })
        } catch {
            throw XLSXError(
                "the workbook's part \(part) cannot be read (line \(error.line)): \(error.reason); the file is damaged")
        }
    }

    /// An attribute by local name, whatever its prefix ("r:id" → "id").
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { key, _ in key.hasSuffix(":" + name) }?.value
    }

    static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    func start(_ name: Substring, _ attributes: [String: String]) {}
    func end(_ name: Substring) {}
    func characters(_ string: String) {}
}

private final class RelationshipsParser: XMLHandler {
    var relations: [Relationship] = []

    static func parse(_ data: Data, part: String) throws(XLSXError) -> [Relationship] {
        let handler = RelationshipsParser()
        try handler.run(data, part: part)
        return handler.relations
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        guard name == "Relationship", attributes["TargetMode"] != "External" else { return }
        relations.append(
            Relationship(id: attributes["Id"] ?? "", type: attributes["Type"] ?? "", target: attributes["Target"] ?? "")
        )
    }
}

private final class WorkbookParser: XMLHandler {
    struct Entry {
        var name: String
        var relation: String
    }

    var sheets: [Entry] = []
    var date1904 = false

    static func parse(_ data: Data, part: String) throws(XLSXError) -> WorkbookParser {
        let handler = WorkbookParser()
        try handler.run(data, part: part)
        return handler
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "sheet":
            sheets.append(
                Entry(
                    name: attributes["name"] ?? "Sheet\(sheets.count + 1)",
                    relation: Self.attribute(attributes, "id") ?? ""))
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            date1904 = value == "1" || value == "true"
        default: break
        }
    }
}

/// Collects the text of `<t>` elements, leaving out phonetic runs (`<rPh>`).
private final class SharedStringsParser: XMLHandler {
    var strings: [String] = []
    var current = ""
    var inItem = false
    var inText = false
    var inPhonetic = false

    static func parse(_ data: Data, part: String) throws(XLSXError) -> [String] {
        let handler = SharedStringsParser()
        try handler.run(data, part: part)
        return handler.strings
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "si":
            inItem = true
            current = ""
        case "rPh": inPhonetic = true
        case "t": inText = inItem && !inPhonetic
        default: break
        }
    }

    override func end(_ name: Substring) {
        switch name {
        case "si":
            strings.append(OOXMLText.decode(current))
            inItem = false
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }

    override func characters(_ string: String) {
        if inText { current += string }
    }
}

/// The number format of every cell style (`cellXfs`), by style index.
private final class StylesParser: XMLHandler {
    struct Formats: Sendable {
        /// Style index → number format code.
        var codes: [String] = []
    }

    var custom: [Int: String] = [:]
    var formatIDs: [Int] = []
    var inCellXfs = false

    static func parse(_ data: Data, part: String) throws(XLSXError) -> Formats {
        let handler = StylesParser()
        try handler.run(data, part: part)
        return Formats(
            codes: handler.formatIDs.map { id in handler.custom[id] ?? NumberFormat.builtIn[id] ?? "General" })
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }) {
                custom[id] = attributes["formatCode"] ?? "General"
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    override func end(_ name: Substring) {
        if name == "cellXfs" { inCellXfs = false }
    }
}

private struct CellContext {
    var sharedStrings: [String]
    var formats: StylesParser.Formats
    var date1904: Bool
}

private final class SheetParser: XMLHandler {
    let context: CellContext
    var cells: [Int: [Int: String]] = [:]
    var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
    var row = 0
    var column = 0
    var type = "n"
    var style = 0
    var value = ""
    var inlineText = ""
    var inValue = false
    var inInlineText = false
    var inPhonetic = false
    var hasValue = false

    init(context: CellContext) { self.context = context }

    static func parse(_ data: Data, part: String, context: CellContext) throws(XLSXError) -> [XLSXReader.Row] {
        let handler = SheetParser(context: context)
        try handler.run(data, part: part)
        return handler.rows()
    }

    func rows() -> [XLSXReader.Row] {
        // Merged ranges: every covered cell shows the top-left cell's text, within the used area.
        let usedRows = cells.keys.max() ?? 0
        let usedColumns = cells.values.compactMap { $0.keys.max() }.max() ?? 0
        for merge in merges {
            guard let text = cells[merge.top]?[merge.left], !text.isEmpty else { continue }
            for r in merge.top...min(merge.bottom, max(usedRows, merge.top)) {
                for c in merge.left...min(merge.right, max(usedColumns, merge.left)) {
                    cells[r, default: [:]][c] = text
                }
            }
        }
        return cells.keys.sorted().compactMap { number in
            let row = cells[number] ?? [:]
            guard let last = row.filter({ !$0.value.isEmpty }).keys.max() else { return nil }
            return XLSXReader.Row(number: number, cells: (1...last).map { row[$0] ?? "" })
        }
    }

    override func start(_ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "row":
            row = attributes["r"].flatMap { Int($0) } ?? row + 1
            column = 0
        case "c":
            if let reference = attributes["r"], let parsed = XLSXReference.parse(Substring(reference)) {
                (row, column) = (parsed.row, parsed.column)
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inlineText = ""
            hasValue = false
        case "v":
            inValue = true
            hasValue = true
        case "rPh": inPhonetic = true
        case "t": inInlineText = !inPhonetic
        case "mergeCell":
            let parts = (attributes["ref"] ?? "").split(separator: ":")
            if let first = parts.first.flatMap(XLSXReference.parse) {
                let last = parts.count > 1 ? XLSXReference.parse(parts[1]) ?? first : first
                merges.append((first.row, first.column, max(first.row, last.row), max(first.column, last.column)))
            }
        default: break
        }
    }

    override func end(_ name: Substring) {
        switch name {
        case "v": inValue = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "c":
            let text = display()
            if !text.isEmpty { cells[row, default: [:]][column] = text }
        default: break
        }
    }

    override func characters(_ string: String) {
        if inValue {
            value += string
        } else if inInlineText {
            inlineText += string
        }
    }

    /// The text a person sees in the current cell.
    func display() -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), index >= 0,
                index < context.sharedStrings.count
            else { return "" }
            return context.sharedStrings[index]
        case "inlineStr": return OOXMLText.decode(hasValue ? value : inlineText)
        case "str", "e": return OOXMLText.decode(value)
        case "b": return value.trimmingCharacters(in: .whitespaces) == "1" ? "TRUE" : "FALSE"
        case "d":
            // An ISO 8601 date cell: the date, and the time when it is not midnight.
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            let parts = trimmed.split(separator: "T", maxSplits: 1)
            guard parts.count == 2 else { return trimmed }
            let time = parts[1].prefix(5)
            return time == "00:00" ? String(parts[0]) : "\(parts[0]) \(time)"
        default:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return "" }
            guard let number = Double(trimmed) else { return trimmed }
            let code = style < context.formats.codes.count ? context.formats.codes[style] : "General"
            return NumberFormat.display(number, code: code, date1904: context.date1904)
        }
    }
}

/// OOXML's escape for characters XML 1.0 cannot hold: `_x000D_` is a carriage return, `_x005F_`
/// an underscore that would otherwise start such an escape.
enum OOXMLText {
    static func decode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first {
            if first == "_", scalars.count >= 7 {
                let candidate = scalars.prefix(7)
                let hex = String(String.UnicodeScalarView(candidate.dropFirst(2).prefix(4)))
                if candidate.dropFirst().first == "x", candidate.last == "_", hex.count == 4,
                    let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code)
                {
                    result.unicodeScalars.append(scalar)
                    scalars = scalars.dropFirst(7)
                    continue
                }
            }
            result.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
        }
        return result
    }

    /// Escapes what XML 1.0 cannot hold (control characters, CR which XML would turn into LF)
    /// and the underscores that would read as an escape.
    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value == 0x5F, Self.startsEscape(scalars, at: index) {
                result += "_x005F_"
            } else if (value < 0x20 && value != 0x09 && value != 0x0A) || value == 0xFFFE || value == 0xFFFF {
                result += "_x" + String(format: "%04X", value) + "_"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func startsEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
