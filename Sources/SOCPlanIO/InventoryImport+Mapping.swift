import SOCPlanCore

/// The steps of an import that speak spreadsheet: rows marked out of scope, required columns
/// over every file of a kind, and repeated diagnostics grouped into one.
extension InventoryImporter {
    /// Leaves out the rows an "In scope" column marks no; one note counts them.
    static func leaveOutOfScope(_ table: inout MappedTable) -> [Diagnostic] {
        guard let column = table.columns["in_scope"] else { return [] }
        var left: [Int] = []
        var leftIDs: [String] = []
        var unclear: [Diagnostic] = []
        let whole = table
        table.rows.removeAll { row in
            guard let cell = row["in_scope"] else { return false }
            guard let flag = ScopeFlag.value(cell.value) else {
                var decoder = RowDecoder(table: whole, row: row)
                decoder.report(
                    "unknown-value", "\(column.header) \"\(cell.value)\" is neither yes nor no",
                    hint:
                        "write X, Y or yes for in scope, N or no for out of scope; or map it with --value \"in_scope:\(cell.value)=yes\"",
                    at: cell)
                unclear += decoder.diagnostics
                return false
            }
            // An empty cell of an "In scope" column means out of scope only when others say yes.
            if !flag && !cell.value.isEmpty {
                left.append(row.row)
                if let id = row[whole.schema.fields[0].name]?.value { leftIDs.append(id.uppercased()) }
                return true
            }
            return false
        }
        table.outOfScope = Set(leftIDs)
        guard !left.isEmpty else { return unclear }
        var note = Diagnostic(
            .note, "out-of-scope",
            "\(Self.count(left.count, "row")) marked out of scope in column \(column.letter) (\(column.header)) \(left.count == 1 ? "is" : "are") not imported (\(Self.rows(left)))",
            hint: "to import them anyway, ignore the column: --column \"\(column.header)=-\"", file: table.file)
        note.sheet = table.sheet
        return unclear + [note]
    }

    /// Rows of other files about a control another file marks out of scope are left out too.
    static func dropOutOfScope(_ tables: [MappedTable]) -> [MappedTable] {
        let out = tables.reduce(into: Set<String>()) { $0.formUnion($1.outOfScope) }
        guard !out.isEmpty else { return tables }
        return tables.map { table in
            var kept = table
            let idField = table.schema.fields[0].name
            kept.rows.removeAll { row in row[idField].map { out.contains($0.value.uppercased()) } ?? false }
            return kept
        }
    }

    /// A required column that none of a kind's files has (nor a mapping's default).
    static func missingColumns(kind: String, _ tables: [MappedTable]) -> [Diagnostic] {
        guard let schema = tables.first?.schema else { return [] }
        var found: [Diagnostic] = []
        for field in schema.fields where field.required {
            guard !tables.contains(where: { $0.columns[field.name] != nil }) else { continue }
            var diagnostic = TableReader.missingColumn(field, file: tables[0].file, line: tables[0].headerLine)
            diagnostic.sheet = tables[0].sheet
            diagnostic.row = tables[0].headerRow
            if tables.count > 1 {
                diagnostic.message += " (none of \(tables.map(\.file).joined(separator: ", ")) has it)"
            }
            found.append(diagnostic)
        }
        return found
    }

    /// Repeated diagnostics as one: "232 × unknown nature "Process" (rows 3–317)", at the
    /// column they share. Diagnostics without a spreadsheet row pass unchanged.
    static func grouped(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        struct Key: Hashable {
            var file: String?
            var sheet: String?
            var severity: Diagnostic.Severity
            var code: String
            var message: String
        }
        var groups: [Key: [Diagnostic]] = [:]
        for diagnostic in diagnostics where diagnostic.row != nil {
            let key = Key(
                file: diagnostic.file, sheet: diagnostic.sheet, severity: diagnostic.severity, code: diagnostic.code,
                message: diagnostic.message)
            groups[key, default: []].append(diagnostic)
        }
        var emitted: Set<Key> = []
        var result: [Diagnostic] = []
        for diagnostic in diagnostics {
            guard diagnostic.row != nil else {
                result.append(diagnostic)
                continue
            }
            let key = Key(
                file: diagnostic.file, sheet: diagnostic.sheet, severity: diagnostic.severity, code: diagnostic.code,
                message: diagnostic.message)
            guard let group = groups[key], group.count > 1 else {
                result.append(diagnostic)
                continue
            }
            guard emitted.insert(key).inserted else { continue }
            var merged = diagnostic
            merged.message = "\(group.count) × \(diagnostic.message) (\(rows(group.compactMap(\.row))))"
            merged.row = nil
            merged.line = nil
            merged.column = nil
            merged.subject = nil
            let columns = Set(group.map { "\($0.columnLetter ?? "")\u{0}\($0.header ?? "")" })
            if columns.count > 1 {
                merged.columnLetter = nil
                merged.header = nil
            }
            result.append(merged)
        }
        return result
    }

