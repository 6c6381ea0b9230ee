import SOCPlanCore
import Testing

// Calibration of the effort model (docs/calibration.md): the NNLS solver on problems worked out by
// hand, and fits of the real planning pass to actuals generated from known rates.

private let criteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC7.2", category: .security, group: "CC7", cosoPrinciple: nil, title: "Anomaly monitoring"),
]

@Suite("NNLS (Lawson–Hanson)")
struct NNLSTests {
    @Test("an exact system with a positive solution is solved exactly")
    func exact() throws {
        // Given x = (2, 3): rows (1,0), (0,1), (1,1) give 2, 3, 5.
        let x = try #require(NNLS.solve([[1, 0], [0, 1], [1, 1]], [2, 3, 5]))
        #expect(abs(x[0] - 2) < 1e-9 && abs(x[1] - 3) < 1e-9)
    }

    @Test("a variable the unconstrained fit makes negative is held at 0")
    func clamps() throws {
        // Unconstrained: x1 + x2 = 1 and x1 − x2 = 3 give (2, −1). With x ≥ 0: x2 = 0 and x1 minimises
        // (x1 − 1)² + (x1 − 3)², so x1 = 2.
        let x = try #require(NNLS.solve([[1, 1], [1, -1]], [1, 3]))
        #expect(abs(x[0] - 2) < 1e-9)
        #expect(x[1] == 0)
    }

    @Test("an overdetermined noisy system gets the least-squares answer")
    func leastSquares() throws {
        // y = 3x over x = 1, 2, 3 with y = 3.1, 5.9, 9.05: slope = Σxy ÷ Σx² = 42.05 ÷ 14.
        let x = try #require(NNLS.solve([[1], [2], [3]], [3.1, 5.9, 9.05]))
        #expect(abs(x[0] - 42.05 / 14) < 1e-9)
    }

    @Test("all-negative targets give the zero vector; shapes that disagree give nil")
    func edges() throws {
        #expect(NNLS.solve([[1, 0], [0, 1]], [-1, -2]) == [0, 0])
        #expect(NNLS.solve([[1, 0], [0, 1]], [1]) == nil)
    }

    @Test("rank counts independent columns")
    func rank() {
        #expect(NNLS.rank([[1, 2], [2, 4], [3, 6]]) == 1)
        #expect(NNLS.rank([[1, 0], [0, 1], [1, 1]]) == 2)
    }
}

/// The built-in model with every rate moved to a different value: what a firm's real rates might be.
private func firmRates() -> EffortModel {
    var model = HandTypedDefaults.effortModel
    for (index, parameter) in EffortModel.Parameter.allCases.filter(\.isRate).enumerated() {
        model.values[parameter] = model[parameter] * (0.7 + 0.1 * Double(index % 7))
    }
    return model
}

/// Past engagements of varied shapes: both reports, SOC 1 or SOC 2 alone, Type 1, short periods.
private func engagements() -> [(CalibrationCase.Counts, ReportType, ReportType, Int)] {
    [
        (.init(shared: 30, soc1Only: 20, soc2Only: 15, automated: 6, reperformed: 8, observed: 3), .type2, .type2, 12),
        (.init(shared: 12, soc1Only: 25, automated: 10, reperformed: 12), .type2, .none, 12),
        (.init(shared: 40, soc2Only: 30, observed: 10), .none, .type2, 12),
        (.init(shared: 20, soc1Only: 10, soc2Only: 10, automated: 2), .type1, .type1, 12),
        (.init(shared: 25, soc1Only: 5, soc2Only: 20, automated: 4, reperformed: 2, observed: 6), .type2, .type2, 6),
        (.init(shared: 8, soc1Only: 40, soc2Only: 2, automated: 15, reperformed: 20), .type2, .type1, 9),
        (.init(shared: 50, soc2Only: 45, automated: 1, observed: 20), .type1, .type2, 12),
        (.init(shared: 15, soc1Only: 15, soc2Only: 15, automated: 3, reperformed: 4, observed: 4), .type2, .type2, 3),
    ]
}

