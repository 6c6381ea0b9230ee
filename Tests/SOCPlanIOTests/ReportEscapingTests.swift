import Foundation
import Mustache
import PropertyBased
import Testing

@testable import SOCPlanIO

/// The report's per-cell escapers against the straightforward versions they replaced, which
/// stay here as the reference: the rewrites work on UTF-8 bytes for speed and must not change
/// a byte of any report.
@Suite struct ReportEscapingTests {
    /// The reference: `ReportRender.keepingIdsWhole` as first written, on Foundation and Characters.
    static func escape(_ character: Character) -> String {
        switch character {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&#39;"
        default: return String(character)
        }
    }

    static func referenceKeepingIdsWhole(_ text: String) -> String {
        var out = ""
        var word = ""
        func isWordCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || c == "-" || c == "." || c == "/"
        }
        func flush() {
            guard !word.isEmpty else { return }
            var core = Substring(word)
            while let last = core.last, last == "." || last == "-" || last == "/" { core = core.dropLast() }
            let tail = word.dropFirst(core.count)
            out += core.components(separatedBy: "..").map { part in
                part.contains("-") && part.contains(where: \.isNumber)
                    ? "<span class=\"id\">" + part.map(Self.escape).joined() + "</span>"
                    : part.map(Self.escape).joined()
            }.joined(separator: "..<wbr>")
            out += tail.map(Self.escape).joined()
            word = ""
        }
        for character in text {
            if isWordCharacter(character) {
                word.append(character)
            } else {
                flush()
                out += Self.escape(character)
            }
        }
        flush()
        return out
    }

    /// The reference: `Render.markdownCell` as first written.
    static func referenceMarkdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }

    /// Pieces of report cells: ids, dates, periods, sentence punctuation, HTML's special
    /// characters, line breaks, letters and digits of other scripts, combining marks.
    static let fragments: [String] = [
        "R-037", "BP-PAY-7", "2026-01-01", "2026-01-01..2026-12-31", "EV-ALERTS/P1", "CC6.1", "A1.2",
        "a", "Z", "q", "0", "7", "-", ".", "..", "...", "/", " ", ",", ";", ":", "(", ")",
        "&", "<", ">", "\"", "'", "|", "\\", "\r", "\n", "\r\n", "\t",
        "é", "e\u{301}", "ß", "中", "٣", "²", "½", "😀", "—", "·", "–", "\u{FEFF}", "&\u{301}", "-\u{301}",
        ".\u{301}", "|\u{301}", "\u{301}", "1\u{20E3}", "🇺🇸", "Ⅻ",
    ]

    /// A cell: up to 12 fragments, so empty strings and long words are both common.
    static let cell = Gen<String?>.element(of: fragments).map { $0 ?? "" }.array(of: 0...12).map { $0.joined() }

    /// A cell of ASCII fragments only (the fast path).
    static let asciiCell = Gen<String?>.element(of: fragments.filter { $0.utf8.allSatisfy { $0 < 0x80 } })
        .map { $0 ?? "" }.array(of: 0...12).map { $0.joined() }

    @Test func idsStayWholeExactlyAsBefore() async {
        await propertyCheck(count: 3000, input: Self.cell) { text in
            // Given any cell text
            // When it is escaped for the HTML report
            // Then the bytes are those the reference escaper writes
            #expect(
                Array(ReportRender.keepingIdsWhole(text).utf8) == Array(Self.referenceKeepingIdsWhole(text).utf8),
                "\(text.debugDescription)")
        }
        await propertyCheck(count: 3000, input: Self.asciiCell) { text in
            #expect(
                Array(ReportRender.keepingIdsWhole(text).utf8) == Array(Self.referenceKeepingIdsWhole(text).utf8),
                "\(text.debugDescription)")
        }
    }

    @Test func markdownCellsExactlyAsBefore() async {
        await propertyCheck(count: 3000, input: Self.cell) { text in
            // Given any cell text
            // When it is escaped for a Markdown table
            // Then the bytes are those the reference escaper writes
            #expect(
                Array(Render.markdownCell(text).utf8) == Array(Self.referenceMarkdownCell(text).utf8),
                "\(text.debugDescription)")
        }
    }

    @Test(
        "edge cases of ids, periods and punctuation",
        arguments: [
            "", "R-037.", "R-037...", "a...b", "..a", "a..", "2026-01-01..2026-12-31.", "x--1--", "-1", "1-",
            "see R-1/R-2, then", "a&b<c>d\"e'f", "é-1..中-2", "\r\n", "BP-PAY-7/", "....", ".-/",
            "2026-01-01...2026-12-31", "A-1..B..C-2", String(repeating: "R-1 ", count: 50), "Select 2 of 4 (quarterly)",
            "change-management, 3.5 h", "a-b 1", "a-b1", "1 -", "x.y", "it's",
        ])
    func edgeCases(_ text: String) {
        #expect(Array(ReportRender.keepingIdsWhole(text).utf8) == Array(Self.referenceKeepingIdsWhole(text).utf8))
        #expect(Array(Render.markdownCell(text).utf8) == Array(Self.referenceMarkdownCell(text).utf8))
    }
}

/// The row models the templates read by key (`MustacheParent`, no reflection) give each
/// template exactly what Mustache's reflection would: every stored property under its name,
/// nothing else (an unknown name goes up the context stack, as before).
@Suite struct ReportModelLookupTests {
    static func readsLikeReflection(_ value: any MustacheParent) -> Bool {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label, let found = value.child(named: label) else { return false }
            if String(describing: found) != String(describing: child.value) { return false }
        }
        // Nothing else: names of the outer contexts (a row's) or of the rows (the model's) are not its own.
        let others = value is Section4Model ? ["control", "rows", "hasRows"] : ["isType2", "organization"]
        return others.allSatisfy { value.child(named: $0) == nil }
    }

    @Test func everyRowModelAnswersEachOfItsFields() {
        // Given one value of each row model, every field distinct
        let values: [any MustacheParent] = [
            ReportModel.PlanLine(
                control: "C-1", title: "t", reports: "r", frequency: "f", nature: "n", soc1: "1", soc2: "2",
                combined: "3", hours: "4", procedure: "p", notes: "x"),
            ReportModel.RequestLine(
                id: "R-1", stage: "s", evidence: "e", whatToProvide: "w", period: "p", items: "3", owner: "o",
                due: "d", controls: "C-1", reports: "r", periodDates: "pd", periodPart: "pp",
                controlIdList: "<span class=\"id\">C-1</span>"),
            ReportModel.CalendarLine(phase: "p", dates: "d", tests: "t", hours: "h"),
            ReportModel.Phase(phase: "p", joint: "j", separate: "s"),
            ReportModel.Gap(id: "CC1.1", title: "t", report: "SOC 2"),
            ReportModel.Carved(id: "CC1.1", organizations: "o"),
            ReportModel.Warning(severity: "warning", code: "c", subject: "s", message: "m", hint: "h"),
            Section4Model.Row(control: "C-1", description: "d", procedure: "p", sample: "s", results: "r", items: "3"),
            Section4Model.Group(
                id: "CC1.1", title: "t", note: "n",
                rows: [Section4Model.Row(control: "C-1", description: "d", procedure: "p", sample: "s", results: "r")],
                hasRows: true, hasNote: false),
            Section4Model(
                organization: "o", engagement: "e", report: "SOC 1", scope: "s", groupNoun: "control objective",
                subtitle: "t", isType2: true, groups: []),
        ]
        // Then each answers every field by name as reflection does, and nothing else
        for value in values {
            #expect(Self.readsLikeReflection(value), "\(type(of: value))")
        }
    }
}
