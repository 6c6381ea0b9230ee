import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace with the catalogs, SOC 1 objectives and starter controls.",
        discussion: """
            The workspace gets the 61 Trust Services Criteria, the IT general control objectives and,
            with --profile, that kind of service organization's business-process objectives, starter
            controls and evidence. Profiles: `socplan catalog profiles`.

            Example:
              socplan init --org "Acme Payroll" --profile payroll
              socplan init --org "Acme Payroll" --profile payroll --no-starter-controls   # bring your own matrix
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The service organization's name.")
    var org: String

    @Option(help: "Seed profile: payroll, claims, fund-admin, custody, loan-servicing or revenue-saas.")
    var profile: String?

    @Flag(help: "Seed objectives and evidence only, no starter controls (to import your own control matrix).")
    var noStarterControls = false

    @Flag(help: "Replace an existing workspace at the same path.")
    var force = false

    func run() throws {
        let catalog = try Catalogs.load()
        if let profile, catalog.profile(profile) == nil {
            throw CLIError(
                message: "unknown profile \"\(profile)\"",
                hint: "choose one of: \(catalog.profiles.map(\.id).joined(separator: ", "))")
        }
        let seed = catalog.seed(profile: profile, includeControls: !noStarterControls)
        _ = try Store.create(
            at: workspace.path, info: WorkspaceInfo(organization: org, profile: profile), criteria: catalog.criteria,
            seed: seed, force: force)
        Console.write(
            "Created \(workspace.path) for \(org): \(catalog.criteria.count) criteria, "
                + "\(Console.plural(seed.objectives.count, "objective")), "
                + "\(Console.plural(seed.controls.count, "control")), "
                + "\(Console.plural(seed.evidence.count, "evidence item")), \(Console.plural(seed.cuecs.count, "CUEC")), "
                + "\(Console.plural(seed.subservice.count, "subservice organization")) with \(Console.plural(seed.csocs.count, "CSOC")).\n"
        )
    }
}
