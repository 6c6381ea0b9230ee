import Foundation

/// Writes rows of strings as RFC 4180 CSV that `CSVReader` and spreadsheets read back unchanged.
///
/// - A cell is quoted when it contains a comma, a quote, CR or LF, begins or ends with a space or tab,
///   or begins with U+FEFF (which a reader would take for a byte order mark); quotes inside are doubled.
/// - With `neutraliseFormulas` (the default) each cell first goes through `SpreadsheetText.neutralise`,
///   so a reader that wants the original text applies `SpreadsheetText.restore` to each value.
/// - A row with exactly one empty cell is written as `""` so it is not read back as a blank line.
///   A row with no cells is written as a blank line, which readers skip.
/// - Every record, the last one included, ends with the line ending.
public struct CSVWriter: Sendable {
    public enum LineEnding: Sendable {
        case crlf, lf
    }

    public var lineEnding: LineEnding = .crlf
    public var byteOrderMark = false
    public var neutraliseFormulas = true

    public init(lineEnding: LineEnding = .crlf, byteOrderMark: Bool = false, neutraliseFormulas: Bool = true) {
        self.lineEnding = lineEnding
        self.byteOrderMark = byteOrderMark
        self.neutraliseFormulas = neutraliseFormulas
    }

    /// The CSV text for `rows`, starting with U+FEFF when `byteOrderMark` is set.
    public func write(_ rows: [[String]]) -> String {
        String(decoding: bytes(rows), as: UTF8.self)
    }

    /// The CSV text for `rows` as UTF-8 bytes, starting with EF BB BF when `byteOrderMark` is set.
    public func data(_ rows: [[String]]) -> Data {
        Data(bytes(rows))
    }

    private func bytes(_ rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        let ending: [UInt8] = lineEnding == .crlf ? [0x0D, 0x0A] : [0x0A]
        for row in rows {
            if row.count == 1, row[0].isEmpty {
                out.append(contentsOf: [0x22, 0x22])
            } else {
                for (position, cell) in row.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    append(neutraliseFormulas ? SpreadsheetText.neutralise(cell) : cell, to: &out)
                }
            }
            out.append(contentsOf: ending)
        }
        return out
    }

    private func append(_ cell: String, to out: inout [UInt8]) {
        let utf8 = cell.utf8
        guard Self.needsQuotes(utf8) else {
            out.append(contentsOf: utf8)
            return
        }
        let quote = UInt8(ascii: "\"")
        out.append(quote)
        for byte in utf8 {
            out.append(byte)
            if byte == quote { out.append(quote) }
        }
        out.append(quote)
    }

    private static func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        if isBlank(first) || isBlank(last) || utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        return utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
        }
    }
}

/// Spreadsheet formula neutralisation (CSV injection defence).
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, after trimming, tab or CR) as a
/// formula. `neutralise` puts an apostrophe in front of such text, and in front of text that already
/// starts with one, so that `restore` can tell the two apart and undo exactly what `neutralise` did.
public enum SpreadsheetText {
    /// `s` with "'" in front when it starts with = + - @ tab CR or '; otherwise `s` unchanged.
    public static func neutralise(_ s: String) -> String {
        guard let first = s.utf8.first, isTrigger(first) else { return s }
        return "'" + s
    }

    /// `s` without its leading "'" when that is followed by = + - @ tab CR or '; otherwise `s` unchanged.
    ///
    /// So "'s-Hertogenbosch" stays as it is, and `restore(neutralise(s)) == s` for every string.
    public static func restore(_ s: String) -> String {
        let utf8 = s.utf8
        guard utf8.first == UInt8(ascii: "'"), let second = utf8.dropFirst().first, isTrigger(second) else {
            return s
        }
        return String(s.unicodeScalars.dropFirst())
    }

    private static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"),
            UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "'"):
            true
        default:
            false
        }
    }
}
