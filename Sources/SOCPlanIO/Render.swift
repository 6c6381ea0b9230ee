import Foundation
import SOCPlanCore

/// The output formats of list-like commands.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, md
}

/// Renders rows of text for a terminal, a spreadsheet or a wiki.
public enum Render {
    /// Columns padded to their widest cell; cells longer than `maxWidth` are cut with "…".
    public static func table(_ rows: [[String]], maxWidth: Int = 60) -> String {
        // Each cell on one line, cut at `maxWidth` characters, with its width in characters.
        let cleaned = rows.map { row in
            row.map { cell -> (text: String, width: Int) in
                // ASCII without line breaks (the usual cell): a character is a byte.
                if cell.utf8.allSatisfy({ $0 < 0x80 && !(0x0A...0x0D).contains($0) }) {
                    let width = cell.utf8.count
                    return width > maxWidth ? (String(cell.prefix(maxWidth - 1)) + "…", maxWidth) : (cell, width)
                }
                let flat = cell.split(whereSeparator: \.isNewline).joined(separator: " ")
                let width = flat.count
                return width > maxWidth ? (String(flat.prefix(maxWidth - 1)) + "…", maxWidth) : (flat, width)
            }
        }
        let columns = cleaned.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in cleaned { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.width) } }
        guard !cleaned.isEmpty else { return "\n" }
        // Written as bytes, line by line (a plan has thousands of rows), and made a string once.
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 2 * columns) * (cleaned.count + 1))
        /// Ends the line that starts at `start`: its white space at the end cut, a line feed added.
        func endLine(from start: Int) {
            // ASCII white space (the padding) is cut as bytes; a line that ends in anything else
            // non-ASCII is cut as text.
            while let last = out.last, out.count > start, [0x20, 0x09, 0x0A, 0x0C, 0x0D].contains(last) {
                out.removeLast()
            }
            if let last = out.last, out.count > start, last >= 0x80 {
                let line = trimmingTrailingSpace(String(decoding: out[start...], as: UTF8.self))
                out.removeSubrange(start...)
                out += line.utf8
            }
            out.append(0x0A)
        }
        for (number, row) in cleaned.enumerated() {
            let start = out.count
            for (index, cell) in row.enumerated() {
                if index > 0 { out += [0x20, 0x20] }
                out += cell.text.utf8
                if index < row.count - 1 { out += repeatElement(0x20, count: widths[index] - cell.width) }
            }
            endLine(from: start)
            if number == 0 {
                let start = out.count
                for (index, width) in widths.prefix(row.count).enumerated() {
                    if index > 0 { out += [0x20, 0x20] }
                    out += repeatElement(UInt8(ascii: "-"), count: width)
                }
                endLine(from: start)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `line` without the white space at its end: what the regular expression `\s+$` removed (tab
    /// and the Unicode separators; a line here holds no line break), without compiling one per line.
    static func trimmingTrailingSpace(_ line: String) -> String {
        // Most lines end in ASCII: spaces, tabs, CR, LF and form feeds are cut as bytes up to the
        // last other ASCII character; a line ending in anything else takes the general path.
        let bytes = line.utf8
        var cut = bytes.endIndex
        while cut > bytes.startIndex {
            let byte = bytes[bytes.index(before: cut)]
            if byte >= 0x80 { break }
            guard [0x20, 0x09, 0x0A, 0x0C, 0x0D].contains(byte) else {
                return cut == bytes.endIndex ? line : String(decoding: bytes[..<cut], as: UTF8.self)
            }
            cut = bytes.index(before: cut)
        }
        if cut == bytes.startIndex { return "" }
        let scalars = line.unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let scalar = scalars[scalars.index(before: end)]
            let separator: Bool
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: separator = true
            default: separator = ["\t", "\n", "\u{0C}", "\r"].contains(scalar)
            }
            guard separator else { break }
            end = scalars.index(before: end)
        }
        return end == scalars.endIndex ? line : String(String.UnicodeScalarView(scalars[..<end]))
    }

    /// RFC 4180 with the export rules: CRLF by default, formula cells neutralised.
    public static func csv(_ rows: [[String]], lineEnding: CSVWriter.LineEnding = .crlf, byteOrderMark: Bool = false)
        -> String
    {
        CSVWriter(lineEnding: lineEnding, byteOrderMark: byteOrderMark).write(rows)
    }

    /// A GitHub-flavoured Markdown table; `|`, `\` and line breaks in cells are escaped.
    public static func markdown(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        func line(_ cells: [String]) -> String { "| " + cells.map(markdownCell).joined(separator: " | ") + " |" }
        return ([line(header), "|" + header.map { _ in " --- |" }.joined()] + rows.dropFirst().map(line))
            .joined(separator: "\n") + "\n"
    }

    /// `text` safe inside a Markdown table cell: `\` and `|` escaped, each line break (CRLF, LF,
    /// CR) a `<br>`. O(length); text with none of these is returned as it is.
    public static func markdownCell(_ text: String) -> String {
        var needsWork = false
        var ascii = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): needsWork = true
            case 0x80...: ascii = false
            default: break
            }
        }
        guard needsWork else { return text }
        guard ascii else {
            // Foundation's search matches whole Characters (a `|` with a combining mark is not a `|`).
            return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
                .replacingOccurrences(of: "\r", with: "<br>")
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var bytes = text.utf8.makeIterator()
        var pending = bytes.next()
        while let byte = pending {
            pending = bytes.next()
            switch byte {
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "|"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "|")])
            case UInt8(ascii: "\r"):
                out.append(contentsOf: "<br>".utf8)
                if pending == UInt8(ascii: "\n") { pending = bytes.next() }
            case UInt8(ascii: "\n"): out.append(contentsOf: "<br>".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The one JSON encoder of every command: snake_case keys (`populationSize` → `population_size`;
    /// the keys of a dictionary, such as ids, are left as they are), sorted keys, pretty-printed, so
    /// the output is stable across runs and diffs cleanly.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Pretty JSON with snake_case, sorted keys (`jsonEncoder()`).
    public static func json(_ value: some Encodable) throws -> String {
        String(decoding: try jsonEncoder().encode(value), as: UTF8.self) + "\n"
    }

    /// Rows as JSON objects keyed by the header, for list commands.
    public static func jsonObjects(_ rows: [[String]]) throws -> String {
        guard let header = rows.first else { return "[]\n" }
        let objects = rows.dropFirst().map { row in Dictionary(uniqueKeysWithValues: zip(header, row)) }
        return try json(objects)
    }

    /// Any of the formats for a header-first table.
    public static func rows(_ rows: [[String]], as format: OutputFormat) throws -> String {
        switch format {
        case .table: return table(rows)
        case .csv: return csv(rows)
        case .json: return try jsonObjects(rows)
        case .md: return markdown(rows)
        }
    }
}
