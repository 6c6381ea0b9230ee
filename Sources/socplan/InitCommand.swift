import ArgumentParser
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

extension CloudProvider: ExpressibleByArgument {
    public init?(argument: String) { self.init(spelling: argument) }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Create a workspace with the catalogs and SOC 1 objectives; starter controls and a cloud only when asked.",
        discussion: """
            The workspace gets the 61 Trust Services Criteria, the IT general control objectives and
            common evidence items and, with --profile, that kind of service organization's
            business-process objectives and evidence. Nothing else unless asked: --starter-controls
            adds the starter controls (ids prefixed STARTER-, so your own AC-01 stays yours) and the
            profile's CUECs; --cloud adds a public cloud provider, carved out, with its CSOCs. The
            last line says what was seeded. Profiles: `socplan catalog profiles`.

            Example:
              socplan init --org "Acme Payroll" --profile payroll --cloud aws   # then import your matrix
              socplan init --org "Acme Payroll" --profile payroll --starter-controls
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The service organization's name.")
    var org: String

    @Option(help: "Seed profile: payroll, claims, fund-admin, custody, loan-servicing or revenue-saas.")
    var profile: String?

    @Flag(
        inversion: .prefixedNo,
        help:
            "Add the starter controls (ids STARTER-…) and the profile's CUECs. Default: none, to import your own matrix."
    )
    var starterControls = false

    @Option(
        help: ArgumentHelp(
            "Add this public cloud as a carved-out subservice organization with its CSOCs: aws, azure, gcp or generic.",
            valueName: "provider"))
    var cloud: CloudProvider?

    @Flag(help: "Replace an existing workspace at the same path.")
    var force = false

    func run() throws {
        let catalog = try Catalogs.load()
        if let profile, catalog.profile(profile) == nil {
            throw CLIError(
                message: "unknown profile \"\(profile)\"",
                hint: "choose one of: \(catalog.profiles.map(\.id).joined(separator: ", "))")
        }
        let request = SeedRequest(profile: profile, starterControls: starterControls, cloud: cloud)
        let seed = catalog.seed(request)
        _ = try Store.create(
            at: workspace.path, info: WorkspaceInfo(organization: org, profile: profile), criteria: catalog.criteria,
            seed: seed, force: force)
        Console.write(Self.summary(path: workspace.path, org: org, request: request, seed: seed, catalog: catalog))
    }

    /// What `init` seeded, in one line, with the flags that would seed what it did not.
    static func summary(path: String, org: String, request: SeedRequest, seed: InventoryChanges, catalog: Catalog)
        -> String
    {
        var parts = [
            "\(catalog.criteria.count) criteria",
            Console.plural(seed.objectives.count, "objective") + " and "
                + Console.plural(seed.evidence.count, "evidence item")
                + " (ITGC\(request.profile.map { " and \($0)" } ?? ""))",
        ]
        if request.starterControls {
            parts.append(
                Console.plural(seed.controls.count, "starter control") + " (ids \(Catalog.starterPrefix)…) and "
                    + Console.plural(seed.cuecs.count, "CUEC"))
        } else {
            parts.append("no controls (import your matrix, or --starter-controls)")
        }
        if let organization = seed.subservice.first {
            parts.append("\(organization.name) carved out with \(Console.plural(seed.csocs.count, "CSOC"))")
        } else {
            parts.append("no subservice organization (--cloud aws|azure|gcp)")
        }
        return "Created \(path) for \(org): " + parts.joined(separator: "; ") + ".\n"
    }
}
