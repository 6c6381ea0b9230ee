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

    /// `text` HTML-escaped, with ids and dates wrapped in `<span class="id">`; a period
    /// "2026-01-01..2026-12-31" may break after its "..", never inside a date. O(length).
    static func keepingIdsWhole(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var word = ""
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "." || c == "/" }
        func flush() {
            guard !word.isEmpty else { return }
            // Trailing punctuation belongs to the sentence, not the id.
            var core = Substring(word)
            while let last = core.last, last == "." || last == "-" || last == "/" { core = core.dropLast() }
            let tail = word.dropFirst(core.count)
            out += core.components(separatedBy: "..").map { part in
                part.contains("-") && part.contains(where: \.isNumber)
                    ? "<span class=\"id\">" + part.map(escape).joined() + "</span>" : part.map(escape).joined()
            }.joined(separator: "..<wbr>")
            out += tail.map(escape).joined()
            word = ""
        }
        for character in text {
            if isWordCharacter(character) {
                word.append(character)
            } else {
                flush()
                out += escape(character)
            }
        }
        flush()
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

    public enum Kind: String, Sendable {
        case html, md
    }

    /// Renders a model with `NAME.html` or `NAME.md`.
    public static func render(_ model: Any, template name: String, as kind: Kind) throws(CatalogError) -> String {
        let library = try library.get()
        guard let text = library.render(model, withTemplate: "\(name).\(kind.rawValue)") else {
            throw CatalogError(diagnostics: [Diagnostic(.error, "template", "no template \(name).\(kind.rawValue)")])
        }
        return text
    }
}
