import Foundation
import Testing

@testable import SOCPlanIO

/// The terminal table against the version first written, on Characters and a regular expression:
/// the ASCII fast paths must not move a column or keep a trailing space.
@Suite struct RenderTableTests {
    static func reference(_ rows: [[String]], maxWidth: Int) -> String {
        let cleaned = rows.map { row in
            row.map { cell -> String in
                let flat = cell.split(whereSeparator: \.isNewline).joined(separator: " ")
                return flat.count > maxWidth ? String(flat.prefix(maxWidth - 1)) + "…" : flat
            }
        }
        let columns = cleaned.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in cleaned { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var lines: [String] = []
        for (number, row) in cleaned.enumerated() {
            let padded = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            lines.append(padded.joined(separator: "  "))
            if number == 0 {
                lines.append(widths.prefix(row.count).map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n") + "\n"
    }

    @Test("a table lines its columns up and cuts long cells as before, for any text")
    func sameAsReference() {
        let pieces = [
            "a", "AC-1", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "é", "e\u{301}", "Ω", "😀", "\u{2028}",
            "\u{A0}", "\u{2003}", "\u{7F}", "long text of a control", "…", "-",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func cell() -> String { (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined() }
        for _ in 0..<2_000 {
            let width = 1 + next(4)
            let rows = (0..<(1 + next(4))).map { _ in (0..<width).map { _ in cell() } }
            let maxWidth = 2 + next(30)
            #expect(Render.table(rows, maxWidth: maxWidth) == Self.reference(rows, maxWidth: maxWidth), "\(rows)")
        }
    }
}
