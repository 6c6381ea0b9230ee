import SOCPlanCore

/// The built-in parameters, typed in by hand so the core tests need no catalog loader.
///
/// Shared by SamplingTests, EstimateTests and RequestTests, which work their examples out from these numbers.
enum HandTypedDefaults {
    /// Catalogs/sample-sizes.csv: occurrences a year, lower-risk and higher-risk sizes.
    static let sampleTable = SampleTable(
        frequencies: [
            .annual: .init(occurrencesPerYear: 1, lowerRisk: 1, higherRisk: 1),
            .semiannual: .init(occurrencesPerYear: 2, lowerRisk: 1, higherRisk: 2),
            .quarterly: .init(occurrencesPerYear: 4, lowerRisk: 2, higherRisk: 2),
            .monthly: .init(occurrencesPerYear: 12, lowerRisk: 2, higherRisk: 5),
            .weekly: .init(occurrencesPerYear: 52, lowerRisk: 5, higherRisk: 15),
            .daily: .init(occurrencesPerYear: 250, lowerRisk: 25, higherRisk: 40),
            .recurring: .init(occurrencesPerYear: 1000, lowerRisk: 25, higherRisk: 60),
        ],
        automatedLowerRisk: 1, automatedHigherRisk: 1,
        bands: [
            .init(minimum: 1, maximum: 5, lowerRisk: .all, higherRisk: .all),
            .init(minimum: 6, maximum: 12, lowerRisk: .items(2), higherRisk: .items(5)),
            .init(minimum: 13, maximum: 50, lowerRisk: .items(10), higherRisk: .items(10)),
            .init(minimum: 51, maximum: 250, lowerRisk: .items(25), higherRisk: .items(25)),
            .init(minimum: 251, maximum: nil, lowerRisk: .items(25), higherRisk: .items(40)),
        ])

    /// Catalogs/effort-model.csv.
    static let effortModel = EffortModel(values: [
        .walkthroughHours: 1.5,
        .inquiryHours: 0.375,
        .observationHoursPerItem: 0.75,
        .inspectionHoursPerItem: 0.35,
        .reperformanceHoursPerItem: 1.0,
        .testSetupHours: 1.0,
        .testOfOneHours: 3.0,
        .populationCheckHours: 0.75,
        .reviewOverheadPercent: 30,
        .sharedDocumentationPercent: 10,
        .engagementFixedHours: 24,
        .reportFixedHoursType1: 24,
        .reportFixedHoursType2: 40,
        .clientWalkthroughHours: 0.75,
        .clientTestOfOneHours: 1.5,
        .clientPopulationRequestHours: 1.0,
        .clientSampleItemHours: 0.25,
        .clientDocumentHours: 0.5,
        .planningStaffPercent: 15, .planningSeniorPercent: 35, .planningManagerPercent: 35,
        .planningPartnerPercent: 15,
        .fieldworkStaffPercent: 60, .fieldworkSeniorPercent: 28, .fieldworkManagerPercent: 10,
        .fieldworkPartnerPercent: 2,
        .reportingStaffPercent: 10, .reportingSeniorPercent: 35, .reportingManagerPercent: 40,
        .reportingPartnerPercent: 15,
    ])
}

extension Estimator {
    /// The estimate stage of one planning pass: joint against each report alone.
    static func estimate(
        workspace: Workspace, engagement: Engagement, criteria: [Criterion], table: SampleTable, model: EffortModel
    ) -> Estimate {
        EngagementPlan.make(
            PlanInputs(workspace: workspace, engagement: engagement, criteria: criteria, table: table, model: model)
        ).estimate
    }
}
