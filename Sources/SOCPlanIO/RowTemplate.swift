import Foundation

/// A template of a report's table rows, when it is flat: a content-type pragma, then one section
/// over the rows whose body is text and the row's own values, `{{name}}` (escaped) or `{{{name}}}`
/// (as it is):
///
///     {{% CONTENT_TYPE: HTML_WHOLE_IDS}}
///     {{#plan}}<tr><td>{{control}}</td>…</tr>
///     {{/plan}}
///
/// Rendering it is appending each row's pieces: the text as it is, each value looked up by a
/// function chosen once per template and escaped as the content type says. Mustache renders the
/// same template to the same text (the pragma's and the closing tag's lines are standalone, so
/// they leave nothing; the body's last line break stays), but asks each cell's value for its type
/// several times over (a row, a template, a custom renderable, a lambda): for the 190,000 cells of a
/// 10,000-control report that was most of the rendering. Any other template (a nested section, a
/// partial, a name that is not one of the row's values, another layout) is not flat: `init`
/// returns nil and the caller renders it with Mustache.
struct RowTemplate<Row>: Sendable {
    private enum Piece: Sendable {
        case text(String)
        case value(@Sendable (Row) -> String, escaped: Bool)
    }

    private let pieces: [Piece]
    private let escape: @Sendable (String) -> String

    /// The template `source` over the section `section`, with `fields` naming each of a row's values;
    /// nil when it is not flat in the sense above or its content type is not one of the report's.
    init?(_ source: String, section: String, fields: [String: @Sendable (Row) -> String]) {
        let pragma = "{{% CONTENT_TYPE: "
        guard source.hasPrefix(pragma), let pragmaEnd = source.range(of: "}}\n") else { return nil }
        switch source[source.index(source.startIndex, offsetBy: pragma.count)..<pragmaEnd.lowerBound] {
        case "HTML_WHOLE_IDS": escape = ReportRender.keepingIdsWhole
        case "MARKDOWN": escape = Render.markdownCell
        default: return nil
        }
        let rest = source[pragmaEnd.upperBound...]
        let (open, close) = ("{{#\(section)}}", "\n{{/\(section)}}\n")
        guard rest.hasPrefix(open), rest.hasSuffix(close) else { return nil }
        // The body keeps its last line break: the closing tag's line is standalone.
        var body = rest.dropFirst(open.count).dropLast(close.count - 1)
        var pieces: [Piece] = []
        while let tag = body.range(of: "{{") {
            if tag.lowerBound > body.startIndex { pieces.append(.text(String(body[..<tag.lowerBound]))) }
            body = body[tag.upperBound...]
            let escaped = !body.hasPrefix("{")
            let end = escaped ? "}}" : "}}}"
            if !escaped { body = body.dropFirst() }
            guard let tagEnd = body.range(of: end) else { return nil }
            let name = body[..<tagEnd.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = fields[name] else { return nil }
            pieces.append(.value(value, escaped: escaped))
            body = body[tagEnd.upperBound...]
        }
        if !body.isEmpty { pieces.append(.text(String(body))) }
        self.pieces = pieces
    }

    /// The rows as the template lays them out, one after the other.
    func render(_ rows: some Collection<Row>) -> String {
        var out = ""
        for row in rows {
            for piece in pieces {
                switch piece {
                case .text(let text): out += text
                case .value(let value, let escaped): out += escaped ? escape(value(row)) : value(row)
                }
            }
        }
        return out
    }
}
