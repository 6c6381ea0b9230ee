/// Rows to write into the workspace in one transaction, produced by a validated import.
public struct InventoryChanges: Sendable, Hashable {
    /// Rows to insert or update, whole.
    public var objectives: [Objective]
    public var evidence: [EvidenceItem]
    public var controls: [Control]
    public var engagements: [Engagement]
    public var cuecs: [CUEC] = []
    public var subservice: [SubserviceOrganization] = []
    public var csocs: [CSOC] = []
    public var customers: [Customer] = []
    /// Ids to delete (an import with `--replace` removes what the files no longer hold).
    public var removedObjectives: [ObjectiveID]
    public var removedEvidence: [EvidenceID]
    public var removedControls: [ControlID]
    public var removedEngagements: [String]
    public var removedCUECs: [String] = []
    public var removedSubservice: [String] = []
    public var removedCSOCs: [String] = []
    public var removedCustomers: [String] = []

    public init(
        objectives: [Objective] = [], evidence: [EvidenceItem] = [], controls: [Control] = [],
        engagements: [Engagement] = [], removedObjectives: [ObjectiveID] = [], removedEvidence: [EvidenceID] = [],
        removedControls: [ControlID] = [], removedEngagements: [String] = []
    ) {
        self.objectives = objectives
        self.evidence = evidence
        self.controls = controls
        self.removedObjectives = removedObjectives
        self.removedEvidence = removedEvidence
        self.removedControls = removedControls
        self.engagements = engagements
        self.removedEngagements = removedEngagements
    }

    public var isEmpty: Bool {
        objectives.isEmpty && evidence.isEmpty && controls.isEmpty && removedObjectives.isEmpty
            && removedEvidence.isEmpty && removedControls.isEmpty
            && engagements.isEmpty && removedEngagements.isEmpty && cuecs.isEmpty && subservice.isEmpty && csocs.isEmpty
            && customers.isEmpty && removedCUECs.isEmpty && removedSubservice.isEmpty && removedCSOCs.isEmpty
            && removedCustomers.isEmpty
    }
}

extension InventoryChanges {
    /// Every row of a workspace, to write it whole into a new file.
    public init(workspace: Workspace) {
        self.init(
            objectives: workspace.objectives, evidence: workspace.evidence, controls: workspace.controls,
            engagements: workspace.engagements)
        cuecs = workspace.cuecs
        subservice = workspace.subservice
        csocs = workspace.csocs
        customers = workspace.customers
    }
}

extension Workspace {
    /// The workspace with the changes applied, as the store would hold it: rows upserted by id,
    /// removed ids gone, every list in id order. Pure: for previews, tests and the bundled sample.
    public func applying(_ changes: InventoryChanges) -> Workspace {
        var copy = self
        for table in Tables.all { copy.apply(table, changes) }
        let gone = Set(changes.removedEngagements).union(changes.engagements.map(\.id))
        copy.engagements = (engagements.filter { !gone.contains($0.id) } + changes.engagements).sorted {
            $0.name < $1.name
        }
        return copy
    }

    private mutating func apply<T: AnyTableSpec>(_ table: T, _ changes: InventoryChanges) {
        let spec = table.spec
        let upserts = changes[keyPath: spec.changed]
        let gone = Set(changes[keyPath: spec.removed]).union(upserts.map(\.id))
        self[keyPath: spec.rows] = (self[keyPath: spec.rows].filter { !gone.contains($0.id) } + upserts).sorted(
            by: spec.order)
    }
}

/// Where an import hands over rows it has decided while it goes on deciding the rest, so that a
/// store can write them meanwhile (in the same transaction: on an error nothing is kept).
///
/// What is sent is the start of the changes the import ends with: `begin` for a table comes with
/// the final changes of every table before it in `Tables.all`, and the rows `write` sends for it
/// are, in order, the first of its final changed rows, all of them new (`count` in all), or all
/// of them, when the final changes hold none of that table's rows (an import that lets rows go
/// once sent).
///
/// A sender that does not know yet how many rows come gives a `count` of at least
/// `RowSinkCount.enough`: a sink decides alike for any count from there on.
public protocol RowSink: Sendable {
    func begin<T: AnyTableSpec>(_ table: T, count: Int, after earlier: InventoryChanges)
    func write<T: AnyTableSpec>(_ table: T, _ rows: [T.Row])
}

/// See `RowSink`.
public enum RowSinkCount {
    /// A count of rows that a sink treats as it would any larger one.
    public static let enough = 5_000
}
