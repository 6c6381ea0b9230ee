import SOCPlanCore

/// The review file of `suggest`: one row per suggestion, decided row by row in an `accept` column.
///
/// Written by `rows(_:workspace:)`, read back by `read(file:bytes:workspace:current:criteria:)`,
/// which keeps only the accepted rows that still match the workspace and what `suggest` proposes
/// now. Rows may come back in any order; `control_id`, `title`, `add` and `id` are the fixed
/// columns (an edit there is reported), `confidence`, `score` and `reasons` are for reading only.
public enum SuggestionReview {
    public static let schema = TableSchema(
        kind: "suggestion review",
        fields: [
            FieldSpec("control_id", required: true), FieldSpec("title"), FieldSpec("add", required: true),
            FieldSpec("id", required: true), FieldSpec("confidence"), FieldSpec("score"), FieldSpec("reasons"),
            FieldSpec("accept", required: true, aliases: ["Accepted", "Decision", "Accept?"]),
        ])

    /// The `add` of a row that says a control has no SOC 1 objective: nothing to apply.
    public static let noObjective = "none"

    /// Header first; per control its suggestions, then a `none` row when its words point to no objective.
    public static func rows(_ report: SuggestionReport, workspace: Workspace) -> [[String]] {
        let titles = Dictionary(workspace.controls.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let suggestions = Dictionary(grouping: report.suggestions, by: \.control)
        let away = Dictionary(report.noObjective.map { ($0.control, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = [schema.header]
        for control in workspace.controls {
            for suggestion in suggestions[control.id] ?? [] {
                rows.append([
                    control.id.rawValue, control.title, suggestion.target.rawValue, suggestion.id,
                    suggestion.confidence.rawValue, Score.text(suggestion.score), suggestion.reason, "",
                ])
            }
            if let none = away[control.id] {
                rows.append([
                    control.id.rawValue, titles[control.id] ?? "", noObjective, "", "", Score.text(none.points),
                    none.reason, "",
                ])
            }
        }
        return rows
    }

    /// What a review file decides.
    public struct Outcome: Sendable {
        /// The accepted rows still suggested, once each, in workspace order.
        public var accepted: [MappingSuggestion] = []
        public var rejected = 0
        public var undecided = 0
        /// Accepted rows whose mapping or value the control already has.
        public var alreadyInPlace = 0
        public var diagnostics: [Diagnostic] = []
    }

    /// The review file as a workbook sheet: the score a number, the accept column a yes/no drop-down.
    public static func sheet(_ rows: [[String]]) -> XLSXWriter.Sheet {
        XLSXWriter.Sheet(
            name: "Suggestions", table: rows, kinds: ["score": .number], validations: ["accept": ["yes", "no"]])
    }

    /// Reads a review file (CSV, or a workbook's first sheet with its header) against the workspace and
    /// the suggestions as they are now; problems in a workbook are placed on its sheet and cell.
    ///
    /// `current` must hold every suggestion at any confidence (secondary criteria included), so that
    /// a row the reviewer accepted is found whatever filter wrote the file. Every problem is reported;
    /// the caller applies nothing when any is an error.
    public static func read(
        file: String, bytes: [UInt8], workspace: Workspace, current: SuggestionReport, criteria: Set<CriterionID>
    ) -> Outcome {
        var opened: [Diagnostic] = []
        let tables = TableInput.tables(
            InputFile(name: file, bytes: bytes), selection: TableInput.Selection(), schemas: [schema], overrides: [:],
            diagnostics: &opened)
        var outcome = Outcome()
        if let parsed = tables.first {
            outcome = decide(parsed, workspace: workspace, current: current, criteria: criteria)
        }
        outcome.diagnostics = (opened + outcome.diagnostics).map { TableInput.place($0, in: tables) }
        return outcome
    }

    /// The decisions of one table of a review file.
    private static func decide(
        _ parsed: TableReader.Parsed, workspace: Workspace, current: SuggestionReport, criteria: Set<CriterionID>
    ) -> Outcome {
        var outcome = Outcome()
        let (table, found) = TableReader.map(parsed, schema: schema)
        outcome.diagnostics = found
        if found.hasErrors { return outcome }
        let controls = Dictionary(workspace.controls.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let objectives = Set(workspace.objectives.map(\.id))
        let suggested = Dictionary(
            current.suggestions.map { (Key($0.control.rawValue, $0.target.rawValue, $0.id), $0) },
            uniquingKeysWith: { a, _ in a })
        var accepted: [Key: MappingSuggestion] = [:]
        for row in table.rows {
            // A "none" row only says why a control has no objective: there is nothing to decide.
            if row["add"]?.value == noObjective { continue }
            var decoder = RowDecoder(file: table.file, row: row)
            defer { outcome.diagnostics += decoder.diagnostics }
            switch Spelling.key(decoder.text("accept") ?? "") {
            case "": outcome.undecided += 1
            case "no", "n", "false", "0", "reject", "rejected":
                outcome.rejected += 1
            case "yes", "y", "true", "1", "x", "accept", "accepted":
                guard let suggestion = check(&decoder, controls: controls, objectives: objectives, criteria: criteria)
                else { continue }
                guard let control = controls[suggestion.control], !isInPlace(suggestion, control) else {
                    outcome.alreadyInPlace += 1
                    continue
                }
                let key = Key(suggestion.control.rawValue, suggestion.target.rawValue, suggestion.id)
                guard let current = suggested[key] else {
                    decoder.report(
                        "no-longer-suggested",
                        "\(suggestion.id) is not a suggestion for \(suggestion.control) as the workspace stands",
                        hint:
                            "the row was edited or the control changed since the file was written; run `socplan suggest --format csv --out FILE` again",
                        at: row["id"], subject: suggestion.control.rawValue)
                    continue
                }
                accepted[key] = current
            default:
                decoder.report(
                    "unknown-value", "accept \"\(decoder.text("accept") ?? "")\" is neither yes nor no",
                    hint: "write yes to apply the row, no to reject it, or leave it blank to decide later",
                    at: row["accept"])
            }
        }
        let order = Dictionary(
            current.suggestions.enumerated().map { (Key($1.control.rawValue, $1.target.rawValue, $1.id), $0) },
            uniquingKeysWith: { a, _ in a })
        outcome.accepted = accepted.sorted { (order[$0.key] ?? 0) < (order[$1.key] ?? 0) }.map(\.value)
        return outcome
    }

    private struct Key: Hashable {
        var control: String
        var target: String
        var id: String
        init(_ control: String, _ target: String, _ id: String) {
            self.control = control
            self.target = target
            self.id = id
        }
    }

    /// The fixed columns of an accepted row, checked against the workspace; nil after reporting why.
    private static func check(
        _ decoder: inout RowDecoder, controls: [ControlID: Control], objectives: Set<ObjectiveID>,
        criteria: Set<CriterionID>
    ) -> MappingSuggestion? {
        let row = decoder.row
        guard let controlText = decoder.required("control_id"), let addText = decoder.required("add") else {
            return nil
        }
        guard let control = controls[ControlID(controlText)] else {
            decoder.report(
                "unknown-control", "unknown control \"\(controlText)\"",
                hint: Spelling.didYouMean(
                    controlText, in: controls.keys.map(\.rawValue),
                    otherwise: "the control was removed or renamed since the file was written; delete the row"),
                at: row["control_id"], subject: controlText)
            return nil
        }
        guard let target = MappingSuggestion.Target(rawValue: addText) else {
            decoder.report(
                "unknown-value", "add \"\(addText)\" is not something suggest adds",
                hint: "add is one of objective, criterion, frequency, nature (as suggest wrote it)", at: row["add"])
            return nil
        }
        guard let id = decoder.required("id") else { return nil }
        let known: Bool
        switch target {
        case .objective: known = objectives.contains(ObjectiveID(id))
        case .criterion: known = CriterionID.parse(id).map(criteria.contains) ?? false
        case .frequency: known = Frequency(rawValue: id) != nil
        case .nature: known = Nature(rawValue: id) != nil
        }
        if !known {
            let candidates: [String]
            switch target {
            case .objective: candidates = objectives.map(\.rawValue)
            case .criterion: candidates = criteria.map(\.rawValue)
            case .frequency: candidates = Frequency.allCases.map(\.rawValue)
            case .nature: candidates = Nature.allCases.map(\.rawValue)
            }
            decoder.report(
                "unknown-\(target.rawValue)", "unknown \(target.rawValue) \"\(id)\"",
                hint: Spelling.didYouMean(id, in: candidates, otherwise: "the id column is as suggest wrote it"),
                at: row["id"], subject: control.id.rawValue)
            return nil
        }
        if let title = decoder.text("title"), !title.isEmpty, title != control.title {
            decoder.report(
                "title-changed", "the title of \(control.id) is not \"\(title)\" but \"\(control.title)\"",
                hint:
                    "the title was edited in the file or the control was reworded since; review the row again from a fresh `socplan suggest --format csv --out FILE`",
                at: row["title"], subject: control.id.rawValue)
            return nil
        }
        let canonical = target == .criterion ? (CriterionID.parse(id)?.rawValue ?? id) : id
        return MappingSuggestion(
            control: control.id, target: target, id: canonical, confidence: .low, score: 0, reasons: [])
    }

    private static func isInPlace(_ suggestion: MappingSuggestion, _ control: Control) -> Bool {
        switch suggestion.target {
        case .objective: control.objectives.contains(ObjectiveID(suggestion.id))
        case .criterion: control.criteria.contains(CriterionID(suggestion.id))
        case .frequency: control.frequency.rawValue == suggestion.id
        case .nature: control.nature.rawValue == suggestion.id
        }
    }
}
