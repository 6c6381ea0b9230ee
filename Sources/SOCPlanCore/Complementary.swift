/// Which reports something applies to, read loosely: "SOC 1", "soc2", "both", "SOC 1; SOC 2".
extension ReportKind {
    public static func parseList(_ text: String) -> [ReportKind]? {
        var found: Set<ReportKind> = []
        for part in Spelling.listItems(text) {
            switch Spelling.key(part) {
            case "soc1", "1", "soc1only": found.insert(.soc1)
            case "soc2", "2", "soc2only": found.insert(.soc2)
            case "both", "soc1soc2", "all": found.formUnion([.soc1, .soc2])
            default: return nil
            }
        }
        return found.sorted()
    }

    /// "SOC 1", "SOC 2" or "both".
    public static func label(_ reports: [ReportKind]) -> String {
        reports.count == 2 ? "both" : reports.first?.title ?? ""
    }
}

/// A complementary user entity control: what the service organization assumed each customer does.
///
/// A user auditor tests it at the customer, so it must name who, what, when and the evidence.
public struct CUEC: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var text: String
    /// Who at the customer performs it ("the customer's payroll administrator").
    public var actor: String
    /// The concrete action ("reviews and approves the payroll register").
    public var action: String
    /// Frequency or trigger ("before funding each payroll cycle").
    public var timing: String
    /// What it leaves behind ("the signed register").
    public var evidence: String
    public var objectives: [ObjectiveID]
    public var criteria: [CriterionID]
    public var reports: [ReportKind]
    /// The control design relies on it (a CUEC proper) rather than merely recommending it.
    public var assumedInDesign: Bool

    public init(
        id: String, text: String, actor: String = "", action: String = "", timing: String = "", evidence: String = "",
        objectives: [ObjectiveID] = [], criteria: [CriterionID] = [], reports: [ReportKind] = [.soc1, .soc2],
        assumedInDesign: Bool = true
    ) {
        self.id = id
        self.text = text
        self.actor = actor
        self.action = action
        self.timing = timing
        self.evidence = evidence
        self.objectives = objectives
        self.criteria = criteria
        self.reports = reports
        self.assumedInDesign = assumedInDesign
    }
}

/// How a report treats a subservice organization's controls.
public enum SubserviceMethod: String, SpelledEnum {
    /// Excluded from the report; the controls assumed at the vendor are listed as CSOCs.
    case carveOut = "carve-out"
    /// Described and tested in the same report.
    case inclusive
    public static let valueName = "method"
    public static let aliases: [String: SubserviceMethod] = [
        "carved": .carveOut, "carvedout": .carveOut, "exclusive": .carveOut,
    ]
}

/// A layer of the system that someone runs: the part of an objective or criterion a carved-out
/// subservice organization can take over (facilities, hardware, hypervisor, …) or that stays
/// with the organization (its applications, endpoints, people and processes).
public enum Component: String, SpelledEnum {
    case facilities, hardware, network, hypervisor
    case operatingSystem = "operating-system"
    case storage
    case managedDatabase = "managed-database"
    case platform, application, endpoints
    /// The organization's own people, policies and processes: never a subservice organization's.
    case organization

    public static let valueName = "component"
    public static let aliases: [String: Component] = [
        "datacenter": .facilities, "datacentre": .facilities, "datacenters": .facilities, "facility": .facilities,
        "physical": .facilities, "colocation": .facilities, "servers": .hardware, "hosts": .hardware,
        "physicalhosts": .hardware, "networking": .network, "networkinfrastructure": .network,
        "virtualization": .hypervisor, "virtualisation": .hypervisor, "os": .operatingSystem,
        "database": .managedDatabase, "manageddb": .managedDatabase, "dbaas": .managedDatabase, "rds": .managedDatabase,
        "paas": .platform, "app": .application, "applications": .application, "saas": .application,
        "laptops": .endpoints, "workstations": .endpoints, "endpoint": .endpoints, "people": .organization,
        "processes": .organization,
    ]
}

/// A vendor whose controls are needed, with the organization's own, to meet the objectives and criteria.
public struct SubserviceOrganization: Sendable, Hashable, Codable, Identifiable {
    public var name: String
    public var services: String
    public var method: SubserviceMethod
    public var reports: [ReportKind]
    /// The layers it runs (its facilities, hardware, hypervisors, managed services): all a CSOC of
    /// it can cover. Empty: not said, so its CSOCs cover nothing.
    public var components: [Component]

