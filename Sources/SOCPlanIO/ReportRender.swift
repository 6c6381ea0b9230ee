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

    static let library: Result<MustacheLibrary, CatalogError> = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
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
