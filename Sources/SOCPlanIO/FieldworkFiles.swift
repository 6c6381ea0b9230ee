import SOCPlanCore

/// The fieldwork's files: the deviation-extension table and a results sheet.
public enum FieldworkFiles {
    /// A CSV read into header-keyed cells; headers compared lowercased with spaces and dashes as "_".
    struct Sheet {
        var headers: [String: Int]
        var records: [CSVRecord]
        var diagnostics: [Diagnostic]

        init(_ file: InputFile) {
            let document = CSVReader.read(file.bytes)
            diagnostics = document.problems.map {
                Diagnostic(
                    .error, "csv-syntax", $0.message, hint: $0.hint, file: file.name, line: $0.line, column: $0.column)
            }
            headers = [:]
            for (index, name) in (document.records.first?.values ?? []).enumerated() {
                headers[Self.normal(name), default: index] = index
            }
            records = Array(document.records.dropFirst()).filter {
                !$0.values.allSatisfy { Spelling.trimmed($0).isEmpty }
            }
        }

        static func normal(_ name: String) -> String {
            Spelling.trimmed(name).lowercased().replacingOccurrences(of: " ", with: "_")
                .replacingOccurrences(of: "-", with: "_")
        }

        func column(_ names: String...) -> Int? { names.lazy.compactMap { headers[$0] }.first }

        func cell(_ record: CSVRecord, _ index: Int?) -> CSVCell? {
            guard let index else { return nil }
            return index < record.cells.count
                ? record.cells[index] : CSVCell(value: "", line: record.line, column: index + 1)
        }
    }

    /// The built-in table (Catalogs/deviation-extension.csv).
    public static func builtInExtensionTable() throws(CatalogError) -> ExtensionTable {
        let (table, diagnostics) = extensionTable(
            InputFile(
                name: "Catalogs/deviation-extension.csv", bytes: ParameterLoader.embedded("deviation-extension.csv")))
        guard let table, !diagnostics.hasErrors else { throw CatalogError(diagnostics: diagnostics) }
        return table
    }

