/// A sample size from the table: a number of items, or the whole population.
public enum SampleSize: Sendable, Hashable, Codable {
    case items(Int)
    case all

    /// The items to test out of `population` occurrences.
    public func resolve(population: Int) -> Int {
        switch self {
        case .items(let n): return n
        case .all: return population
        }
    }
}

/// The Type 2 sample-size table (domain.md §5), configurable per workspace or per run.
public struct SampleTable: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// How often a control of this frequency occurs in a year, for the window cap.
        public var occurrencesPerYear: Double
        public var lowerRisk: Int
        public var higherRisk: Int

        public init(occurrencesPerYear: Double, lowerRisk: Int, higherRisk: Int) {
            self.occurrencesPerYear = occurrencesPerYear
            self.lowerRisk = lowerRisk
            self.higherRisk = higherRisk
        }
    }

    /// An event-driven band: occurrences in the window from `minimum` to `maximum` (nil: no limit).
    public struct Band: Sendable, Hashable {
        public var minimum: Int
        public var maximum: Int?
        public var lowerRisk: SampleSize
        public var higherRisk: SampleSize

        public init(minimum: Int, maximum: Int?, lowerRisk: SampleSize, higherRisk: SampleSize) {
            self.minimum = minimum
            self.maximum = maximum
            self.lowerRisk = lowerRisk
            self.higherRisk = higherRisk
        }
    }

    /// One entry per periodic frequency (every frequency but event-driven).
    public var frequencies: [Frequency: Entry]
    /// Automated (application) controls: the test of one.
    public var automatedLowerRisk: Int
    public var automatedHigherRisk: Int
    /// Event-driven bands, ascending and contiguous from 1, the last open-ended.
    public var bands: [Band]

    public init(frequencies: [Frequency: Entry], automatedLowerRisk: Int, automatedHigherRisk: Int, bands: [Band]) {
        self.frequencies = frequencies
        self.automatedLowerRisk = automatedLowerRisk
        self.automatedHigherRisk = automatedHigherRisk
        self.bands = bands
    }

    /// The frequency a periodic control is sized as when it occurred only `occurrences` times a year:
    /// nil while that is at least half the frequency's occurrences a year; else the most frequent row
    /// whose occurrences a year do not exceed them (annual when none).
    public func rebucket(_ frequency: Frequency, occurrences: Int) -> Frequency? {
        guard let nominal = frequencies[frequency]?.occurrencesPerYear, Double(occurrences) < nominal / 2 else {
            return nil
        }
        let fitting = frequencies.filter { $0.value.occurrencesPerYear <= Double(max(occurrences, 1)) }
        return fitting.max { $0.value.occurrencesPerYear < $1.value.occurrencesPerYear }?.key ?? .annual
    }

    /// The band an event-driven population of `size` falls into.
    public func band(for size: Int) -> Band? {
        bands.first { size >= $0.minimum && size <= ($0.maximum ?? Int.max) } ?? bands.last
    }
}

/// The effort model (domain.md §7): every number the estimate uses, by parameter name, for one
/// profile of firm (boutique, mid-tier, Big Four), with the low and high end of each parameter's range.
public struct EffortModel: Sendable, Hashable {
    /// The parameters a model must define, with their meaning, in file order.
    public enum Parameter: String, CaseIterable, Sendable {
        case walkthroughHours = "walkthrough_hours"
        case inquiryHours = "inquiry_hours"
        case observationHoursPerItem = "observation_hours_per_item"
        case inspectionHoursPerItem = "inspection_hours_per_item"
        case reperformanceHoursPerItem = "reperformance_hours_per_item"
        case testSetupHours = "test_setup_hours"
        case testOfOneHours = "test_of_one_hours"
        case populationCheckHours = "population_check_hours"
        case reviewOverheadPercent = "review_overhead_percent"
        case sharedDocumentationPercent = "shared_documentation_percent"
        case engagementFixedHours = "engagement_fixed_hours"
        case reportFixedHoursType1 = "report_fixed_hours_type1"
        case reportFixedHoursType2 = "report_fixed_hours_type2"
        case descriptionReviewHoursPerObjective = "description_review_hours_per_objective"
        case descriptionReviewHoursPerCriterion = "description_review_hours_per_criterion"
        case qualityReviewHours = "quality_review_hours"
        case subserviceReviewHours = "subservice_review_hours"
        case projectManagementPercent = "project_management_percent"
        case contingencyPercent = "contingency_percent"
        case clientWalkthroughHours = "client_walkthrough_hours"
        case clientTestOfOneHours = "client_test_of_one_hours"
        case clientPopulationRequestHours = "client_population_request_hours"
        case clientSampleItemHours = "client_sample_item_hours"
        case clientDocumentHours = "client_document_hours"
        case planningStaffPercent = "planning_staff_percent"
        case planningSeniorPercent = "planning_senior_percent"
        case planningManagerPercent = "planning_manager_percent"
        case planningPartnerPercent = "planning_partner_percent"
        case fieldworkStaffPercent = "fieldwork_staff_percent"
        case fieldworkSeniorPercent = "fieldwork_senior_percent"
        case fieldworkManagerPercent = "fieldwork_manager_percent"
        case fieldworkPartnerPercent = "fieldwork_partner_percent"
        case reportingStaffPercent = "reporting_staff_percent"
        case reportingSeniorPercent = "reporting_senior_percent"
        case reportingManagerPercent = "reporting_manager_percent"
        case reportingPartnerPercent = "reporting_partner_percent"
        case rateStaff = "rate_staff"
        case rateSenior = "rate_senior"
        case rateManager = "rate_manager"
        case ratePartner = "rate_partner"
    }

