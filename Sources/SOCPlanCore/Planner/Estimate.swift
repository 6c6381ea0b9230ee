/// Auditor and client hours of one way of running the audit (one report alone, or joint).
public struct Effort: Sendable, Hashable, Codable {
    /// Auditor hours by phase.
    public var planning = 0.0
    public var walkthroughs = 0.0
    public var testing = 0.0
    public var reporting = 0.0
    /// Auditor hours by where they are spent: "SOC 1 only controls", "shared controls", "SOC 1 report", …
    public var byReport: [String: Double] = [:]
    public var clientHours = 0.0
    public var controls = 0
    public var testItems = 0
    public var populations = 0
    public var documents = 0
    /// Requests of the de-duplicated evidence list (`socplan requests`).
    public var requests = 0

    public var total: Double { planning + walkthroughs + testing + reporting }

    public init() {}
}

/// Hours for SOC 1 alone, SOC 2 alone, both separately, and the joint engagement.
public struct Estimate: Sendable, Hashable {
    public var engagement: Engagement
    public var soc1Alone: Effort?
    public var soc2Alone: Effort?
    public var joint: Effort

    /// Both audits run separately (or the one issued report alone).
    public var separateHours: Double { (soc1Alone?.total ?? 0) + (soc2Alone?.total ?? 0) }
    public var separateClientHours: Double { (soc1Alone?.clientHours ?? 0) + (soc2Alone?.clientHours ?? 0) }
    public var savedHours: Double { separateHours - joint.total }
    public var savedPercent: Double { separateHours == 0 ? 0 : savedHours / separateHours * 100 }
    /// 2 × joint ÷ (SOC 1 alone + SOC 2 alone): 1.0 would be one audit's cost, 2.0 two. Needs both reports.
    public var auditEquivalents: Double? {
        guard soc1Alone != nil, soc2Alone != nil, separateHours > 0 else { return nil }
        return 2 * joint.total / separateHours
    }
    /// Joint ÷ the larger single audit.
    public var jointOverLarger: Double? {
        let larger = max(soc1Alone?.total ?? 0, soc2Alone?.total ?? 0)
        return larger == 0 ? nil : joint.total / larger
    }
}

/// The effort model's arithmetic (formulas in the README). Pure.
public enum Estimator {
    /// Hours of one plan row, as planned (a shared control once, for both reports).
    ///
    /// base = walkthrough + test, where test = 0 for a walkthrough only; test of one for an
    /// automated Type 2; else set-up + items × hours per item (re-performance, else inspection,
    /// else observation) + inquiry. A shared control adds the shared-documentation percentage but
    /// never costs more than the two reports testing it separately. Auditor hours add the review
    /// overhead. Client hours: walkthrough + test of one or items × hours per item.
    public static func cost(of row: PlanRow, model: EffortModel) -> (
        auditor: Double, client: Double, walkthrough: Double, test: Double
    ) {
        let walkthrough = model[.walkthroughHours]
        let test = testHours(row, items: row.combined, model: model)
        var factor = 1.0
        if row.isShared {
            // Each report on its own: a walkthrough, and its own test unless it only walks through.
            let separately = [row.soc1, row.soc2].reduce(0.0) { sum, decision in
                guard let decision, decision.basis != .walkthrough else { return sum + walkthrough }
                return sum + walkthrough + testHours(row, items: decision.items, model: model)
            }
            let jointly = (walkthrough + test) * (1 + model[.sharedDocumentationPercent] / 100)
            factor = walkthrough + test == 0 ? 1 : min(jointly, separately) / (walkthrough + test)
        }
        let review = 1 + model[.reviewOverheadPercent] / 100
        var client = model[.clientWalkthroughHours]
        if row.isTestOfOne {
            client += model[.clientTestOfOneHours]
        } else if row.isTested {
            client += Double(row.combined) * model[.clientSampleItemHours]
        }
        return ((walkthrough + test) * factor * review, client, walkthrough * factor * review, test * factor * review)
    }

