import SOCPlanCore

/// The tables of CSV columns in docs/file-formats.md, written from the table descriptions (`Tables`).
///
/// `SOCPLAN_REGENERATE=1 swift test --filter ColumnDocs` rewrites the generated block of docs/file-formats.md;
/// without it the test fails when that page and the descriptions differ.
public enum ColumnDocs {
    public static let begin = "<!-- columns: generated from Sources/SOCPlanCore/Tables.swift; do not edit -->"
    public static let end = "<!-- columns: end -->"

    /// One section per inventory file: each column, whether it is required, what it holds, and
    /// the other headers import accepts for it.
    public static func markdown() -> String {
        (Tables.all + [Tables.engagements]).map { section($0) }.joined(separator: "\n")
    }

    static func section<T: AnyTableSpec>(_ table: T) -> String {
        var lines = [
            "### \(table.kind).csv", "", "| column | required | meaning and allowed values | also accepted as |",
            "|---|---|---|---|",
        ]
        for column in table.columnInfo {
            let meaning = [column.doc, values(column.type)].filter { !$0.isEmpty }.joined(separator: " ")
            lines.append(
                "| `\(column.name)` | \(column.required ? "yes" : "") | \(cell(meaning)) | "
                    + "\(cell(column.synonyms.joined(separator: ", "))) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What a column of this type takes, and what an empty cell means.
    static func values(_ type: ColumnType) -> String {
        func quoted(_ values: [String]) -> String { values.map { "`\($0)`" }.joined(separator: ", ") }
        switch type {
        case .identifier: return "No `,` `;` or line break (ids appear in list cells)."
        case .text: return ""
        case .choice(let choice, let empty):
            return "One of \(quoted(choice.allowed))." + (empty.map { " Empty means `\($0)`." } ?? "")
        case .choices(let choice): return "List of \(quoted(choice.allowed))."
        case .flag(let empty): return "`yes` or `no`; empty means `\(empty ? "yes" : "no")`."
        case .count: return "A whole number ≥ 0, or empty."
        case .number(let empty): return "A number ≥ 0; empty means \(PlanRender.number(empty))."
        case .monthDay: return "`MM-DD`."
        case .date: return "`YYYY-MM-DD`, or empty."
        case .list: return "List."
        case .references(let entity): return "List of \(entity.rawValue) \(entity == .subservice ? "names" : "ids")."
        case .reference(let entity): return "A \(entity.rawValue) \(entity == .subservice ? "name" : "id")."
        case .reports: return "`SOC 1`, `SOC 2` or `both`; empty means both."
        }
    }

    /// Text safe in a Markdown table cell.
    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
