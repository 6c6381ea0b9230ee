import SOCPlanCore

/// Reading one cell by its column's type: loose spellings accepted, references resolved, every
/// problem reported where it is.
extension Resolver {
    /// The cell's value, or nil when it is wrong (reported) or the column has nothing to say.
    ///
    /// Hot on import (every cell): reads the column's description through `info`, not through
    /// `ColumnSpec`'s dynamic member lookup (a generic key path projection per access).
    mutating func parse<Row>(_ column: ColumnSpec<Row>, _ cell: CSVCell, decoder: inout RowDecoder) -> Cell? {
        parse(column.info, cell, decoder: &decoder)
    }

    mutating func parse(_ column: ColumnInfo, _ cell: CSVCell, decoder: inout RowDecoder) -> Cell? {
        let text = cell.value
        let name = column.name
        if text.isEmpty {
            // A required column whose empty cell has a meaning ("none" for a report type).
            if column.required, case .choice(_, let empty?) = column.type { return .text(empty) }
            if column.required {
                var hint = "every row needs a \(name)"
                if case .choice(let choice, _) = column.type {
                    hint = "allowed values: \(choice.hint)"
                }
                decoder.report("empty-cell", "\(name) is empty", hint: hint, at: cell)
                return nil
            }
            switch column.type {
            case .identifier, .text, .reference: return .text("")
            case .choice(_, let empty): return empty.map { .text($0) } ?? .null
            case .choices, .list, .references: return .list([])
            case .flag(let empty): return .int(empty ? 1 : 0)
            case .count, .monthDay, .date: return .null
            case .number(let empty): return .double(empty)
            case .reports: return .list(ReportKind.allCases.map(\.rawValue))
            }
        }
        switch column.type {
        case .identifier, .text:
            return .text(text)
        case .choice(let choice, _):
            guard let value = choice.parse(text) else {
                decoder.report(
                    "unknown-value", "unknown \(choice.valueName) \"\(text)\"",
                    hint:
                        "map it with --value \"\(name):\(text)=VALUE\" (or under values: in a mapping file); allowed values: \(choice.hint)",
                    at: cell)
                return nil
            }
            return .text(value)
        case .choices(let choice):
            var values: [String] = []
            for item in RowDecoder.split(text) {
                guard let value = choice.parse(item) else {
                    decoder.report(
                        "unknown-value", "unknown \(choice.valueName) \"\(item)\"",
                        hint: "allowed values: \(choice.hint)", at: cell)
                    continue
                }
                if !values.contains(value) { values.append(value) }
            }
            return .list(values)
        case .flag:
            switch Spelling.key(text) {
            case "yes", "y", "true", "1", "x", "key": return .int(1)
            case "no", "n", "false", "0", "nonkey", "notkey": return .int(0)
            default:
                decoder.report(
                    "unknown-value", "\(name) \"\(text)\" is neither yes nor no", hint: "use yes or no", at: cell)
                return nil
            }
        case .count:
            let digits = text.filter { $0 != "," && $0 != " " && $0 != "_" }
            guard let value = Int(digits), value >= 0 else {
                decoder.report(
                    "invalid-number", "\(name) \"\(text)\" is not a whole number", hint: "write a count such as 250",
                    at: cell)
                return nil
            }
            return .int(value)
        case .number:
            guard let value = Double(text.filter { $0 != "," && $0 != " " && $0 != "$" }), value >= 0, value.isFinite
            else {
                decoder.report(
                    "invalid-number", "\(name) \"\(text)\" is not a number of 0 or more",
                    hint: "write a number such as 250000 (revenue) or 1", at: cell)
                return nil
            }
            return .double(value)
        case .monthDay:
            guard let (month, day) = Customer.monthDay(text) else {
                decoder.report(
                    "invalid-date", "\(name) \"\(text)\" is not a month and day",
                    hint: "write MM-DD, e.g. 12-31 or 06-30",
                    at: cell)
                return nil
            }
            return .text(Customer(name: "", fiscalYearEndMonth: month, fiscalYearEndDay: day).fiscalYearEnd)
        case .date:
            guard Day(text) != nil else {
                decoder.report(
                    "invalid-date", "\(name) \"\(text)\" is not a date", hint: "write YYYY-MM-DD", at: cell)
                return nil
            }
            return .text(text)
        case .list:
            return .list(RowDecoder.split(text))
        case .references(let entity):
            let items = RowDecoder.split(text)
            let ids: [String]
            switch entity {
            case .objective:
                ids = items.compactMap { resolveObjective($0, field: name, decoder: &decoder)?.rawValue }
            case .criterion:
                ids = resolveCriteria(items, field: name, decoder: &decoder).map(\.rawValue)
            case .evidence:
                ids = items.map { resolveEvidence($0, field: name, decoder: &decoder).rawValue }
            case .subservice:
                ids = items.compactMap { resolveSubservice($0, field: name, decoder: &decoder) }
            }
            // Two spellings of one item ("OBJ-001; obj-001") name it once: kept once, with a warning.
            // A short list (nearly all) is searched, not hashed.
            var once: [String] = []
            if ids.count <= 16 {
                once.reserveCapacity(ids.count)
                for id in ids where !once.contains(id) { once.append(id) }
            } else {
                var seen = Set<String>()
                once = ids.filter { seen.insert($0).inserted }
            }
            if once.count < ids.count {
                let twice = Set(ids.enumerated().filter { ids.firstIndex(of: $0.element) != $0.offset }.map(\.element))
                decoder.report(
                    "listed-twice", "\(name) names \(twice.sorted().joined(separator: ", ")) more than once",
                    hint: "it is kept once; write each item once", at: cell, severity: .warning)
            }
            return .list(once)
        case .reference:
            return resolveSubservice(text, field: name, decoder: &decoder).map { .text($0) }
        case .reports:
            guard let reports = ReportKind.parseList(text), !reports.isEmpty else {
                decoder.report(
                    "unknown-value", "\(name) \"\(text)\" is not SOC 1, SOC 2 or both",
                    hint: "write SOC 1, SOC 2 or both",
                    at: cell)
                return nil
            }
            return .list(reports.map(\.rawValue))
        }
    }

    /// A subservice organization named in a cell, by name in any capitals.
    func resolveSubservice(_ name: String, field: String, decoder: inout RowDecoder) -> String? {
        if let known = subserviceIndex[name.uppercased()] { return known }
        decoder.report(
            "unknown-subservice", "unknown subservice organization \"\(name)\"",
            hint: Spelling.didYouMean(
                name, in: Array(subserviceIndex.values),
                otherwise: "list it in subservice.csv and import that with this file"),
            at: decoder.row[field], subject: name)
        return nil
    }
}