    /// Auditor hours that aligning the two windows would save: the extra items at the row's rate.
    public static func alignmentHours(_ plan: AuditPlan, model: EffortModel) -> Double {
        let review = 1 + model[.reviewOverheadPercent] / 100
        return plan.rows.reduce(0) { sum, row in
            guard row.alignmentSaving > 0 else { return sum }
            let rate = testHours(row, items: 1, model: model) - testHours(row, items: 0, model: model)
            return sum + Double(row.alignmentSaving) * rate * review
        }
    }

    private static func testHours(_ row: PlanRow, items: Int, model: EffortModel) -> Double {
        guard row.isTested else { return 0 }
        if row.isTestOfOne { return model[.testOfOneHours] }
        let perItem: Double
        if row.methods.contains(.reperformance) {
            perItem = model[.reperformanceHoursPerItem]
        } else if row.methods.contains(.inspection) {
            perItem = model[.inspectionHoursPerItem]
        } else {
            perItem = model[.observationHoursPerItem]
        }
        let inquiry = row.methods.contains(.inquiry) ? model[.inquiryHours] : 0
        return model[.testSetupHours] + Double(items) * perItem + inquiry
    }

    /// The effort of a whole plan: phases, client hours and counts.
    ///
    /// planning = engagement fixed hours; walkthroughs and testing = the rows' hours (testing adds
    /// a completeness-and-accuracy check per population, with review overhead); reporting = the
    /// fixed hours of each issued report by type. Client hours = walkthroughs and tests of one,
    /// plus answering the evidence requests (`RequestList.clientHours`).
    public static func effort(of plan: AuditPlan, workspace: Workspace, model: EffortModel) -> Effort {
        var effort = Effort()
        let review = 1 + model[.reviewOverheadPercent] / 100
        effort.planning = model[.engagementFixedHours]
        for row in plan.rows {
            let cost = cost(of: row, model: model)
            effort.walkthroughs += cost.walkthrough
            effort.testing += cost.test
            effort.clientHours += model[.clientWalkthroughHours] + (row.isTestOfOne ? model[.clientTestOfOneHours] : 0)
            effort.testItems += row.combined
            let bucket =
                row.isShared
                ? "shared controls" : row.reports == [.soc1] ? "SOC 1 only controls" : "SOC 2 only controls"
            effort.byReport[bucket, default: 0] += cost.auditor
        }
        effort.controls = plan.rows.count
        effort.populations = plan.populations.count
        let populationHours = Double(plan.populations.count) * model[.populationCheckHours] * review
        effort.testing += populationHours
        effort.byReport["population checks", default: 0] += populationHours
        let kinds = Dictionary(workspace.evidence.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        effort.documents =
            Set(plan.rows.flatMap(\.control.evidence).filter { kinds[$0] != nil && kinds[$0] != .population }).count
        if let fieldwork = RequestSchedule.defaultFieldwork(plan.engagement) {
            let requests = RequestList(
                plan: plan, workspace: workspace, schedule: RequestSchedule(fieldwork: fieldwork))
            effort.requests = requests.requests.count
            effort.clientHours += requests.clientHours(model)
        }
        for report in plan.engagement.reports {
            let hours =
                plan.engagement.scope(report).period == nil
                ? model[.reportFixedHoursType1] : model[.reportFixedHoursType2]
            effort.reporting += hours
            effort.byReport["\(report.title) report", default: 0] += hours
        }
        effort.byReport["engagement planning"] = effort.planning
        return effort
    }

    /// Joint against separate: plans the engagement three ways (joint, SOC 1 alone, SOC 2 alone).
    public static func estimate(
        workspace: Workspace, engagement: Engagement, criteria: [Criterion], table: SampleTable, model: EffortModel
    ) -> Estimate {
        func effort(_ variant: Engagement) -> Effort {
            let plan = Planner.plan(
                workspace: workspace, engagement: variant, criteria: criteria, table: table, model: model)
            return Self.effort(of: plan, workspace: workspace, model: model)
        }
        return Estimate(
            engagement: engagement, soc1Alone: engagement.soc1.isIssued ? effort(engagement.alone(.soc1)) : nil,
            soc2Alone: engagement.soc2.isIssued ? effort(engagement.alone(.soc2)) : nil, joint: effort(engagement))
    }
}