    /// "rows 3–317" for a run, "rows 3, 7 and 9" for a few, "row 4" for one.
    static func rows(_ numbers: [Int]) -> String {
        let sorted = Array(Set(numbers)).sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        if sorted.count == 1 { return "row \(first)" }
        if sorted.count <= 4 {
            return "rows " + sorted.dropLast().map(String.init).joined(separator: ", ") + " and \(last)"
        }
        return "rows \(first)–\(last)"
    }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}

extension Resolver {
    /// One warning counting the controls read without a frequency or nature.
    ///
    /// `given`: for a control read without a size, which of frequency and nature its rows fill in
    /// (upper-cased id → fields); `file`, the one file of controls.
    static func unsizedWarning<Row>(_ rows: [Row], given: [String: Set<String>], file: String?) -> [Diagnostic] {
        guard var controls = rows as? [Control], !controls.isEmpty else { return [] }
        // Nearly always every control is sized: then there is nothing to count.
        guard controls.contains(where: { !$0.isSized }) else { return [] }
        // A control whose file gives a frequency or nature socplan does not know has that error,
        // not this warning as well.
        controls.removeAll { control in
            let fields = given[control.id.rawValue.uppercased()] ?? []
            return (!control.frequencyKnown && fields.contains("frequency"))
                || (!control.natureKnown && fields.contains("nature"))
        }
        let frequency = controls.filter { !$0.frequencyKnown }.count
        let nature = controls.filter { !$0.natureKnown }.count
        let unsized = controls.filter { !$0.isSized }
        guard !unsized.isEmpty else { return [] }
        let parts = [
            frequency > 0 ? "\(frequency) without a frequency" : nil, nature > 0 ? "\(nature) without a nature" : nil,
        ].compactMap { $0 }
        let ids = unsized.prefix(5).map(\.id.rawValue).joined(separator: ", ") + (unsized.count > 5 ? ", …" : "")
        return [
            Diagnostic(
                .warning, "not-sized",
                "\(InventoryImporter.count(unsized.count, "control")) (\(parts.joined(separator: ", "))) \(unsized.count == 1 ? "is" : "are") imported but not sized until set: \(ids)",
                hint:
                    "map a column with --column \"Header=frequency\", give a default (--default \"frequency=quarterly\"), or set them later; `socplan check` lists them",
                file: file)
        ]
    }

    /// Which of frequency and nature a row fills in.
    static func sizing(_ row: MappedRow) -> Set<String> {
        Set(["frequency", "nature"].filter { !(row[$0]?.value ?? "").isEmpty })
    }

    /// A control marked for a report by a flag column ("SOC 1" = X) that maps to nothing in that
    /// report, or mapped in a report its flag says it is not part of.
    static func checkScopeFlags(_ control: Control, decoder: inout RowDecoder) {
        for (field, report, mapped, noun) in [
            ("soc1_in_scope", "SOC 1", !control.objectives.isEmpty, "SOC 1 objective"),
            ("soc2_in_scope", "SOC 2", !control.criteria.isEmpty, "SOC 2 criterion"),
        ] {
            guard let cell = decoder.row[field] else { continue }
            guard let flag = ScopeFlag.value(cell.value) else {
                decoder.report(
                    "unknown-value", "\(report) flag \"\(cell.value)\" is neither yes nor no",
                    hint: "write X, Y or yes, N, no or leave it empty", at: cell)
                continue
            }
            if flag && !mapped {
                decoder.report(
                    "flag-unmapped", "marked \(report) but maps to no \(noun)",
                    hint:
                        "add a column of \(noun == "SOC 1 objective" ? "objective ids" : "criteria (CC6.1 …)") and map it, or let mapping suggestions propose them",
                    at: cell, subject: control.id.rawValue, severity: .warning)
            } else if !flag && mapped && !cell.value.isEmpty {
                decoder.report(
                    "flag-mapped", "not marked \(report) but maps to a \(noun)",
                    hint: "the mapping decides what a control serves; clear the mapping or mark the flag",
                    at: cell, subject: control.id.rawValue, severity: .warning)
            }
        }
    }
}

extension Resolver {
    /// Each report's type and dates make a scope: a Type 2 has its period, a Type 1 its date.
    static func checkScopes(_ record: EngagementRecord, decoder: inout RowDecoder) {
        for report in ReportKind.allCases {
            guard case .failure(let problem) = record.scope(report) else { continue }
            let prefix = report.rawValue
            let type = report == .soc1 ? record.soc1Type : record.soc2Type
            let columns = type == .type1 ? "\(prefix)_as_of" : "\(prefix)_period_start and \(prefix)_period_end"
            decoder.report(
                problem.code, problem.message, hint: "fill \(columns) (YYYY-MM-DD)", at: decoder.row["\(prefix)_type"],
                subject: record.name)
        }
    }
}