/// Runs the planning pass with `model` on each engagement and records its hours as the actuals.
private func cases(from model: EffortModel, byPhase: Bool = true, noise: [Double] = []) -> [CalibrationCase] {
    engagements().enumerated().map { index, shape in
        let (counts, soc1, soc2, months) = shape
        let start = Day(year: 2025, month: 1, day: 1)!
        let end = start.adding(months: months).adding(days: -1)
        func scope(_ type: ReportType) -> ReportScope {
            type == .type2 ? .type2(Period(start: start, end: end)) : type == .type1 ? .type1(asOf: end) : .none
        }
        let workspace = CalibrationCase.synthetic(counts)
        let engagement = Engagement(name: "past-\(index + 1)", soc1: scope(soc1), soc2: scope(soc2))
        let effort = EngagementPlan.make(
            PlanInputs(
                workspace: workspace, engagement: engagement, criteria: criteria, table: HandTypedDefaults.sampleTable,
                model: model)
        ).estimate.joint
        let factor = 1 + (index < noise.count ? noise[index] : 0)
        let actual: ActualHours =
            byPhase
            ? .phases(
                planning: effort.planning * factor,
                fieldwork: (effort.total - effort.planning - effort.reporting) * factor,
                reporting: effort.reporting * factor)
            : .total(effort.total * factor)
        return CalibrationCase(name: engagement.name, workspace: workspace, engagement: engagement, actual: actual)
    }
}

/// One fit of the built-in model to actuals by phase from `firmRates()`, shared by the tests that read it.
private let exactFit = Calibration.fit(
    cases(from: firmRates()), start: HandTypedDefaults.effortModel, criteria: criteria,
    table: HandTypedDefaults.sampleTable, mode: .rates)

@Suite("Calibration of the effort model")
struct CalibrationTests {
    @Test("rates that generated the actuals are recovered within 1%, and the fitted hours match")
    func recovers() {
        // Given actual hours by phase produced by a firm's rates (every rate 70–130% of the built-in one)
        let truth = firmRates()
        // When the built-in model is fitted to them
        let fit = exactFit
        // Then every rate the actuals determine is the firm's, within 1%
        let determined = fit.rates.filter(\.determined)
        #expect(determined.contains { $0.parameter == .walkthroughHours })
        #expect(determined.contains { $0.parameter == .inspectionHoursPerItem })
        #expect(determined.contains { $0.parameter == .testOfOneHours })
        #expect(determined.contains { $0.parameter == .engagementFixedHours })
        // (one quality review per report makes its column the sum of the Type 1 and Type 2 drafting columns:
        // those three are fixed only in combination, and the fit says so)
        #expect(fit.rates.contains { $0.parameter == .qualityReviewHours && !$0.determined })
        for rate in determined {
            #expect(
                abs(rate.fitted - truth[rate.parameter]) <= 0.01 * truth[rate.parameter],
                "\(rate.parameter.rawValue): fitted \(rate.fitted), true \(truth[rate.parameter])")
        }
        // And each engagement's hours are reproduced within 1%
        for engagement in fit.engagements {
            #expect(abs(engagement.errorPercent) < 1, "\(engagement.name): \(engagement.errorPercent)%")
        }
        // And the percentages were left alone
        #expect(fit.model[.reviewOverheadPercent] == HandTypedDefaults.effortModel[.reviewOverheadPercent])
    }

    @Test("rates that always occur together are fitted as a sum, each staying in its starting proportion")
    func together() {
        // Every tested control has an inquiry and a set-up: the actuals fix only their sum.
        let truth = firmRates()
        let fit = exactFit
        let inquiry = fit.rates.first { $0.parameter == .inquiryHours }
        let setup = fit.rates.first { $0.parameter == .testSetupHours }
        #expect(inquiry?.determined == false && setup?.determined == false)
        let sum = (inquiry?.fitted ?? 0) + (setup?.fitted ?? 0)
        let trueSum = truth[.inquiryHours] + truth[.testSetupHours]
        #expect(abs(sum - trueSum) <= 0.01 * trueSum)
    }

    @Test("rates no engagement uses keep their starting value; client rates are never touched")
    func unused() {
        let fit = exactFit
        let client = fit.rates.first { $0.parameter == .clientSampleItemHours }
        #expect(client?.unused == true)
        #expect(fit.model[.clientSampleItemHours] == HandTypedDefaults.effortModel[.clientSampleItemHours])
    }

    @Test("noisy actuals are fitted with an error the fit reports per engagement")
    func noisy() {
        // Given actual totals 15% over and under what the rates give, alternately
        let noise = [0.15, -0.15, 0.15, -0.15, 0.15, -0.15, 0.15, -0.15]
        let fit = Calibration.fit(
            cases(from: firmRates(), byPhase: false, noise: noise), start: HandTypedDefaults.effortModel,
            criteria: criteria, table: HandTypedDefaults.sampleTable)
        // Then the fit cannot match them all, and says by how much it misses each
        #expect(fit.rmsErrorPercent > 3)
        #expect(fit.engagements.contains { abs($0.errorPercent) > 3 })
        for engagement in fit.engagements {
            let expected = (engagement.fittedTotal - engagement.actual.total) / engagement.actual.total * 100
            #expect(abs(engagement.errorPercent - expected) < 1e-9)
        }
    }

    @Test("few engagements fit one factor per phase: the starting proportions kept, the level fitted")
    func phases() throws {
        // Given two engagements whose hours are those of a model (every reporting component set) with every
        // rate × 0.6
        var start = HandTypedDefaults.effortModel
        start.values[.descriptionReviewHoursPerObjective] = 1
        start.values[.descriptionReviewHoursPerCriterion] = 0.3
        start.values[.qualityReviewHours] = 8
        start.values[.subserviceReviewHours] = 3
        var cheaper = start
        for parameter in EffortModel.Parameter.allCases where parameter.isRate {
            cheaper.values[parameter] = cheaper[parameter] * 0.6
        }
        let few = Array(cases(from: cheaper).prefix(2))
        // When they are fitted without choosing a mode
        let fit = Calibration.fit(few, start: start, criteria: criteria, table: HandTypedDefaults.sampleTable)
        // Then the fit scales the phases (6 figures cannot pin 11 rates) and finds the 0.6
        #expect(fit.mode == .phases)
        for rate in fit.rates where !rate.unused {
            #expect(abs(rate.fitted - rate.start * 0.6) <= 0.01 * rate.start * 0.6, "\(rate.parameter.rawValue)")
        }
        #expect(fit.engagements.allSatisfy { abs($0.errorPercent) < 1 })
    }

    @Test("only hours-per-activity parameters are rates")
    func rates() {
        #expect(EffortModel.Parameter.walkthroughHours.isRate)
        #expect(!EffortModel.Parameter.reviewOverheadPercent.isRate)
        #expect(!EffortModel.Parameter.fieldworkStaffPercent.isRate)
    }
}

