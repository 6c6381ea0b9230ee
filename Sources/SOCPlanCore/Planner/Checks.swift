/// Every lint of `socplan check`, as compiler-style diagnostics. Pure.
public enum WorkspaceChecker {
    /// The checks stage. With a plan: coverage, the plan's and calendar's warnings and the window
    /// too; without: the inventory alone.
    public static func check(
        _ workspace: Workspace, plan: EngagementPlan?, window: WindowAnalysis.Parameters = .init()
    ) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var inScope = workspace.controls
        let engagement = plan?.engagement
        if let plan, let engagement {
            let overlap = plan.overlap
            for gap in overlap.uncoveredCriteria {
                found.append(
                    gap.partlyCarvedGap
                        ? partlyCarved(gap, code: "gap-criterion", what: gap.id, engagement: engagement)
                        : Diagnostic(
                            .error, "gap-criterion",
                            "no control addresses \(gap.id) (\(gap.title)) in \(engagement.name)",
                            hint: gap.id.hasPrefix("CC")
                                ? "every common criterion applies and cannot be called not relevant: map a control to it or add one"
                                : "map a control to it, add one, or carve it out to a subservice organization with a CSOC",
                            subject: gap.id))
            }
            for gap in overlap.uncoveredObjectives {
                found.append(
                    gap.partlyCarvedGap
                        ? partlyCarved(
                            gap, code: "gap-objective", what: "SOC 1 objective \(gap.id)", engagement: engagement)
                        : Diagnostic(
                            .error, "gap-objective",
                            "no control addresses SOC 1 objective \(gap.id) in \(engagement.name)",
                            hint:
                                "map a control to it (mapping suggestions may find one), or take it out of the engagement's SOC 1 scope",
                            subject: gap.id))
            }
            let ids = Set(overlap.inScopeControls)
            inScope = workspace.controls.filter { ids.contains($0.id) }
            found += plan.diagnostics
            found += windowChecks(
                workspace: workspace, engagement: engagement, parameters: window, calendar: plan.calendar)
            found += deadlineChecks(customers: workspace.customers, calendar: plan.calendar)
        } else {
            found += workspace.controls.filter { !$0.isSized }.map(Planner.notSized)
            found.append(
                Diagnostic(
                    .note, "no-engagement", "no engagement given: coverage, plan and window checks were skipped",
                    hint: "choose an engagement to check coverage, the plan and the window too"))
        }
        found += subserviceChecks(workspace: workspace, controls: inScope, engagement: engagement)
        found += workspace.cuecs.flatMap { CUECChecker.assess($0).problems }
        for control in inScope {
            if control.owner.isEmpty {
                found.append(
                    Diagnostic(
                        .warning, "control-no-owner", "\(control.id) has no owner",
                        hint: "name the role that performs it",
                        subject: control.id.rawValue))
            }
            if control.evidence.isEmpty {
                found.append(
                    Diagnostic(
                        .warning, "control-no-evidence", "\(control.id) names no evidence: it cannot be tested",
                        hint: "add the evidence ids it produces", subject: control.id.rawValue))
            }
        }
        for (role, spellings) in Roles.merged(inScope.map(\.owner)) where !spellings.isEmpty {
            found.append(
                Diagnostic(
                    .warning, "role-spellings",
                    "one role is spelled \(spellings.count + 1) ways: \(([role] + spellings).map { "\"\($0)\"" }.joined(separator: ", ")); the system description lists it once, as \"\(role)\"",
                    hint: "spell the owner the same way on every control", subject: role))
        }
        // (A Character, not a string: Foundation's substring search costs a hundred times more.)
        let named = inScope.filter { $0.owner.contains("(" as Character) }
        if !named.isEmpty {
            found.append(
                Diagnostic(
                    .note, "owner-names-person",
                    "\(named.count) control owner(s) name a person in parentheses (\(named.prefix(3).map { "\($0.id): \($0.owner)" }.joined(separator: "; "))); reports show the role only",
                    hint: "keep people's names in owner_email or outside the inventory: roles outlast people",
                    subject: named[0].id.rawValue))
        }
        for objective in workspace.objectives where objective.domain == .business && objective.assertions.isEmpty {
            found.append(
                Diagnostic(
                    .warning, "objective-no-assertion",
                    "business objective \(objective.id) supports no financial statement assertion",
                    hint:
                        "add the assertions it supports (C, O, A, CO, R, P) so user auditors can link it to their risks",
                    subject: objective.id.rawValue))
        }
        return found
    }

    /// A gap a carve-out would have hidden: CSOCs cover some layers, the rest has no own control.
    static func partlyCarved(_ gap: Coverage, code: String, what: String, engagement: Engagement) -> Diagnostic {
        Diagnostic(
            .error, code,
            "no control of the organization's own addresses \(what) in \(engagement.name): "
                + Self.carveOutSentence(gap),
            hint:
                "map or add a control over the organization's part (its \(gap.remaining.map(\.rawValue).joined(separator: ", "))); a CSOC never stands in for it",
            subject: gap.id)
    }

    /// "the CSOCs of Public cloud provider cover its hypervisor, network; application, organization
    /// are left to the organization".
    public static func carveOutSentence(_ item: Coverage) -> String {
        let carved = item.carvedComponents.map(\.rawValue).joined(separator: ", ")
        let remaining = item.remaining.map(\.rawValue).joined(separator: ", ")
        return "the CSOCs of \(item.carvedOutBy.joined(separator: ", ")) cover only "
            + (carved.isEmpty ? "no layer it spans (say which components the organization runs)" : "its \(carved)")
            + (remaining.isEmpty ? "" : "; \(remaining) stay with the organization")
    }

    /// Carve-out: at least one CSOC and one in-scope monitoring control (on CC9.2 for SOC 2, on a
    /// vendor-monitoring objective for SOC 1). Inclusive: the organization's own controls are in scope.
    static func subserviceChecks(workspace: Workspace, controls: [Control], engagement: Engagement?) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let vendorObjectives = Set(workspace.objectives.filter { $0.area == "vendor-monitoring" }.map(\.id))
        for organization in workspace.subservice {
            let reports = organization.reports.filter { engagement?.scope($0).isIssued ?? true }
            guard !reports.isEmpty else { continue }
            switch organization.method {
            case .carveOut:
                if organization.components.isEmpty {
                    found.append(
                        Diagnostic(
                            .warning, "carve-out-no-components",
                            "\(organization.name) is carved out but does not say which components it runs: its CSOCs cover nothing",
                            hint:
                                "list the layers it runs in the subservice file's components column (facilities; hardware; network; hypervisor; …)",
                            subject: organization.name))
                }
                if !workspace.csocs.contains(where: { $0.subservice == organization.name }) {
                    found.append(
                        Diagnostic(
                            .error, "carve-out-no-csoc",
                            "\(organization.name) is carved out but no CSOC says what it is assumed to do",
                            hint: "list its complementary controls in csocs.csv", subject: organization.name))
                }
                let monitors = controls.filter { $0.monitors.contains(organization.name) }
                if monitors.isEmpty {
                    found.append(
                        Diagnostic(
                            .error, "carve-out-unmonitored",
                            "\(organization.name) is carved out but no in-scope control monitors it",
                            hint:
                                "add a control (e.g. an annual review of its SOC report) with monitors = \(organization.name)",
                            subject: organization.name))
                    continue
                }
                if reports.contains(.soc2) && !monitors.contains(where: { $0.criteria.contains("CC9.2") }) {
                    found.append(
                        Diagnostic(
                            .error, "monitoring-not-mapped",
                            "no control monitoring \(organization.name) is mapped to CC9.2 (vendor and partner risk)",
                            hint: "map \(monitors.map(\.id.rawValue).joined(separator: ", ")) to CC9.2",
                            subject: organization.name))
                }
                if reports.contains(.soc1)
                    && !monitors.contains(where: { $0.objectives.contains(where: vendorObjectives.contains) })
                {
                    found.append(
                        Diagnostic(
                            .error, "monitoring-not-mapped",
                            "no control monitoring \(organization.name) is mapped to a vendor-monitoring SOC 1 objective",
                            hint: vendorObjectives.isEmpty
                                ? "add an ITGC objective with area vendor-monitoring and map the monitoring control to it"
                                : "map \(monitors.map(\.id.rawValue).joined(separator: ", ")) to \(vendorObjectives.sorted().map(\.rawValue).joined(separator: ", "))",
                            subject: organization.name))
                }
            case .inclusive:
                if !controls.contains(where: { $0.performedBy == organization.name }) {
                    found.append(
                        Diagnostic(
                            .error, "inclusive-no-controls",
                            "\(organization.name) is included, but none of its controls are in scope",
                            hint:
                                "import its controls with performed_by_subservice = \(organization.name) so they are described, tested and estimated",
                            subject: organization.name))
                }
            }
        }
        return found
    }

    /// Customers whose auditors need the SOC 1 report before its report date: the deadline is the
    /// first `report_needed_by` after the customer's first fiscal year end on or after the day the
    /// report speaks of (its period end or as-of date).
    public static func deadlineChecks(customers: [Customer], calendar: EngagementCalendar) -> [Diagnostic] {
        guard let soc1 = calendar.calendar(.soc1), let end = soc1.scope.endDay else { return [] }
        return customers.compactMap { customer in
            guard let neededBy = customer.reportNeededBy else { return nil }
            let yearEnd = Customer.next((customer.fiscalYearEndMonth, customer.fiscalYearEndDay), onOrAfter: end)
            let deadline = Customer.next(neededBy, onOrAfter: yearEnd.adding(days: 1))
            guard soc1.reportDate > deadline else { return nil }
            return Diagnostic(
                .warning, "report-after-deadline",
                "the SOC 1 report dated \(soc1.reportDate) comes after \(customer.name)'s deadline \(deadline) (its auditors need it by \(deadline) for the year ending \(yearEnd))",
                hint: "bring the SOC 1 final fieldwork or report date forward, or agree a later date with the customer",
                subject: customer.name)
        }
    }

    /// A SOC 1 Type 2 shorter than the usual minimum, and the customers the engagement's SOC 1
    /// window leaves uncovered or needing a bridge letter (against the calendar's report date).
    public static func windowChecks(
        workspace: Workspace, engagement: Engagement, parameters: WindowAnalysis.Parameters,
        calendar: EngagementCalendar? = nil
    ) -> [Diagnostic] {
        guard case .type2(let period) = engagement.soc1 else { return [] }
        var found: [Diagnostic] = []
        if period.months < parameters.minPeriodMonths - 0.0001 && period.months >= 2.9999 {
            found.append(
                Diagnostic(
                    .warning, "soc1-short-period",
                    "the SOC 1 Type 2 period \(period) runs \(period.lengthText), under \(WindowAnalysis.months(parameters.minPeriodMonths)): user auditors question a period that short",
                    hint:
                        "lengthen the period to \(WindowAnalysis.months(parameters.minPeriodMonths)) or more; a shorter one is accepted mainly for a first report",
                    subject: engagement.name))
        }
        guard !workspace.customers.isEmpty else { return found }
        var p = parameters
        p.length = Int(period.months.rounded())
        // A short first report cannot overlap a fiscal year by more than its own length.
        p.minOverlap = min(p.minOverlap, p.length)
        let reportDate = calendar?.calendar(.soc1)?.reportDate
        for customer in workspace.customers {
            let fit = WindowAnalysis.fit(
                customer, endMonth: period.end.month, p, periodEnd: period.end, reportDate: reportDate)
            if !fit.covered && fit.afterYearEnd > 0 {
                // Past the year end: usable only when the report reaches the customer's auditors
                // by their deadline for that year.
                if let deadline = fit.deadline, let dated = fit.reportDate, fit.overlap >= p.minOverlap {
                    found.append(
                        Diagnostic(
                            .warning, "report-after-deadline",
                            "the SOC 1 report dated \(dated) comes after \(customer.name)'s deadline \(deadline): the period \(period) covers \(fit.overlap) of the 12 months of its fiscal year ending \(fit.yearEnd.map(\.description) ?? customer.fiscalYearEnd), so its auditors need it by then",
                            hint:
                                "bring the SOC 1 final fieldwork or report date forward, agree a later date with the customer, or end the period at its year end",
                            subject: customer.name))
                    continue
                }
                found.append(
                    Diagnostic(
                        .warning, fit.overlap < p.minOverlap ? "window-uncovered" : "window-no-deadline",
                        "the SOC 1 period \(period) ends \(fit.afterYearEnd) month(s) after \(customer.name)'s year end \(customer.fiscalYearEnd) and covers \(fit.overlap) of its 12 months"
                            + (fit.overlap < p.minOverlap
                                ? ": too few" : ", but nothing says when its auditors need the report"),
                        hint: fit.overlap < p.minOverlap
                            ? "the window analysis finds the end month that covers most customers"
                            : "give the customer's report_needed_by (MM-DD) so the report date can be checked against it",
                        subject: customer.name))
            } else if !fit.covered {
                found.append(
                    Diagnostic(
                        .warning, "window-uncovered",
                        "the SOC 1 period \(period) does not serve \(customer.name) (year end \(customer.fiscalYearEnd)): "
                            + "\(fit.gap) months to its year end, \(fit.overlap) of its 12 months covered",
                        hint: "the window analysis finds the end month that covers most customers",
                        subject: customer.name)
                )
            } else if fit.bridgeMonths > 0 {
                found.append(
                    Diagnostic(
                        .note, "bridge-letter",
                        "\(customer.name) needs a bridge letter for \(fit.bridgeMonths) month(s)",
                        hint: "management's bridge letter covers the gap from \(period.end) to the customer's year end",
                        subject: customer.name))
            }
        }
        return found
    }
}
