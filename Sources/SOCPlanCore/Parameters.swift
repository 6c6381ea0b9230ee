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

    /// The band an event-driven population of `size` falls into.
    public func band(for size: Int) -> Band? {
        bands.first { size >= $0.minimum && size <= ($0.maximum ?? Int.max) } ?? bands.last
    }
}

/// The effort model (domain.md §7): every number the estimate uses, by parameter name.
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
    }

    /// The activities whose hours the role shares split.
    public enum Activity: String, Sendable, CaseIterable {
        case planning, fieldwork, reporting
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
    public static let defaultProfile = "mid-tier"

    public var values: [Parameter: Double]

    public init(values: [Parameter: Double]) { self.values = values }

    public subscript(_ parameter: Parameter) -> Double { values[parameter] ?? 0 }
}
