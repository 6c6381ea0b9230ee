import SOCPlanCore

/// The sample that ships inside the binary: Acme Payroll's control matrix, as a compliance
/// lead keeps it in a spreadsheet (loose headers and spellings, CRLF, a byte-order mark).
public enum BundledSample {
    public static let organization = "Acme Payroll"
    public static let profile = "payroll"
    public static let controlsPath = "sample/acme-payroll-controls.csv"

    public static let customersPath = "sample/acme-payroll-customers.csv"
    public static let cuecsPath = "sample/acme-payroll-cuecs.csv"

    public static var controls: InputFile { file(controlsPath) }
    /// The organization's customers with their fiscal year ends and revenue, for the window.
    public static var customers: InputFile { file(customersPath) }
    /// The controls Acme assumes its customers operate (CUECs).
    public static var cuecs: InputFile { file(cuecsPath) }
    /// What the sample asks `init` for: the payroll objectives and evidence, and its public cloud
    /// carved out (`init --profile payroll --cloud generic`); no starter controls.
    public static let seed = SeedRequest(profile: profile, starterControls: false, cloud: .generic)

    /// The calendar-2026 Type 2 engagement for both reports that the demo and the examples use.
    public static let engagement = Engagement(
        name: "fy2026", soc1: .type2(year2026), soc2: .type2(year2026),
        categories: [.security, .availability, .confidentiality])

    static let year2026 = Period(
        start: Day(year: 2026, month: 1, day: 1) ?? Day(ordinal: 20454),
        end: Day(year: 2026, month: 12, day: 31) ?? Day(ordinal: 20818))

    /// The sample as values: the payroll seed without starter controls, the spreadsheet, the
    /// customers and the CUECs imported, and the engagement. Also returns the import's outcome (counts, diagnostics).
    public static func workspace(catalog: Catalog) -> (workspace: Workspace, outcome: ImportOutcome) {
        let seeded = Workspace(info: WorkspaceInfo(organization: organization, profile: profile))
            .applying(catalog.seed(seed))
        let outcome = InventoryImporter.prepare(
            files: [controls, customers, cuecs], options: .init(), workspace: seeded, catalog: catalog)
        var changes = outcome.changes
        changes.engagements = [engagement]
        return (seeded.applying(changes), outcome)
    }

    static func file(_ path: String) -> InputFile {
        InputFile(name: path, bytes: Array((EmbeddedFiles.catalogs[path] ?? "").utf8))
    }
}
