import SOCPlanCore

/// Subservice organizations, CSOCs, CUECs and customers: decoded like the inventory.
extension Resolver {
    mutating func subservice(_ tables: [MappedTable]) {
        let existing = Self.index(workspace.subservice) { $0.name }
        var found: [Diagnostic] = []
        let rows = Self.decode(tables, idField: "name", noun: "subservice organization", diagnostics: &found) {
            decoder, name -> SubserviceOrganization? in
            var organization = existing[name.uppercased()] ?? SubserviceOrganization(name: name)
            if let services = decoder.text("services") { organization.services = services }
            if let method = decoder.choice("method", SubserviceMethod.self, required: true) {
                organization.method = method
            }
            if let reports = reports(&decoder) { organization.reports = reports }
            return organization
        }
        diagnostics += found
        let result = merge(rows, existing: workspace.subservice, kindGiven: !tables.isEmpty, counts: &subserviceCounts)
        changes.subservice = result.write
        changes.removedSubservice = result.removed
        for organization in result.final { subserviceIndex[organization.name.uppercased()] = organization.name }
    }

    mutating func csocs(_ tables: [MappedTable]) {
        let existing = Self.index(workspace.csocs) { $0.id }
        var found: [Diagnostic] = []
        let rows = Self.decode(tables, idField: "csoc_id", noun: "CSOC", diagnostics: &found) { decoder, id -> CSOC? in
            var csoc = existing[id.uppercased()] ?? CSOC(id: id, subservice: "", text: "")
            if let name = decoder.required("subservice"),
                let resolved = resolveSubservice(name, field: "subservice", decoder: &decoder)
            {
                csoc.subservice = resolved
            }
            if let text = decoder.required("text") { csoc.text = text }
            if let references = decoder.list("soc1_objectives") {
                csoc.objectives = references.compactMap { resolveObjective($0, decoder: &decoder) }
            }
            if let references = decoder.list("soc2_criteria") {
                csoc.criteria = resolveCriteria(references, decoder: &decoder)
            }
            return csoc
        }
        diagnostics += found
        let result = merge(rows, existing: workspace.csocs, kindGiven: !tables.isEmpty, counts: &csocCounts)
        changes.csocs = result.write
        changes.removedCSOCs = result.removed
    }

    mutating func cuecs(_ tables: [MappedTable]) {
        let existing = Self.index(workspace.cuecs) { $0.id }
        var found: [Diagnostic] = []
        let rows = Self.decode(tables, idField: "cuec_id", noun: "CUEC", diagnostics: &found) { decoder, id -> CUEC? in
            var cuec = existing[id.uppercased()] ?? CUEC(id: id, text: "")
            if let text = decoder.required("text") { cuec.text = text }
            if let actor = decoder.text("actor") { cuec.actor = actor }
            if let action = decoder.text("action") { cuec.action = action }
            if let timing = decoder.text("timing") { cuec.timing = timing }
            if let evidence = decoder.text("evidence") { cuec.evidence = evidence }
            if let references = decoder.list("soc1_objectives") {
                cuec.objectives = references.compactMap { resolveObjective($0, decoder: &decoder) }
            }
            if let references = decoder.list("soc2_criteria") {
                cuec.criteria = resolveCriteria(references, decoder: &decoder)
            }
            if let reports = reports(&decoder) { cuec.reports = reports }
            if let assumed = decoder.flag("assumed_in_design", fallback: true) { cuec.assumedInDesign = assumed }
            return cuec
        }
        diagnostics += found
        let result = merge(rows, existing: workspace.cuecs, kindGiven: !tables.isEmpty, counts: &cuecCounts)
        changes.cuecs = result.write
        changes.removedCUECs = result.removed
    }

    mutating func customers(_ tables: [MappedTable]) {
        let existing = Self.index(workspace.customers) { $0.name }
        var found: [Diagnostic] = []
        let rows = Self.decode(tables, idField: "customer", noun: "customer", diagnostics: &found) {
            decoder, name -> Customer? in
            var customer =
                existing[name.uppercased()] ?? Customer(name: name, fiscalYearEndMonth: 12, fiscalYearEndDay: 31)
            if let text = decoder.required("fiscal_year_end") {
                guard let (month, day) = Self.monthDay(text) else {
                    decoder.report(
                        "invalid-date", "fiscal_year_end \"\(text)\" is not a month and day",
                        hint: "write MM-DD, e.g. 12-31 or 06-30", at: decoder.row["fiscal_year_end"])
                    return nil
                }
                customer.fiscalYearEndMonth = month
                customer.fiscalYearEndDay = day
            }
            if let text = decoder.text("weight"), !text.isEmpty {
                guard let weight = Double(text.filter { $0 != "," && $0 != " " && $0 != "$" }), weight >= 0,
                    weight.isFinite
                else {
                    decoder.report(
                        "invalid-number", "weight \"\(text)\" is not a number of 0 or more",
                        hint: "revenue (e.g. 250000) or 1 for equal weight", at: decoder.row["weight"])
                    return nil
                }
                customer.weight = weight
            }
            return customer
        }
        diagnostics += found
        let result = merge(rows, existing: workspace.customers, kindGiven: !tables.isEmpty, counts: &customerCounts)
        changes.customers = result.write
        changes.removedCustomers = result.removed
    }

    /// "12-31", "12/31", "Dec 31" is not read: MM-DD with a real day (02-29 allowed).
    static func monthDay(_ text: String) -> (Int, Int)? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard parts.count == 2, let month = parts[0], let day = parts[1], (1...12).contains(month),
            (1...Day.daysIn(year: 2028, month: month)).contains(day)
        else { return nil }
        return (month, day)
    }

    func reports(_ decoder: inout RowDecoder) -> [ReportKind]? {
        guard let cell = decoder.row["reports"] else { return nil }
        if cell.value.isEmpty { return [.soc1, .soc2] }
        guard let reports = ReportKind.parseList(cell.value), !reports.isEmpty else {
            decoder.report(
                "unknown-value", "reports \"\(cell.value)\" is not SOC 1, SOC 2 or both",
                hint: "write SOC 1, SOC 2 or both", at: cell)
            return nil
        }
        return reports
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
