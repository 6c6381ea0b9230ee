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
                    Diagnostic(
                        .error, "gap-criterion", "no control addresses \(gap.id) (\(gap.title)) in \(engagement.name)",
                        hint: "map a control to it, add one, or carve it out to a subservice organization with a CSOC",
                        subject: gap.id))
            }
            for gap in overlap.uncoveredObjectives {
                found.append(
                    Diagnostic(
                        .error, "gap-objective", "no control addresses SOC 1 objective \(gap.id) in \(engagement.name)",
                        hint:
                            "map a control to it (mapping suggestions may find one), or take it out of the engagement's SOC 1 scope",
                        subject: gap.id))
            }
            let ids = Set(overlap.inScopeControls)
            inScope = workspace.controls.filter { ids.contains($0.id) }
            found += plan.diagnostics
            found += windowChecks(workspace: workspace, engagement: engagement, parameters: window)
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

    /// Customers the engagement's SOC 1 window leaves uncovered or needing a bridge letter.
    public static func windowChecks(workspace: Workspace, engagement: Engagement, parameters: WindowAnalysis.Parameters)
        -> [Diagnostic]
    {
        guard case .type2(let period) = engagement.soc1, !workspace.customers.isEmpty else { return [] }
        var p = parameters
        p.length = Int(period.months.rounded())
        // A short first report cannot overlap a fiscal year by more than its own length.
        p.minOverlap = min(p.minOverlap, p.length)
        var found: [Diagnostic] = []
        for customer in workspace.customers {
            let fit = WindowAnalysis.fit(customer, endMonth: period.end.month, p)
            if !fit.covered {
                found.append(
                    Diagnostic(
                        .warning, "window-uncovered",
                        "the SOC 1 period \(period) does not serve \(customer.name) (year end \(customer.fiscalYearEnd)): "
                            + "\(fit.gap) months to its year end, \(fit.overlap) months of overlap",
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
