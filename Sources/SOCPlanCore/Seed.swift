import Foundation

/// A public cloud that `init --cloud` seeds as a carved-out subservice organization.
public enum CloudProvider: String, SpelledEnum {
    case aws, azure, gcp
    /// The catalog's provider under its own name, "Public cloud provider".
    case generic

    public static let valueName = "cloud provider"
    public static var allowedHint: String { "aws, azure, gcp or generic" }
    public static var aliases: [String: CloudProvider] {
        ["amazon": .aws, "amazonwebservices": .aws, "microsoftazure": .azure, "google": .gcp, "googlecloud": .gcp]
    }

    /// The name the workspace gives the subservice organization; nil keeps the catalog's.
    public var organizationName: String? {
        switch self {
        case .aws: return "Amazon Web Services"
        case .azure: return "Microsoft Azure"
        case .gcp: return "Google Cloud"
        case .generic: return nil
        }
    }
}

/// What `init` asks the catalog for: nothing beyond objectives and evidence unless asked.
public struct SeedRequest: Sendable, Hashable {
    /// The profile whose business-process objectives and evidence (and, with starter controls,
    /// controls and CUECs) are added to the ITGC ones.
    public var profile: String?
    /// Add the starter controls (ids prefixed `Catalog.starterPrefix`) and the profile's CUECs.
    public var starterControls: Bool
    /// Add this public cloud, carved out, with its CSOCs.
    public var cloud: CloudProvider?

    public init(profile: String?, starterControls: Bool = false, cloud: CloudProvider? = nil) {
        self.profile = profile
        self.starterControls = starterControls
        self.cloud = cloud
    }
}

extension Catalog {
    /// The prefix of every starter control's id in a workspace (`STARTER-AC-01`): a user's own
    /// `AC-01` is a different control, never merged into the starter one.
    public static let starterPrefix = "STARTER-"

    /// The seed inventory for a new workspace, as asked: always the ITGC objectives and the
    /// common evidence (plus the profile's); starter controls and CUECs only with
    /// `starterControls`; a carved-out cloud provider and its CSOCs only with `cloud`.
    public func seed(_ request: SeedRequest) -> InventoryChanges {
        let key = request.profile ?? ""
        var seed = InventoryChanges(
            objectives: itgcObjectives + (profileObjectives[key] ?? []),
            evidence: commonEvidence + (profileEvidence[key] ?? []))
        if request.starterControls {
            seed.controls = (commonControls + (profileControls[key] ?? [])).map { control in
                var starter = control
                starter.id = ControlID(Self.starterPrefix + control.id.rawValue)
                return starter
            }
            seed.cuecs = profileCUECs[key] ?? []
        }
        if let cloud = request.cloud {
            let rename: (String) -> String = { name in cloud.organizationName ?? name }
            seed.subservice = subservice.map { organization in
                var renamed = organization
                renamed.name = rename(organization.name)
                return renamed
            }
            seed.csocs = csocs.map { csoc in
                var renamed = csoc
                renamed.subservice = rename(csoc.subservice)
                if let name = cloud.organizationName {
                    renamed.text = csoc.text.replacingOccurrences(of: "The public cloud provider", with: name)
                        .replacingOccurrences(of: "the public cloud provider", with: name)
                }
                return renamed
            }
        }
        return seed
    }
}