@Suite("The auditor's risk per control")
struct AuditorRiskTests {
    @Test("an engagement's assessment, not the client's label, picks the sample size; the plan row says so")
    func assessment() throws {
        // Given a monthly control the client labels lower risk (2 items a year, 5 when higher)
        let control = Control(
            id: "PAY-3", title: "Payroll register review", frequency: .monthly, nature: .manual, risk: .low,
            objectives: ["BP-SYN"], testMethods: [.inspection])
        let workspace = Workspace(
            info: WorkspaceInfo(organization: "Acme", profile: nil),
            objectives: [Objective(id: "BP-SYN", title: "Payroll", domain: .business)], controls: [control])
        let year = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)
        var engagement = Engagement(name: "fy2026", soc1: .type2(year))
        func row() throws -> PlanRow {
            try #require(
                Planner.plan(
                    workspace: workspace, engagement: engagement, criteria: criteria,
                    table: HandTypedDefaults.sampleTable, model: HandTypedDefaults.effortModel
                ).rows.first)
        }
        #expect(try row().soc1?.items == 2)
        #expect(engagement.auditorRisk(of: control) == .low)
        // When the auditor assesses it higher (prior-year deviations)
        engagement.riskAssessments["PAY-3"] = RiskAssessment(
            control: "PAY-3", risk: .high, factors: [.priorDeviations, .manual], note: "two exceptions in 2025")
        // Then the sample is the higher-risk size and the row explains why
        #expect(engagement.auditorRisk(of: control) == .high)
        #expect(try row().soc1?.items == 5)
        #expect(
            try row().notes.contains(
                "auditor's risk higher (client: lower): prior-deviations, manual; two exceptions in 2025"))
        // And an assessment equal to the client's label adds no note
        engagement.riskAssessments["PAY-3"] = RiskAssessment(control: "PAY-3", risk: .low)
        #expect(try row().notes.allSatisfy { !$0.contains("auditor's risk") })
    }

    @Test("factors parse loosely and repeat once")
    func factors() {
        #expect(RiskAssessment.Factor(spelling: "Prior year deviations") == .priorDeviations)
        #expect(RiskAssessment.Factor(spelling: "Management Override") == .managementOverride)
        #expect(RiskAssessment.Factor(spelling: "change in the period") == .change)
        #expect(RiskAssessment(control: "A", risk: .high, factors: [.change, .change]).factors == [.change])
    }
}
