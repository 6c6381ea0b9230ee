import SOCPlanCore

/// Reads and writes the auditor's risk assessments of an engagement as CSV
/// (`socplan engagement risk import` / `list --format csv`).
///
/// Columns: control_id, risk (higher or lower), factors (a list), note; `client_risk` and `title`,
/// which `list` writes, are read and ignored so that its output imports again unchanged.
public enum RiskImport {
    public static let schema = TableSchema(
        kind: "risk-assessments",
        fields: [
            FieldSpec("control_id", required: true, aliases: ["Control", "Control ID", "Control #", "ID"]),
            FieldSpec("risk", required: true, aliases: ["Auditor Risk", "Assessed Risk", "Risk Assessment"]),
            FieldSpec("factors", aliases: ["Risk Factors", "Factor"]),
            FieldSpec("note", aliases: ["Notes", "Rationale", "Comment", "Comments"]),
            FieldSpec("client_risk", aliases: ["Client Risk"]),
            FieldSpec("title", aliases: ["Control Title"]),
        ])

    /// The assessments in `bytes`, or nil with every problem (file, line, column, hint) when any
    /// row is wrong: an unknown control, a risk that is neither higher nor lower, an unknown factor,
    /// a control assessed twice.
    public static func read(file: String, bytes: [UInt8], controls: [Control]) -> ([RiskAssessment]?, [Diagnostic]) {
        let (table, mapped) = TableReader.map(
            TableReader.parse(file: file, bytes: bytes, skippingCommentLines: true), schema: schema)
        var diagnostics = mapped
        let index = Dictionary(controls.map { ($0.id.rawValue.uppercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        var firstLine: [ControlID: Int] = [:]
        var assessments: [RiskAssessment] = []
        for row in table.rows {
            var decoder = RowDecoder(file: file, row: row)
            defer { diagnostics += decoder.diagnostics }
            let risk = riskCell(&decoder)
            let factors = factorList(&decoder)
            guard let text = decoder.required("control_id") else { continue }
            guard let id = index[text.uppercased()] else {
                decoder.report(
                    "unknown-control", "control \(text) is not in the workspace",
                    hint: Spelling.didYouMean(
                        text, in: controls.map(\.id.rawValue),
                        otherwise: "`socplan controls list` lists the controls; import controls first"),
                    at: row["control_id"], subject: text)
                continue
            }
            if let first = firstLine[id] {
                decoder.report(
                    "duplicate-id", "control \(id) is assessed twice", hint: "the first is on line \(first)",
                    at: row["control_id"], subject: id.rawValue)
                continue
            }
            firstLine[id] = row.line
            guard let risk, let factors else { continue }
            assessments.append(
                RiskAssessment(control: id, risk: risk, factors: factors, note: decoder.text("note") ?? ""))
        }
        if table.rows.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(
                    .error, "empty-file", "the file has a header but no assessment",
                    hint: "add a row per control: control_id,risk,factors,note", file: file, line: 1, column: 1))
        }
        return (diagnostics.hasErrors ? nil : assessments, diagnostics)
    }

    /// The risk cell: higher or lower (high, low, h, l).
    static func riskCell(_ decoder: inout RowDecoder) -> Risk? {
        guard let cell = decoder.row["risk"] else { return nil }
        guard let risk = Risk(spelling: cell.value) else {
            decoder.report(
                cell.value.isEmpty ? "empty-cell" : "unknown-value",
                cell.value.isEmpty ? "risk is empty" : "unknown risk \"\(cell.value)\"",
                hint: "write higher or lower", at: cell)
            return nil
        }
        return risk
    }

    /// The factors cell: each item a factor in any accepted spelling; nil when one is unknown.
    static func factorList(_ decoder: inout RowDecoder) -> [RiskAssessment.Factor]? {
        var factors: [RiskAssessment.Factor] = []
        var ok = true
        for item in decoder.list("factors") ?? [] {
            guard let factor = RiskAssessment.Factor(spelling: item) else {
                decoder.report(
                    "unknown-value", "unknown risk factor \"\(item)\"",
                    hint: "allowed factors: \(RiskAssessment.Factor.allowedList)", at: decoder.row["factors"])
                ok = false
                continue
            }
            factors.append(factor)
        }
        return ok ? factors : nil
    }

    /// Parses a factors option ("prior-deviations,change"): the factors, or the unknown items.
    public static func factors(_ text: String) -> (factors: [RiskAssessment.Factor], unknown: [String]) {
        var factors: [RiskAssessment.Factor] = []
        var unknown: [String] = []
        for item in Spelling.listItems(text) {
            if let factor = RiskAssessment.Factor(spelling: item) {
                factors.append(factor)
            } else {
                unknown.append(item)
            }
        }
        return (factors, unknown)
    }

    /// The engagement's assessments as rows (header first), by control id; `controls` gives each
    /// row the client's label and the title.
    public static func rows(_ engagement: Engagement, controls: [Control]) -> [[String]] {
        let byID = Dictionary(controls.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return [["control_id", "risk", "factors", "note", "client_risk", "title"]]
            + engagement.riskAssessments.values.sorted { $0.control < $1.control }.map { assessment in
                let control = byID[assessment.control]
                return [
                    assessment.control.rawValue, RiskAssessment.word(assessment.risk),
                    assessment.factors.map(\.rawValue).joined(separator: "; "), assessment.note,
                    control.map { RiskAssessment.word($0.risk) } ?? "", control?.title ?? "",
                ]
            }
    }
}