    public var id: String { name }

    public init(
        name: String, services: String = "", method: SubserviceMethod = .carveOut,
        reports: [ReportKind] = [.soc1, .soc2], components: [Component] = []
    ) {
        self.name = name
        self.services = services
        self.method = method
        self.reports = reports
        self.components = components
    }
}

/// A complementary subservice organization control: a control the report assumes a carved-out vendor operates.
public struct CSOC: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// The subservice organization's name.
    public var subservice: String
    public var text: String
    public var objectives: [ObjectiveID]
    public var criteria: [CriterionID]
    /// The layers of its subservice organization it is about; empty: all that organization runs.
    public var components: [Component]

    public init(
        id: String, subservice: String, text: String, objectives: [ObjectiveID] = [], criteria: [CriterionID] = [],
        components: [Component] = []
    ) {
        self.id = id
        self.subservice = subservice
        self.text = text
        self.objectives = objectives
        self.criteria = criteria
        self.components = components
    }
}

/// Which layers each objective or criterion spans (Catalogs/carve-out-layers.csv): what a CSOC can
/// take over and what stays with the organization.
///
/// A row applies to a criterion id ("CC6.4"), a TSC group ("CC6"), an objective id, an objective
/// area ("physical-access") or everything ("*"); the most specific row wins. Without any row an
/// item spans every layer, the organization's own included, so a CSOC never covers all of it.
public struct CarveOutLayers: Sendable, Hashable {
    public var rules: [String: [Component]]

    public init(rules: [String: [Component]] = [:]) { self.rules = rules }

    /// The layers of a criterion (`group` is its TSC group) or objective (`group` is its area).
    public func layers(id: String, group: String) -> [Component] {
        for key in [id, group, "*"] {
            if let found = rules[Spelling.key(key)] { return found }
        }
        return Component.allCases
    }

    /// Adds or replaces the row for `key`.
    public mutating func set(_ key: String, _ layers: [Component]) { rules[Spelling.key(key)] = layers }
}

/// A user entity whose financial auditor reads the SOC 1: its fiscal year end decides the window.
public struct Customer: Sendable, Hashable, Codable, Identifiable {
    public var name: String
    /// Month (1–12) and day of the fiscal year end.
    public var fiscalYearEndMonth: Int
    public var fiscalYearEndDay: Int
    /// Revenue, or 1: how much this customer counts when choosing the window.
    public var weight: Double
    /// Month and day, each year after its fiscal year end, by which its auditor needs the SOC 1 report.
    public var reportNeededBy: (month: Int, day: Int)? {
        get { neededBy.map { ($0 / 100, $0 % 100) } }
        set { neededBy = newValue.map { $0.month * 100 + $0.day } }
    }
    private var neededBy: Int?

    public var id: String { name }

    public init(
        name: String, fiscalYearEndMonth: Int, fiscalYearEndDay: Int, weight: Double = 1,
        reportNeededBy: (month: Int, day: Int)? = nil
    ) {
        self.name = name
        self.fiscalYearEndMonth = fiscalYearEndMonth
        self.fiscalYearEndDay = fiscalYearEndDay
        self.weight = weight
        self.neededBy = reportNeededBy.map { $0.month * 100 + $0.day }
    }

    /// The first day on or after `day` that is the month and day `monthDay` (29 February is the
    /// 28th in other years).
    public static func next(_ monthDay: (month: Int, day: Int), onOrAfter day: Day) -> Day {
        for year in day.year...(day.year + 1) {
            let candidate =
                Day(
                    year: year, month: monthDay.month,
                    day: min(monthDay.day, Day.daysIn(year: year, month: monthDay.month)))
                ?? day
            if candidate >= day { return candidate }
        }
        return day
    }

    /// "12-31".
    public var fiscalYearEnd: String {
        (fiscalYearEndMonth < 10 ? "0" : "") + "\(fiscalYearEndMonth)-" + (fiscalYearEndDay < 10 ? "0" : "")
            + "\(fiscalYearEndDay)"
    }
}