    /// Columns min_items, max_items (empty: no bound), deviations ("1", "2+"), action
    /// (exceptions-noted, extend, not-effective), extend_by, description.
    public static func extensionTable(_ file: InputFile) -> (ExtensionTable?, [Diagnostic]) {
        let sheet = Sheet(file)
        var diagnostics = sheet.diagnostics
        let columns = ["min_items", "max_items", "deviations", "action", "extend_by", "description"]
        for name in columns where sheet.headers[name] == nil {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-column", "no column \(name)",
                    hint: "the columns are \(columns.joined(separator: ", "))", file: file.name, line: 1))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        var rules: [ExtensionRule] = []
        for record in sheet.records {
            func text(_ name: String) -> CSVCell {
                sheet.cell(record, sheet.headers[name]) ?? CSVCell(value: "", line: record.line, column: 1)
            }
            func bad(_ cell: CSVCell, _ message: String) {
                diagnostics.append(
                    Diagnostic(.error, "bad-value", message, file: file.name, line: cell.line, column: cell.column))
            }
            let minCell = text("min_items")
            let maxCell = text("max_items")
            let devCell = text("deviations")
            let actionCell = text("action")
            let extendCell = text("extend_by")
            guard let minItems = Int(Spelling.trimmed(minCell.value)) else {
                bad(minCell, "min_items \"\(minCell.value)\" is not a whole number")
                continue
            }
            let maxText = Spelling.trimmed(maxCell.value)
            let maxItems = Int(maxText)
            if !maxText.isEmpty && maxItems == nil {
                bad(maxCell, "max_items \"\(maxText)\" is not a whole number")
                continue
            }
            var devText = Spelling.trimmed(devCell.value)
            let orMore = devText.hasSuffix("+")
            if orMore { devText.removeLast() }
            guard let deviations = Int(devText) else {
                bad(devCell, "deviations \"\(devCell.value)\" is not a count (1, 2+)")
                continue
            }
            guard let action = ExtensionRule.Action(rawValue: Spelling.trimmed(actionCell.value).lowercased()) else {
                bad(actionCell, "action \"\(actionCell.value)\" is not exceptions-noted, extend or not-effective")
                continue
            }
            let extendBy = Int(Spelling.trimmed(extendCell.value)) ?? 0
            if action == .extend && extendBy <= 0 {
                bad(extendCell, "an extend rule needs extend_by > 0")
                continue
            }
            rules.append(
                ExtensionRule(
                    minItems: minItems, maxItems: maxItems, deviations: deviations, orMore: orMore, action: action,
                    extendBy: extendBy, description: text("description").value))
        }
        return (diagnostics.hasErrors ? nil : ExtensionTable(rules: rules), diagnostics)
    }

    /// A results sheet: one row per item result (control, item, attribute, result, description) and
    /// rows without an item for a control's conclusion and management's response.
    public static func results(_ file: InputFile) -> (
        results: [(result: ItemResult, line: Int)], conclusions: [ControlConclusion], diagnostics: [Diagnostic]
    ) {
        let sheet = Sheet(file)
        var diagnostics = sheet.diagnostics
        guard let control = sheet.column("control", "control_id", "control_#") else {
            diagnostics.append(
                Diagnostic(
                    .error, "missing-column", "no control column",
                    hint:
                        "the columns are control, item, attribute, result, description, conclusion, management_response",
                    file: file.name, line: 1))
            return ([], [], diagnostics)
        }
        let item = sheet.column("item", "key", "item_key", "sample_item")
        let attribute = sheet.column("attribute")
        let result = sheet.column("result", "outcome")
        let description = sheet.column("description", "exception", "comment")
        let conclusion = sheet.column("conclusion")
        let response = sheet.column("management_response", "response")
        var results: [(result: ItemResult, line: Int)] = []
        var conclusions: [ControlID: ControlConclusion] = [:]
        for record in sheet.records {
            guard let controlCell = sheet.cell(record, control) else { continue }
            let id = ControlID(Spelling.trimmed(controlCell.value))
            if id.rawValue.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .error, "empty-control", "row has no control", file: file.name, line: record.line,
                        column: controlCell.column))
                continue
            }
            let key = Spelling.trimmed(sheet.cell(record, item)?.value ?? "")
            if !key.isEmpty {
                let resultCell = sheet.cell(record, result) ?? CSVCell(value: "", line: record.line, column: 1)
                guard let outcome = ItemOutcome(loose: resultCell.value) else {
                    diagnostics.append(
                        Diagnostic(
                            .error, "bad-result", "result \"\(resultCell.value)\" is not no-exception or exception",
                            hint: "write no-exception or exception", file: file.name, line: resultCell.line,
                            column: resultCell.column))
                    continue
                }
                results.append(
                    (
                        ItemResult(
                            control: id, key: key,
                            attribute: Spelling.trimmed(sheet.cell(record, attribute)?.value ?? ""),
                            outcome: outcome,
                            description: Spelling.trimmed(sheet.cell(record, description)?.value ?? "")),
                        record.line
                    ))
            }
            let conclusionText = Spelling.trimmed(sheet.cell(record, conclusion)?.value ?? "")
            let responseText = Spelling.trimmed(sheet.cell(record, response)?.value ?? "")
            if !conclusionText.isEmpty || !responseText.isEmpty {
                var entry = conclusions[id] ?? ControlConclusion(control: id)
                if !conclusionText.isEmpty {
                    guard let value = Conclusion(loose: conclusionText) else {
                        let cell = sheet.cell(record, conclusion)
                        diagnostics.append(
                            Diagnostic(
                                .error, "bad-conclusion", "conclusion \"\(conclusionText)\" is not one socplan knows",
                                hint: "write \(Conclusion.allCases.map(\.rawValue).joined(separator: ", "))",
                                file: file.name, line: cell?.line, column: cell?.column))
                        continue
                    }
                    entry.conclusion = value
                }
                if !responseText.isEmpty { entry.managementResponse = responseText }
                conclusions[id] = entry
            }
        }
        return (results, conclusions.values.sorted { $0.control < $1.control }, diagnostics)
    }
}