    /// The activities whose hours the role shares split.
    public enum Activity: String, Sendable, CaseIterable {
        case planning, fieldwork, reporting
    }

    /// The end of the parameters' ranges an estimate is computed at.
    public enum Level: String, Sendable, CaseIterable {
        case low, base, high
    }

    /// The profile's name ("mid-tier"); "custom" for a file without profiles.
    public var name: String
    /// The base values.
    public var values: [Parameter: Double]
    /// The low and high ends of each parameter's range (the base value where none is given).
    public var low: [Parameter: Double]
    public var high: [Parameter: Double]

    public init(
        values: [Parameter: Double], name: String = "custom", low: [Parameter: Double]? = nil,
        high: [Parameter: Double]? = nil
    ) {
        self.name = name
        self.values = values
        self.low = low ?? values
        self.high = high ?? values
    }

    public subscript(_ parameter: Parameter) -> Double { values[parameter] ?? 0 }

    /// The model with every parameter at one end of its range (role shares and rates stay at base).
    public func at(_ level: Level) -> EffortModel {
        let chosen: [Parameter: Double]
        switch level {
        case .base: return self
        case .low: chosen = low
        case .high: chosen = high
        }
        var values = self.values
        for (parameter, value) in chosen where !parameter.isShareOrRate { values[parameter] = value }
        return EffortModel(values: values, name: name, low: low, high: high)
    }

    /// The role-share parameter of `role` in `activity`.
    public static func shareParameter(_ role: Role, _ activity: Activity) -> Parameter? {
        Parameter(rawValue: "\(activity.rawValue)_\(role.rawValue)_percent")
    }

    /// The percentage of `activity`'s hours that `role` works.
    public func share(of role: Role, in activity: Activity) -> Double {
        Self.shareParameter(role, activity).map { self[$0] } ?? 0
    }

    /// The named profiles an engagement can choose (`Engagement.effortProfile`), cheapest first;
    /// `defaultProfile` when it chooses none.
    public static let profiles = ["boutique", "mid-tier", "big-four"]
    public static let defaultProfile = EffortProfiles.defaultName

    /// The hourly rate of `role`.
    public func rate(_ role: Role) -> Double {
        Parameter(rawValue: "rate_\(role.rawValue)").map { self[$0] } ?? 0
    }
}

extension EffortModel.Parameter {
    /// A role share or an hourly rate: how hours are split and priced, not how many there are.
    public var isShareOrRate: Bool { rawValue.hasPrefix("rate_") || rawValue.contains("_percent") && isRoleShare }

    /// A role's share of an activity's hours.
    public var isRoleShare: Bool {
        EffortModel.Activity.allCases.contains { activity in
            Role.allCases.contains { EffortModel.shareParameter($0, activity) == self }
        }
    }
}

/// The named effort models of one file: the built-in profiles, or a firm's own.
public struct EffortProfiles: Sendable, Hashable {
    /// The profile used when an engagement names none.
    public static let defaultName = "mid-tier"

    /// In file order.
    public var models: [EffortModel]

    public init(models: [EffortModel]) { self.models = models }

    public var names: [String] { models.map(\.name) }

    /// The profile `name`, or with nil the default profile (the first when the file has no `mid-tier`).
    public func model(named name: String?) -> EffortModel? {
        guard let name else { return models.first { $0.name == Self.defaultName } ?? models.first }
        return models.first { $0.name == name }
    }
}
