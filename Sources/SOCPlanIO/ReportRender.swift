import Foundation
import Mustache
import SOCPlanCore

/// Renders report models through the templates embedded from Reports/templates/.
///
/// HTML templates escape every value (swift-mustache's default); Markdown templates use the
/// MARKDOWN content type below, which escapes what would break a table cell.
public enum ReportRender {
    /// Markdown table-cell escaping: `\`, `|` and line breaks.
    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { Render.markdownCell(text) }
    }

    /// HTML escaping that also keeps each id and date on one line: a word with a hyphen and a
    /// digit ("R-037", "BP-PAY-7", "2026-01-01", "2026-01-01..2026-12-31") goes into a
    /// `<span class="id">`, which the style sheet never breaks, so a narrow screen shows no "R-/037".
    struct WholeIdsContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { ReportRender.keepingIdsWhole(text) }
    }

    /// `text` HTML-escaped, with ids and dates wrapped in `<span class="id">`; a period
    /// "2026-01-01..2026-12-31" may break after its "..", never inside a date. O(length).
    ///
    /// A word is a run of letters, digits, `-`, `.` and `/`; its trailing `.`, `-` and `/` belong
    /// to the sentence. The rest is split at each "..", and a part with a hyphen and a digit is an
    /// id. ASCII text (nearly every cell) is handled on its UTF-8 bytes in one pass; other text
    /// goes through the same steps on Characters (letters and digits of any script).
    static func keepingIdsWhole(_ text: String) -> String {
        var text = text
        switch text.withUTF8({ asciiKeepingIdsWhole($0) }) {
        case .unchanged: return text
        case .escaped(let escaped): return escaped
        case .notASCII: return unicodeKeepingIdsWhole(text)
        }
    }

    /// Ids as HTML, each escaped whole in a `<span class="id">` that never breaks, ", " between.
    static func idList(_ ids: [String]) -> String {
        var out = ""
        for (offset, id) in ids.enumerated() {
            if offset > 0 { out += ", " }
            out += "<span class=\"id\">" + keepingIdsWhole(id) + "</span>"
        }
        return out
    }

    private static let spanOpen = Array("<span class=\"id\">".utf8)
    private static let spanClose = Array("</span>".utf8)
    private static let wordBreak = Array("<wbr>".utf8)
    private static let entities = (
        amp: Array("&amp;".utf8), lt: Array("&lt;".utf8), gt: Array("&gt;".utf8), quot: Array("&quot;".utf8),
        apos: Array("&#39;".utf8)
    )

    /// What the ASCII path made of a text.
    private enum Escaped {
        /// Nothing to escape or wrap (most cells: plain words and numbers): the text itself.
        case unchanged
        case escaped(String)
        /// A byte is not ASCII: the text takes the Unicode path.
        case notASCII
    }

    /// The ASCII path of `keepingIdsWhole`, in one pass: the bytes between two changes (an escaped
    /// character, a span's tags, a break after "..") are copied in one piece when the next change comes.
    private static func asciiKeepingIdsWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> Escaped {
        @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"):
                return true
            default: return false
            }
        }
        @inline(__always) func isTrailing(_ b: UInt8) -> Bool {
            b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/")
        }
        let (spanOpen, spanClose, wordBreak, entities) = (Self.spanOpen, Self.spanClose, Self.wordBreak, Self.entities)
        var out: [UInt8] = []
        // bytes[..<copied] are in `out` (or changed there).
        var copied = 0
        // Room for the text and its changes, made at the first change (most cells have none).
        func reserve() { if out.isEmpty { out.reserveCapacity(bytes.count + bytes.count / 2 + 64) } }
        func copy(to index: Int) {
            if index > copied {
                reserve()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            }
            copied = index
        }
        func insert(_ text: [UInt8]) {
            reserve()
            out.append(contentsOf: text)
        }
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard byte < 0x80 else { return .notASCII }
            guard isWordByte(byte) else {
                let entity: [UInt8]? =
                    switch byte {
                    case UInt8(ascii: "&"): entities.amp
                    case UInt8(ascii: "<"): entities.lt
                    case UInt8(ascii: ">"): entities.gt
                    case UInt8(ascii: "\""): entities.quot
                    case UInt8(ascii: "'"): entities.apos
                    default: nil
                    }
                if let entity {
                    copy(to: index)
                    insert(entity)
                    copied = index + 1
                }
                index += 1
                continue
            }
            // A word: bytes[start..<end], its core without the trailing punctuation. Most words have
            // no hyphen with a digit and no "..": nothing in them changes, and they are read once.
            let start = index
            var (hyphen, digit, dots) = (false, false, false)
            while index < count {
                let b = bytes[index]
                guard isWordByte(b) else { break }
                if b == UInt8(ascii: "-") {
                    hyphen = true
                } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    digit = true
                } else if b == UInt8(ascii: "."), index > start, bytes[index - 1] == UInt8(ascii: ".") {
                    dots = true
                }
                index += 1
            }
            guard (hyphen && digit) || dots else { continue }
            var coreEnd = index
            while coreEnd > start, isTrailing(bytes[coreEnd - 1]) { coreEnd -= 1 }
            // The core's parts between "..", each an id when it has a hyphen and a digit.
            func part(_ from: Int, _ to: Int) {
                var hyphen = false
                var digit = false
                for i in from..<to {
                    let b = bytes[i]
                    if b == UInt8(ascii: "-") {
                        hyphen = true
                    } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                        digit = true
                    }
                }
                guard hyphen && digit else { return }
                copy(to: from)
                insert(spanOpen)
                copy(to: to)
                insert(spanClose)
            }
            var partStart = start
            var scan = start
            while scan + 1 < coreEnd {
                if bytes[scan] == UInt8(ascii: "."), bytes[scan + 1] == UInt8(ascii: ".") {
                    part(partStart, scan)
                    copy(to: scan + 2)
                    insert(wordBreak)
                    scan += 2
                    partStart = scan
                } else {
                    scan += 1
                }
            }
            part(partStart, coreEnd)
        }
        guard copied > 0 else { return .unchanged }
        copy(to: count)
        return .escaped(String(decoding: out, as: UTF8.self))
    }

    /// The same steps as the ASCII path on Characters, for text with any non-ASCII character.
    private static func unicodeKeepingIdsWhole(_ text: String) -> String {
        func isWordCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || c == "-" || c == "." || c == "/"
        }
        func isTrailing(_ c: Character) -> Bool { c == "." || c == "-" || c == "/" }
        func append(_ part: ArraySlice<Character>, to out: inout String) {
            if part.contains("-") && part.contains(where: \.isNumber) {
                out += "<span class=\"id\">"
                for c in part { out.append(c) }
                out += "</span>"
            } else {
                for c in part { out.append(c) }
            }
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var word: [Character] = []
        var characters = text.makeIterator()
        var pending = characters.next()
        while let character = pending {
            guard isWordCharacter(character) else {
                out += Charts.escape(String(character))
                pending = characters.next()
                continue
            }
            word.removeAll(keepingCapacity: true)
            while let c = pending, isWordCharacter(c) {
                word.append(c)
                pending = characters.next()
            }
            var coreEnd = word.count
            while coreEnd > 0, isTrailing(word[coreEnd - 1]) { coreEnd -= 1 }
            var partStart = 0
            var scan = 0
            while scan + 1 < coreEnd {
                if word[scan] == ".", word[scan + 1] == "." {
                    append(word[partStart..<scan], to: &out)
                    out += "..<wbr>"
                    scan += 2
                    partStart = scan
                } else {
                    scan += 1
                }
            }
            append(word[partStart..<coreEnd], to: &out)
            for c in word[coreEnd...] { out.append(c) }
        }
        return out
    }

    static let library: Result<MustacheLibrary, CatalogError> = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(WholeIdsContentType(), named: "HTML_WHOLE_IDS")
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        for (name, text) in EmbeddedFiles.templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                problems.append(
                    Diagnostic(
                        .error, "template", "template \(name) does not parse: \(error)",
                        file: "Reports/templates/\(name)"))
            }
        }
        return problems.isEmpty ? .success(library) : .failure(CatalogError(diagnostics: problems))
    }()

    /// Reads the templates on another thread, so that rendering finds them read: the command starts it
    /// before it plans. (swift-mustache's parser takes about 80 M instructions for their 22 KB, some
    /// 20 ms, which rendering otherwise waits for; `library` is made once, whichever thread asks first.)
    public static func readTemplatesInBackground() {
        DispatchQueue.global().async { _ = library }
    }

    public enum Kind: String, Sendable {
        case html, md
    }

    /// Renders a model with `NAME.html` or `NAME.md` (the joint report: its pieces joined).
    public static func render(_ model: Any, template name: String, as kind: Kind) throws(CatalogError) -> String {
        if name == "report", let report = model as? ReportModel { return try Self.report(report, as: kind).joined() }
        let library = try library.get()
        guard let text = library.render(model, withTemplate: "\(name).\(kind.rawValue)") else {
            throw CatalogError(diagnostics: [Diagnostic(.error, "template", "no template \(name).\(kind.rawValue)")])
        }
        return text
    }

    /// The plan's and the requests' row templates of one kind, read flat (`RowTemplate`); nil for
    /// one that is not, which is rendered with Mustache.
    struct FlatRows: Sendable {
        var plan: RowTemplate<ReportModel.PlanLine>?
        var requests: RowTemplate<ReportModel.RequestLine>?

        init(_ kind: Kind) {
            func source(_ name: String) -> String {
                EmbeddedFiles.templates["\(name).\(kind.rawValue).mustache"] ?? ""
            }
            plan = RowTemplate(
                source("report-plan-rows"), section: "plan", fields: ReportModel.PlanLine.templateFields)
            requests = RowTemplate(
                source("report-request-rows"), section: "requests", fields: ReportModel.RequestLine.templateFields)
        }
    }

    static let flatRows: [Kind: FlatRows] = [.html: FlatRows(.html), .md: FlatRows(.md)]

    /// How many rows one piece of work renders: small enough that the pieces share the cores evenly.
    static let rowsPerChunk = 500

    /// The joint report in `kind`, as pieces of text that, written one after the other, are the report.
    ///
    /// The plan's and the requests' rows (nearly all of a large report: 14 MB at 10,000 controls) are
    /// rendered with `report-plan-rows` and `report-request-rows` in chunks side by side, each read
    /// flat (`RowTemplate`) when it is; otherwise with Mustache, each chunk's root the report with
    /// that chunk as its `plan` (or `requests`), so every lookup climbs the same context stack as in
    /// one pass. The page around them is rendered once, beside them, with a
    /// marker where each table's rows go, and cut there: nothing is copied into one string. Should a
    /// marker not be found exactly once (text that happens to contain it), the page is rendered again
    /// with the rows in place.
    public static func report(_ model: ReportModel, as kind: Kind) throws(CatalogError) -> [String] {
        try report(model, as: kind, rowsPerChunk: rowsPerChunk)
    }

    static func report(_ model: ReportModel, as kind: Kind, rowsPerChunk: Int) throws(CatalogError) -> [String] {
        let library = try library.get()
        func template(_ name: String) throws(CatalogError) -> MustacheTemplate {
            guard let template = library.getTemplate(named: "\(name).\(kind.rawValue)") else {
                throw CatalogError(diagnostics: [Diagnostic(.error, "template", "no template \(name).\(kind.rawValue)")]
                )
            }
            return template
        }
        let page = try template("report")
        let planRows = try template("report-plan-rows")
        let requestRows = try template("report-request-rows")
        enum Piece: Sendable { case page, plan(Range<Int>), requests(Range<Int>) }
        let planChunks = chunks(model.plan.count, size: rowsPerChunk)
        let requestChunks = chunks(model.requests.count, size: rowsPerChunk)
        let pieces: [Piece] = [.page] + planChunks.map(Piece.plan) + requestChunks.map(Piece.requests)
        let flat = flatRows[kind]
        let markers = (plan: "\u{1}socplan:plan-rows\u{1}", requests: "\u{1}socplan:request-rows\u{1}")
        let texts = Concurrently.map(pieces) { piece -> String in
            var root = model
            switch piece {
            case .page:
                (root.planRows, root.requestRows) = markers
                return page.render(root, library: library)
            case .plan(let range):
                if let flat = flat?.plan { return flat.render(model.plan[range]) }
                root.plan = Array(model.plan[range])
                return planRows.render(root, library: library)
            case .requests(let range):
                if let flat = flat?.requests { return flat.render(model.requests[range]) }
                root.requests = Array(model.requests[range])
                return requestRows.render(root, library: library)
            }
        }
        let plan = texts[1..<(1 + planChunks.count)]
        let requests = texts[(1 + planChunks.count)...]
        let tables = [(marker: markers.plan, rows: plan), (marker: markers.requests, rows: requests)]
        var cuts: [(at: Range<String.Index>, rows: ArraySlice<String>)] = []
        for table in tables {
            let found = ranges(of: table.marker, in: texts[0])
            if found.count == 1 {
                cuts.append((found[0], table.rows))
            } else if !(found.isEmpty && table.rows.allSatisfy(\.isEmpty)) {
                var whole = model
                whole.planRows = plan.joined()
                whole.requestRows = requests.joined()
                return [page.render(whole, library: library)]
            }
        }
        var out: [String] = []
        var start = texts[0].startIndex
        for cut in cuts.sorted(by: { $0.at.lowerBound < $1.at.lowerBound }) {
            out.append(String(texts[0][start..<cut.at.lowerBound]))
            out += cut.rows
            start = cut.at.upperBound
        }
        out.append(String(texts[0][start...]))
        return out
    }

    /// `0..<count` cut into consecutive ranges of `size` (the last one shorter).
    static func chunks(_ count: Int, size: Int = rowsPerChunk) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Where `marker` occurs in `text`, compared byte by byte (the markers start and end with a
    /// control character, which is a character of its own, so the ranges fall on character boundaries).
    static func ranges(of marker: String, in text: String) -> [Range<String.Index>] {
        let needle = Array(marker.utf8)
        let bytes = text.utf8
        var found: [Range<String.Index>] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index] == needle[0],
                let end = bytes.index(index, offsetBy: needle.count, limitedBy: bytes.endIndex),
                bytes[index..<end].elementsEqual(needle)
            else {
                index = bytes.index(after: index)
                continue
            }
            found.append(index..<end)
            index = end
        }
        return found
    }
}
