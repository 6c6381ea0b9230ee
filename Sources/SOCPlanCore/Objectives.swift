/// Whether a SOC 1 objective is an IT general control objective or a business-process one.
public enum ObjectiveDomain: String, SpelledEnum {
    case itgc
    case business
    public static let valueName = "domain"
    public static let aliases: [String: ObjectiveDomain] = [
        "itgeneralcontrols": .itgc, "itgeneralcontrol": .itgc, "it": .itgc,
        "businessprocess": .business, "process": .business,
    ]
}

/// A financial statement assertion a SOC 1 objective supports at the user entity.
public enum Assertion: String, SpelledEnum {
    case completeness = "C"
    case occurrence = "O"
    case accuracy = "A"
    case cutoff = "CO"
    case rights = "R"
    case presentation = "P"

    public static let valueName = "assertion"
    public static let allowedHint =
        "C (completeness), O (occurrence), A (accuracy), CO (cut-off), R (rights), P (presentation)"
    public static let aliases: [String: Assertion] = [
        "completeness": .completeness, "occurrence": .occurrence, "existence": .occurrence,
        "occurrenceexistence": .occurrence, "accuracy": .accuracy, "valuation": .accuracy,
        "accuracyvaluation": .accuracy, "cutoff": .cutoff, "rights": .rights,
        "rightsandobligations": .rights, "presentation": .presentation,
        "presentationanddisclosure": .presentation,
    ]
}

/// A SOC 1 control objective, written by management ("Controls provide reasonable assurance that …").
public struct Objective: Sendable, Hashable, Codable, Identifiable {
    public var id: ObjectiveID
    public var title: String
    public var domain: ObjectiveDomain
    /// For ITGC objectives the crosswalk area ("logical-access"); for business ones usually "business-processing".
    public var area: String
    public var assertions: [Assertion]

    public init(
        id: ObjectiveID, title: String, domain: ObjectiveDomain, area: String = "", assertions: [Assertion] = []
    ) {
        self.id = id
        self.title = title
        self.domain = domain
        self.area = area
        self.assertions = assertions
    }
}
