import PropertyBased
import SOCPlanCore
import Testing

// MARK: - Fixture: a small joint inventory whose overlap is worked out by hand

/// A handful of real TSC 2017 criteria: four security (CC), one availability, one privacy.
private let criteria: [Criterion] = [
    Criterion(id: "CC6.1", category: .security, group: "CC6", cosoPrinciple: nil, title: "Logical access security"),
    Criterion(id: "CC6.2", category: .security, group: "CC6", cosoPrinciple: nil, title: "User registration"),
    Criterion(id: "CC7.2", category: .security, group: "CC7", cosoPrinciple: nil, title: "Anomaly monitoring"),
    Criterion(id: "CC8.1", category: .security, group: "CC8", cosoPrinciple: nil, title: "Change management"),
    Criterion(id: "A1.2", category: .availability, group: "A1", cosoPrinciple: nil, title: "Backup and recovery"),
    Criterion(
        id: "P4.3", category: .privacy, group: "P4", cosoPrinciple: nil, title: "Disposal of personal information"),
]

/// SOC 1 objectives in natural id order, as a workspace snapshot holds them.
private let objectives: [Objective] = [
    Objective(id: "BP-1", title: "Payroll calculated accurately", domain: .business, area: "business-processing"),
    Objective(id: "BP-2", title: "Tax filings timely", domain: .business, area: "business-processing"),
    Objective(id: "ITGC-01", title: "Logical access", domain: .itgc, area: "logical-access"),
    Objective(id: "ITGC-03", title: "Change management", domain: .itgc, area: "change-management"),
    Objective(id: "ITGC-07", title: "Backup and recovery", domain: .itgc, area: "backup-recovery"),
]

private func control(
    _ id: String, key: Bool, objectives: [ObjectiveID] = [], criteria: [CriterionID] = []
) -> Control {
    Control(
        id: ControlID(id), title: "Control \(id)", frequency: .quarterly, nature: .manual, key: key,
        objectives: objectives, criteria: criteria)
}

/// The inventory, with the class each control must get in the joint engagement below
/// (SOC 1 on every objective; SOC 2 on security + availability, privacy NOT chosen):
///
/// | control | key | objectives | criteria     | class        | why                                         |
/// |---------|-----|------------|--------------|--------------|---------------------------------------------|
/// | AC-1    | yes | ITGC-01    | CC6.1, CC6.2 | shared       | in-scope objective and criteria             |
/// | AC-2    | yes | ITGC-01    | CC6.1        | shared       |                                             |
/// | AC-3    | no  | ITGC-01    | CC6.1        | shared       |                                             |
/// | BK-1    | no  | –          | A1.2         | soc2_only    | availability is chosen                      |
/// | BK-2    | no  | ITGC-07    | A1.2         | shared       |                                             |
/// | CM-1    | yes | ITGC-03    | CC8.1        | shared       |                                             |
/// | PAY-1   | yes | BP-1       | –            | soc1_only    |                                             |
/// | PAY-2   | yes | BP-1       | P4.3         | soc1_only    | P4.3 is privacy, out of scope: SOC 1 only   |
/// | PR-1    | yes | –          | P4.3         | out_of_scope | mapped, but only to an out-of-scope one     |
/// | SEC-1   | yes | –          | CC6.2        | soc2_only    |                                             |
/// | UN-1    | no  | –          | –            | unmapped     |                                             |
private let inventory: [Control] = [
    control("AC-1", key: true, objectives: ["ITGC-01"], criteria: ["CC6.1", "CC6.2"]),
    control("AC-2", key: true, objectives: ["ITGC-01"], criteria: ["CC6.1"]),
    control("AC-3", key: false, objectives: ["ITGC-01"], criteria: ["CC6.1"]),
    control("BK-1", key: false, criteria: ["A1.2"]),
    control("BK-2", key: false, objectives: ["ITGC-07"], criteria: ["A1.2"]),
    control("CM-1", key: true, objectives: ["ITGC-03"], criteria: ["CC8.1"]),
    control("PAY-1", key: true, objectives: ["BP-1"]),
    control("PAY-2", key: true, objectives: ["BP-1"], criteria: ["P4.3"]),
    control("PR-1", key: true, criteria: ["P4.3"]),
    control("SEC-1", key: true, criteria: ["CC6.2"]),
    control("UN-1", key: false),
]

private let workspace = Workspace(
    info: WorkspaceInfo(organization: "Acme Payroll", profile: "payroll"), objectives: objectives, controls: inventory)

private let year2026 = Period(start: Day(year: 2026, month: 1, day: 1)!, end: Day(year: 2026, month: 12, day: 31)!)

private let joint = Engagement(
    name: "fy2026", soc1: .type2(year2026), soc2: .type2(year2026), categories: [.security, .availability])

/// A GroupBreakdown row as plain values, so expectations can be written as literals.
private struct Breakdown: Equatable, CustomStringConvertible {
    var group: String
    var items: Int
    var covered: Int
    var controls: Int
    var shared: Int
    var single: Int

    init(_ group: String, items: Int, covered: Int, controls: Int, shared: Int, single: Int) {
        self.group = group
        self.items = items
        self.covered = covered
        self.controls = controls
        self.shared = shared
        self.single = single
    }

    init(_ row: GroupBreakdown) {
        self.init(
            row.group, items: row.items, covered: row.covered, controls: row.controls, shared: row.shared,
            single: row.single)
    }

    var description: String { "\(group): \(items)/\(covered) \(controls)c \(shared)s \(single)x" }
}

// MARK: - The hand-worked joint engagement

@Suite("Overlap of a joint SOC 1 + SOC 2 engagement")
struct OverlapTests {
    let overlap = Overlap(workspace: workspace, engagement: joint, criteria: criteria, heavyThreshold: 2)

    @Test("every control lands in the class worked out by hand")
    func classes() {
        // Given the inventory above and the joint engagement without privacy
        // When the overlap is computed
        // Then each class holds exactly the controls of the table, in natural id order
        #expect(overlap.members[.shared] == ["AC-1", "AC-2", "AC-3", "BK-2", "CM-1"])
        #expect(overlap.members[.soc1Only] == ["PAY-1", "PAY-2"])
        #expect(overlap.members[.soc2Only] == ["BK-1", "SEC-1"])
        #expect(overlap.members[.outOfScope] == ["PR-1"])
        #expect(overlap.members[.unmapped] == ["UN-1"])
        #expect(overlap.controlCount == 11)
        #expect(overlap.inScopeControls == ["AC-1", "AC-2", "AC-3", "BK-1", "BK-2", "CM-1", "PAY-1", "PAY-2", "SEC-1"])
    }

    @Test("a control on an in-scope objective and an out-of-scope criterion serves SOC 1 only")
    func inScopeObjectiveOutOfScopeCriterion() {
        // Given PAY-2, mapped to objective BP-1 and to privacy criterion P4.3, privacy not chosen
        // When the overlap is computed
        // Then PAY-2 is SOC 1 only, and P4.3 is not among the criteria reported on
        #expect(overlap.classes["PAY-2"] == .soc1Only)
        #expect(!overlap.criteria.map(\.id).contains("P4.3"))
    }

    @Test("key controls are counted per class")
    func keyCounts() {
        // Given key controls AC-1, AC-2, CM-1 (shared), PAY-1, PAY-2 (SOC 1), SEC-1 (SOC 2), PR-1 (out of scope)
        // When the overlap is computed
        // Then the key counts per class are 3, 2, 1, 1 and none for the unmapped UN-1
        #expect(overlap.keyMembers[.shared] == 3)
        #expect(overlap.keyMembers[.soc1Only] == 2)
        #expect(overlap.keyMembers[.soc2Only] == 1)
        #expect(overlap.keyMembers[.outOfScope] == 1)
        #expect(overlap.keyMembers[.unmapped, default: 0] == 0)
    }

    @Test("gaps are reported on both sides")
    func gaps() {
        // Given CC7.2 (security, in scope) and BP-2 (an objective, in scope) with no control
        // When the overlap is computed
        // Then each is the only gap of its side, and the engagement has gaps
        #expect(overlap.uncoveredCriteria.map(\.id) == ["CC7.2"])
        #expect(overlap.uncoveredObjectives.map(\.id) == ["BP-2"])
        #expect(overlap.hasGaps)
    }

    @Test("criteria coverage: controls, key controls, shared controls and status")
    func criteriaCoverage() {
        // Given a heavy threshold of 2 controls
        // When the overlap is computed
        // Then, in catalog order and without P4.3:
        //   CC6.1: AC-1, AC-2, AC-3 — 3 > 2 so heavy; 2 key; all 3 shared
        //   CC6.2: AC-1, SEC-1 — 2 controls, both key: covered; 1 shared
        //   CC7.2: nothing — uncovered
        //   CC8.1: CM-1 alone — thin (one control)
        //   A1.2: BK-1, BK-2 — two controls but no key control: thin; BK-2 shared
        let rows = overlap.criteria.map { ($0.id, $0.controls.map(\.rawValue), $0.keyControls, $0.shared, $0.status) }
        #expect(rows.map(\.0) == ["CC6.1", "CC6.2", "CC7.2", "CC8.1", "A1.2"])
        #expect(rows.map(\.1) == [["AC-1", "AC-2", "AC-3"], ["AC-1", "SEC-1"], [], ["CM-1"], ["BK-1", "BK-2"]])
        #expect(rows.map(\.2) == [2, 2, 0, 1, 0])
        #expect(rows.map(\.3) == [3, 1, 0, 1, 1])
        #expect(rows.map(\.4) == [.heavy, .covered, .uncovered, .thin, .thin])
    }

    @Test("objective coverage: controls, key controls, shared controls and status")
    func objectiveCoverage() {
        // Given the same threshold of 2
        // When the overlap is computed
        // Then, in workspace order:
        //   BP-1: PAY-1, PAY-2 — both key: covered; none shared (both SOC 1 only)
        //   BP-2: nothing — uncovered
        //   ITGC-01: AC-1, AC-2, AC-3 — heavy; 2 key; 3 shared
        //   ITGC-03: CM-1 — thin
        //   ITGC-07: BK-2 — thin (one control, and not a key one)
        let rows = overlap.objectives.map { ($0.id, $0.controls.count, $0.keyControls, $0.shared, $0.status) }
        #expect(rows.map(\.0) == ["BP-1", "BP-2", "ITGC-01", "ITGC-03", "ITGC-07"])
        #expect(rows.map(\.1) == [2, 0, 3, 1, 1])
        #expect(rows.map(\.2) == [2, 0, 2, 1, 0])
        #expect(rows.map(\.3) == [0, 0, 3, 1, 1])
        #expect(rows.map(\.4) == [.covered, .uncovered, .heavy, .thin, .thin])
        // ITGC objectives are grouped by area, business ones by their own id.
        #expect(
            overlap.objectives.map(\.group) == [
                "BP-1", "BP-2", "logical-access", "change-management", "backup-recovery",
            ])
    }

    @Test("the heavy flag depends on the threshold")
    func heavyThreshold() {
        // Given the default threshold of 8
        let relaxed = Overlap(workspace: workspace, engagement: joint, criteria: criteria)
        // When the overlap is computed
        // Then CC6.1 and ITGC-01, with 3 controls of which 2 key, are merely covered
        #expect(relaxed.criteria.first { $0.id == "CC6.1" }?.status == .covered)
        #expect(relaxed.objectives.first { $0.id == "ITGC-01" }?.status == .covered)
        #expect(!(relaxed.criteria + relaxed.objectives).contains { $0.status == .heavy })
    }

    @Test("breakdown by TSC group")
    func groupBreakdown() {
        // Given the coverage above
        // When it is rolled up by TSC group (first-seen order)
        // Then:
        //   CC6: CC6.1, CC6.2 both covered; controls AC-1..3, SEC-1 = 4; AC-1..3 shared; SEC-1 SOC 2 only
        //   CC7: CC7.2 uncovered, no controls
        //   CC8: CC8.1 covered by CM-1 (shared)
        //   A1:  A1.2 covered by BK-1 (SOC 2 only) and BK-2 (shared)
        #expect(
            overlap.groups.map(Breakdown.init) == [
                Breakdown("CC6", items: 2, covered: 2, controls: 4, shared: 3, single: 1),
                Breakdown("CC7", items: 1, covered: 0, controls: 0, shared: 0, single: 0),
                Breakdown("CC8", items: 1, covered: 1, controls: 1, shared: 1, single: 0),
                Breakdown("A1", items: 1, covered: 1, controls: 2, shared: 1, single: 1),
            ])
    }

    @Test("breakdown by ITGC area and business objective")
    func areaBreakdown() {
        // Given the coverage above
        // When it is rolled up by ITGC area / business objective
        // Then the SOC 1-only column counts PAY-1 and PAY-2 under BP-1, and nothing under the ITGC areas
        #expect(
            overlap.areas.map(Breakdown.init) == [
                Breakdown("BP-1", items: 1, covered: 1, controls: 2, shared: 0, single: 2),
                Breakdown("BP-2", items: 1, covered: 0, controls: 0, shared: 0, single: 0),
                Breakdown("logical-access", items: 1, covered: 1, controls: 3, shared: 3, single: 0),
                Breakdown("change-management", items: 1, covered: 1, controls: 1, shared: 1, single: 0),
                Breakdown("backup-recovery", items: 1, covered: 1, controls: 1, shared: 1, single: 0),
            ])
    }
}

// MARK: - Engagement scoping

extension OverlapTests {
    /// An engagement and the partition it must produce on the fixture inventory.
    struct ScopingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var engagement: Engagement
        var shared: [ControlID]
        var soc1Only: [ControlID]
        var soc2Only: [ControlID]
        var outOfScope: [ControlID]
        var criteria: [String]
        var objectives: [String]

        var testDescription: String { name }
    }

    @Suite("Engagement scope decides the partition")
    struct Scoping {
        static let cases: [ScopingCase] = [
            // SOC 2 not issued: every control with an objective is SOC 1 only; those with criteria only
            // (BK-1, PR-1, SEC-1) are mapped to nothing in scope.
            ScopingCase(
                name: "SOC 2 none",
                engagement: Engagement(name: "soc1", soc1: .type2(year2026), soc2: .none, categories: [.availability]),
                shared: [], soc1Only: ["AC-1", "AC-2", "AC-3", "BK-2", "CM-1", "PAY-1", "PAY-2"], soc2Only: [],
                outOfScope: ["BK-1", "PR-1", "SEC-1"], criteria: [],
                objectives: ["BP-1", "BP-2", "ITGC-01", "ITGC-03", "ITGC-07"]),
            // SOC 1 not issued: the mirror image; PAY-1 (objective only) drops out, PAY-2 keeps nothing in scope.
            ScopingCase(
                name: "SOC 1 none",
                engagement: Engagement(name: "soc2", soc1: .none, soc2: .type2(year2026), categories: [.availability]),
                shared: [], soc1Only: [], soc2Only: ["AC-1", "AC-2", "AC-3", "BK-1", "BK-2", "CM-1", "SEC-1"],
                outOfScope: ["PAY-1", "PAY-2", "PR-1"], criteria: ["CC6.1", "CC6.2", "CC7.2", "CC8.1", "A1.2"],
                objectives: []),
            // Only ITGC-01 and BP-1 scoped: CM-1 (ITGC-03) and BK-2 (ITGC-07) keep only their criteria.
            ScopingCase(
                name: "objective subset",
                engagement: Engagement(
                    name: "subset", soc1: .type2(year2026), soc2: .type2(year2026), categories: [.availability],
                    objectives: ["ITGC-01", "BP-1"]),
                shared: ["AC-1", "AC-2", "AC-3"], soc1Only: ["PAY-1", "PAY-2"],
                soc2Only: ["BK-1", "BK-2", "CM-1", "SEC-1"],
                outOfScope: ["PR-1"], criteria: ["CC6.1", "CC6.2", "CC7.2", "CC8.1", "A1.2"],
                objectives: ["BP-1", "ITGC-01"]),
            // Security only: A1.2 leaves scope, so BK-1 is out of scope and BK-2 is SOC 1 only.
            ScopingCase(
                name: "security only",
                engagement: Engagement(name: "sec", soc1: .type2(year2026), soc2: .type2(year2026)),
                shared: ["AC-1", "AC-2", "AC-3", "CM-1"], soc1Only: ["BK-2", "PAY-1", "PAY-2"], soc2Only: ["SEC-1"],
                outOfScope: ["BK-1", "PR-1"], criteria: ["CC6.1", "CC6.2", "CC7.2", "CC8.1"],
                objectives: ["BP-1", "BP-2", "ITGC-01", "ITGC-03", "ITGC-07"]),
        ]

        @Test("partition and scope", arguments: cases)
        func partition(_ scenario: ScopingCase) {
            // Given the fixture inventory and the engagement
            // When the overlap is computed
            let overlap = Overlap(workspace: workspace, engagement: scenario.engagement, criteria: criteria)
            // Then the classes and the criteria and objectives reported on are those worked out above
            #expect(overlap.members[.shared, default: []] == scenario.shared)
            #expect(overlap.members[.soc1Only, default: []] == scenario.soc1Only)
            #expect(overlap.members[.soc2Only, default: []] == scenario.soc2Only)
            #expect(overlap.members[.outOfScope, default: []] == scenario.outOfScope)
            #expect(overlap.members[.unmapped, default: []] == ["UN-1"])
            #expect(overlap.criteria.map(\.id) == scenario.criteria)
            #expect(overlap.objectives.map(\.id) == scenario.objectives)
        }

        @Test("with SOC 2 not issued no criterion is a gap")
        func noSOC2NoCriterionGap() {
            // Given an engagement issuing only a SOC 1
            let engagement = Engagement(name: "soc1", soc1: .type2(year2026), soc2: .none)
            // When the overlap is computed
            let overlap = Overlap(workspace: workspace, engagement: engagement, criteria: criteria)
            // Then no criterion is reported on or uncovered, only BP-2 is a gap, and there is no TSC breakdown
            #expect(overlap.criteria.isEmpty)
            #expect(overlap.uncoveredCriteria.isEmpty)
            #expect(overlap.uncoveredObjectives.map(\.id) == ["BP-2"])
            #expect(overlap.groups.isEmpty)
        }

        @Test("an objective left out of the subset is no gap")
        func subsetHidesGap() {
            // Given BP-2 (which has no control) left out of the engagement's objectives
            let engagement = Engagement(
                name: "subset", soc1: .type2(year2026), soc2: .none, objectives: ["ITGC-01", "BP-1"])
            // When the overlap is computed
            let overlap = Overlap(workspace: workspace, engagement: engagement, criteria: criteria)
            // Then there is no gap at all
            #expect(!overlap.hasGaps)
        }
    }
}

// MARK: - Properties on generated inventories

/// Criteria for generated inventories: twelve, across all five categories.
private let propertyCriteria: [Criterion] = [
    ("CC1.1", TSCCategory.security, "CC1"), ("CC6.1", .security, "CC6"), ("CC6.2", .security, "CC6"),
    ("CC6.3", .security, "CC6"), ("CC7.2", .security, "CC7"), ("CC8.1", .security, "CC8"),
    ("A1.2", .availability, "A1"), ("A1.3", .availability, "A1"), ("C1.1", .confidentiality, "C1"),
    ("PI1.3", .processingIntegrity, "PI1"), ("P4.3", .privacy, "P4"), ("P6.1", .privacy, "P6"),
].map { Criterion(id: CriterionID($0.0), category: $0.1, group: $0.2, cosoPrinciple: nil, title: $0.0) }

/// Objectives for generated inventories: six ITGC, four business.
private let propertyObjectives: [Objective] = {
    let areas = [
        "logical-access", "physical-access", "change-management", "program-development", "computer-operations",
        "backup-recovery",
    ]
    var all: [Objective] = (1...4).map { number in
        Objective(
            id: ObjectiveID("BP-\(number)"), title: "Business \(number)", domain: .business, area: "business-processing"
        )
    }
    for (offset, area) in areas.enumerated() {
        all.append(Objective(id: ObjectiveID("ITGC-0\(offset + 1)"), title: area, domain: .itgc, area: area))
    }
    return all
}()

/// The members of `all` whose bit is set in `mask`.
private func pick<T>(_ all: [T], _ mask: Int) -> [T] {
    all.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
}

/// A workspace from generated control shapes: (objective mask, criterion mask, key).
private func generatedWorkspace(_ shapes: [(Int, Int, Bool)]) -> Workspace {
    let controls = shapes.enumerated().map { index, shape in
        control(
            "G-\(index)", key: shape.2, objectives: pick(propertyObjectives, shape.0).map(\.id),
            criteria: pick(propertyCriteria, shape.1).map(\.id))
    }
    return Workspace(
        info: WorkspaceInfo(organization: "Generated", profile: nil), objectives: propertyObjectives, controls: controls
    )
}

/// An engagement from generated numbers: report types (0 none, 1 Type 1, 2 Type 2), extra categories, and an
/// objective mask (-1 for every objective).
private func generatedEngagement(_ soc1: Int, _ soc2: Int, _ categories: Int, _ objectiveMask: Int) -> Engagement {
    func scope(_ type: Int) -> ReportScope {
        type == 0 ? .none : type == 1 ? .type1(asOf: year2026.end) : .type2(year2026)
    }
    let extra = pick([TSCCategory.availability, .confidentiality, .processingIntegrity, .privacy], categories)
    return Engagement(
        name: "generated", soc1: scope(soc1), soc2: scope(soc2), categories: Set(extra),
        objectives: objectiveMask < 0 ? nil : pick(propertyObjectives, objectiveMask).map(\.id))
}

private let shapes = zip(Gen.int(in: 0...1023), Gen.int(in: 0...4095), Gen.bool).array(of: 0...25)
private let engagements = zip(Gen.int(in: 0...2), Gen.int(in: 0...2), Gen.int(in: 0...15), Gen.int(in: -1...1023))

extension OverlapTests {
    @Suite("Overlap invariants on generated inventories")
    struct Properties {
        @Test("the five classes partition the inventory")
        func partition() async {
            await propertyCheck(count: 300, input: shapes, engagements) { shapes, numbers in
                // Given a generated inventory and engagement
                let workspace = generatedWorkspace(shapes)
                let engagement = generatedEngagement(numbers.0, numbers.1, numbers.2, numbers.3)
                // When the overlap is computed
                let overlap = Overlap(workspace: workspace, engagement: engagement, criteria: propertyCriteria)
                // Then every control is in exactly one class list, and the lists add up to the inventory
                let listed = ControlClass.allCases.flatMap { overlap.members[$0] ?? [] }
                #expect(listed.count == workspace.controls.count)
                #expect(Set(listed) == Set(workspace.controls.map(\.id)))
                for cls in ControlClass.allCases {
                    for id in overlap.members[cls] ?? [] { #expect(overlap.classes[id] == cls) }
                }
            }
        }

        @Test("a criterion or objective is uncovered exactly when no in-scope control maps to it")
        func uncoveredIffNoControl() async {
            await propertyCheck(count: 300, input: shapes, engagements) { shapes, numbers in
                // Given a generated inventory and engagement, and the scope worked out independently
                let workspace = generatedWorkspace(shapes)
                let engagement = generatedEngagement(numbers.0, numbers.1, numbers.2, numbers.3)
                let scopedCriteria =
                    numbers.1 == 0
                    ? []
                    : propertyCriteria.filter {
                        $0.category == .security || engagement.categories.contains($0.category)
                    }
                let scopedObjectives =
                    numbers.0 == 0 ? [] : numbers.3 < 0 ? propertyObjectives : pick(propertyObjectives, numbers.3)
                // When the overlap is computed
                let overlap = Overlap(workspace: workspace, engagement: engagement, criteria: propertyCriteria)
                // Then it reports on exactly the scoped items, and an item is a gap iff no in-scope control maps to it
                #expect(overlap.criteria.map(\.id) == scopedCriteria.map(\.id.rawValue))
                #expect(overlap.objectives.map(\.id) == scopedObjectives.map(\.id.rawValue))
                let inScope = workspace.controls.filter { overlap.classes[$0.id]?.inScope == true }
                for coverage in overlap.criteria {
                    let mapped = inScope.contains { $0.criteria.contains(CriterionID(coverage.id)) }
                    #expect((coverage.status == .uncovered) == !mapped, "criterion \(coverage.id)")
                }
                for coverage in overlap.objectives {
                    let mapped = inScope.contains { $0.objectives.contains(ObjectiveID(coverage.id)) }
                    #expect((coverage.status == .uncovered) == !mapped, "objective \(coverage.id)")
                }
            }
        }

        @Test("removing one mapping never covers more")
        func removingAMappingNeverHelps() async {
            await propertyCheck(count: 300, input: shapes, engagements, Gen.int(in: 0...10_000)) {
                shapes, numbers, choice in
                // Given a generated inventory with at least one mapping, and one mapping chosen to remove
                let before = generatedWorkspace(shapes)
                let mapped = before.controls.indices.filter {
                    !before.controls[$0].objectives.isEmpty || !before.controls[$0].criteria.isEmpty
                }
                guard !mapped.isEmpty else { return }
                let index = mapped[choice % mapped.count]
                var after = before
                var changed = after.controls[index]
                let mappings = changed.objectives.count + changed.criteria.count
                let position = (choice / mapped.count) % mappings
                if position < changed.objectives.count {
                    changed.objectives.remove(at: position)
                } else {
                    changed.criteria.remove(at: position - changed.objectives.count)
                }
                after.controls[index] = changed
                let engagement = generatedEngagement(numbers.0, numbers.1, numbers.2, numbers.3)
                // When the overlap is computed before and after
                func covered(_ workspace: Workspace) -> Int {
                    let overlap = Overlap(workspace: workspace, engagement: engagement, criteria: propertyCriteria)
                    return (overlap.criteria + overlap.objectives).filter { $0.status != .uncovered }.count
                }
                // Then no more criteria and objectives are covered than before
                #expect(covered(after) <= covered(before))
            }
        }
    }
}

// MARK: - Days and periods

extension OverlapTests {
    @Suite("Days and periods")
    struct DaysAndPeriods {
        @Test(
            "valid dates parse",
            arguments: [
                ("2028-02-29", 2028, 2, 29), ("2000-02-29", 2000, 2, 29), ("2026-12-31", 2026, 12, 31),
                ("2026-01-01", 2026, 1, 1), (" 2026-06-30 ", 2026, 6, 30),
            ])
        func validDates(_ text: String, _ year: Int, _ month: Int, _ day: Int) throws {
            // Given a real calendar date
            // When it is parsed
            let parsed = try #require(Day(text))
            // Then it has the fields written, and prints back without the spaces
            #expect((parsed.year, parsed.month, parsed.day) == (year, month, day))
            #expect(parsed.description == text.trimmingCharacters(in: .whitespaces))
        }

        @Test(
            "invalid dates are refused",
            arguments: [
                "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
                "26-01-01", "2026/01/01", "2026-01", "2026-01-01-01", "", "next friday",
            ])
        func invalidDates(_ text: String) {
            // Given text that is no calendar date (2026 is not a leap year, 1900 neither)
            // When it is parsed
            // Then there is no day
            #expect(Day(text) == nil)
        }

        @Test(
            "period length in months",
            arguments: [
                ("2026-01-01..2026-12-31", 12.0),  // a calendar year
                ("2026-07-01..2027-06-30", 12.0),  // a fiscal year
                ("2026-01-15..2026-04-14", 3.0),  // three months not starting on the 1st
                ("2026-01-01..2027-03-31", 15.0),  // fifteen months
                ("2026-01-01..2026-01-31", 1.0),
                ("2026-01-01..2026-01-15", 0.5),  // 15 days / 30
            ])
        func months(_ text: String, _ expected: Double) throws {
            // Given a period
            let period = try #require(Period(text))
            // When its length is measured
            // Then it is the whole months plus the remaining days over 30
            #expect(abs(period.months - expected) < 0.0001)
        }

        @Test("a period counts its days inclusively")
        func days() throws {
            // Given the calendar years 2026 and 2028 (a leap year)
            // Then they have 365 and 366 days
            #expect(try #require(Period("2026-01-01..2026-12-31")).days == 365)
            #expect(try #require(Period("2028-01-01..2028-12-31")).days == 366)
        }

        @Test(
            "period spellings",
            arguments: [
                "2026-01-01..2026-12-31", "2026-01-01 to 2026-12-31", "2026-01-01 - 2026-12-31",
                "2026-01-01/2026-12-31",
            ])
        func periodSpellings(_ text: String) {
            // Given one period written the ways people write it
            // When it is parsed
            // Then it is the calendar year 2026, printed canonically
            #expect(Period(text) == year2026)
            #expect(Period(text)?.description == "2026-01-01..2026-12-31")
        }

        @Test(
            "malformed periods are refused",
            arguments: ["2026-01-01", "2026-01-01..", "2026-01-01..2026-02-30", "a..b"])
        func invalidPeriods(_ text: String) {
            #expect(Period(text) == nil)
        }

        @Test(
            "intersection of two periods",
            arguments: [
                ("2026-01-01..2026-12-31", "2026-07-01..2027-06-30", "2026-07-01..2026-12-31"),  // overlapping years
                ("2026-01-01..2026-06-30", "2026-06-30..2026-12-31", "2026-06-30..2026-06-30"),  // one shared day
                ("2026-01-01..2026-12-31", "2026-03-01..2026-03-31", "2026-03-01..2026-03-31"),  // contained
                ("2026-01-01..2026-06-30", "2026-07-01..2026-12-31", nil),  // adjacent, nothing shared
            ])
        func intersection(_ a: String, _ b: String, _ expected: String?) throws {
            // Given two periods
            let first = try #require(Period(a))
            let second = try #require(Period(b))
            // When they are intersected (either way round)
            // Then the shared days are the expected period, or none
            #expect(first.intersection(second)?.description == expected)
            #expect(second.intersection(first)?.description == expected)
        }
    }
}

// MARK: - Engagement rules

private func period(_ text: String) -> Period { Period(text)! }

extension OverlapTests {
    /// An engagement and the diagnostics (code, severity) its validation must give.
    struct ValidationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var engagement: Engagement
        var expected: [String]
        /// Words the message must contain, so the person at the terminal knows what is wrong.
        var words: [String]

        var testDescription: String { name }
    }

    @Suite("Engagement validation")
    struct EngagementRules {
        static let cases: [ValidationCase] = [
            ValidationCase(
                name: "reversed period",
                engagement: Engagement(name: "e", soc1: .type2(period("2026-12-31..2026-01-01"))),
                expected: ["error period-reversed"], words: ["SOC 1", "2026-12-31", "2026-01-01"]),
            ValidationCase(
                name: "15 months is too long",
                engagement: Engagement(name: "e", soc2: .type2(period("2026-01-01..2027-03-31"))),
                expected: ["error period-too-long"], words: ["SOC 2", "15 months", "at most 12"]),
            ValidationCase(
                name: "2 months is short",
                engagement: Engagement(name: "e", soc1: .type2(period("2026-01-01..2026-02-28"))),
                expected: ["warning period-short"], words: ["SOC 1", "2 months"]),
            ValidationCase(
                name: "exactly 12 months is fine",
                engagement: Engagement(name: "e", soc1: .type2(year2026), soc2: .type2(year2026)), expected: [],
                words: []),
            ValidationCase(
                name: "exactly 3 months is fine for a SOC 2",
                engagement: Engagement(name: "e", soc2: .type2(period("2026-01-15..2026-04-14"))), expected: [],
                words: []),
            ValidationCase(
                name: "a SOC 1 of 3 months draws questions from user auditors",
                engagement: Engagement(name: "e", soc1: .type2(period("2026-01-15..2026-04-14"))),
                expected: ["warning soc1-short-period"], words: ["SOC 1", "3 months", "under 6 months"]),
            ValidationCase(
                name: "Type 1 needs no period",
                engagement: Engagement(name: "e", soc1: .type1(asOf: year2026.end)), expected: [], words: []),
            ValidationCase(
                name: "no report", engagement: Engagement(name: "e"), expected: ["error no-report"],
                words: ["neither a SOC 1 nor a SOC 2"]),
            ValidationCase(
                name: "unknown objective",
                engagement: Engagement(name: "e", soc1: .type2(year2026), objectives: ["ITGC-01", "ITGC-99"]),
                expected: ["error unknown-objective"], words: ["ITGC-99"]),
        ]

        @Test("diagnostics", arguments: cases)
        func validate(_ scenario: ValidationCase) {
            // Given an engagement over the fixture's objectives
            // When it is validated
            let found = scenario.engagement.validate(objectives: objectives)
            // Then it gives exactly the expected problems, each with a hint, and the message names the problem
            #expect(found.map { "\($0.severity.rawValue) \($0.code)" } == scenario.expected)
            for diagnostic in found {
                #expect(!diagnostic.hint.isEmpty)
                for word in scenario.words { #expect(diagnostic.message.contains(word), "\(diagnostic.message)") }
            }
        }

        @Test(
            "a period just past a limit does not report itself as the limit",
            arguments: [("2026-01-01..2027-01-01", "is 12 months"), ("2026-01-01..2026-03-29", "is 3 months")])
        func messageAtTheLimit(_ text: String, _ contradiction: String) throws {
            // Given a period one day longer than 12 months, or one day shorter than 3
            let engagement = Engagement(name: "e", soc1: .type2(try #require(Period(text))))
            // When it is validated
            let found = engagement.validate(objectives: objectives)
            // Then it is flagged, and the message does not claim the very length the rule allows
            try #require(found.count == 1)
            #expect(!found[0].message.contains(contradiction), "\(found[0].message)")
        }

        @Test("the nearest known objectives are suggested for an unknown one")
        func unknownObjectiveHint() throws {
            // Given an engagement scoping ITGC-07X, one letter from ITGC-07
            let engagement = Engagement(name: "e", soc1: .type2(year2026), objectives: ["ITGC-07X"])
            // When it is validated
            let found = try #require(engagement.validate(objectives: objectives).first)
            // Then the hint offers ITGC-07 first
            #expect(found.subject == "ITGC-07X")
            #expect(found.hint.hasPrefix("did you mean ITGC-07"))
        }

        @Test("a Type 1 needs its date and a Type 2 its period")
        func reportScopeMake() {
            // Given report types without the date or period they need
            // When the scope is made
            // Then the failure names the option to give, for the right report
            guard case .failure(let noDate) = ReportScope.make(.type1, period: nil, asOf: nil, report: .soc2) else {
                Issue.record("a Type 1 without a date was accepted")
                return
            }
            #expect(noDate.code == "type1-without-date")
            #expect(noDate.message.contains("SOC 2 Type 1"))
            #expect(noDate.hint.contains("SOC 2 report's as-of date"))
            guard case .failure(let noPeriod) = ReportScope.make(.type2, period: nil, asOf: nil, report: .soc1) else {
                Issue.record("a Type 2 without a period was accepted")
                return
            }
            #expect(noPeriod.code == "type2-without-period")
            #expect(noPeriod.message.contains("SOC 1 Type 2"))
            #expect(noPeriod.hint.contains("SOC 1 period"))
        }

        @Test("report scopes made from complete input")
        func reportScopeMakeSuccess() {
            // Given each report type with what it needs
            // When the scope is made
            // Then it is the scope asked for
            #expect(
                ReportScope.make(.type1, period: nil, asOf: year2026.end, report: .soc1)
                    == .success(.type1(asOf: year2026.end)))
            #expect(ReportScope.make(.type2, period: year2026, asOf: nil, report: .soc1) == .success(.type2(year2026)))
            #expect(ReportScope.make(.none, period: nil, asOf: nil, report: .soc2) == .success(ReportScope.none))
        }

        @Test("security is always in a SOC 2's scope")
        func securityAlwaysInScope() {
            // Given an engagement created with only availability
            let engagement = Engagement(name: "e", soc2: .type2(year2026), categories: [.availability])
            // Then security is among its categories, and the criteria in scope are CC and A1 ones
            #expect(engagement.orderedCategories == [.security, .availability])
            #expect(engagement.criteriaInScope(criteria).map(\.id) == ["CC6.1", "CC6.2", "CC7.2", "CC8.1", "A1.2"])
        }
    }
}

/// Ids sort the way a person numbers them, and the byte-level comparison agrees with the order on
/// characters (code points) everywhere, non-ASCII text included.
@Suite struct NaturalOrderTests {
    /// The order defined on Unicode scalars, as it was written first: the reference.
    static func reference(_ a: String, _ b: String) -> Bool {
        func digit(_ c: Unicode.Scalar) -> Int? { (48...57).contains(c.value) ? Int(c.value - 48) : nil }
        var left = a.unicodeScalars.makeIterator()
        var right = b.unicodeScalars.makeIterator()
        var l = left.next()
        var r = right.next()
        while let lc = l, let rc = r {
            if let ld = digit(lc), let rd = digit(rc) {
                var (lnum, rnum, ldigits, rdigits) = (ld, rd, 1, 1)
                l = left.next()
                while let c = l, let d = digit(c) {
                    (lnum, ldigits, l) = (lnum * 10 + d, ldigits + 1, left.next())
                }
                r = right.next()
                while let c = r, let d = digit(c) {
                    (rnum, rdigits, r) = (rnum * 10 + d, rdigits + 1, right.next())
                }
                if lnum != rnum { return lnum < rnum }
                if ldigits != rdigits { return ldigits < rdigits }
                continue
            }
            if lc != rc { return lc.value < rc.value }
            l = left.next()
            r = right.next()
        }
        return l == nil && r != nil
    }

    @Test func idsSortAsPeopleNumberThem() {
        let ids = ["CC1.10", "AC-10", "CC1.2", "AC-2", "A-01", "A-1", "AC-2a", "AC"]
        #expect(
            ids.sorted(by: NaturalOrder.less) == ["A-1", "A-01", "AC", "AC-2", "AC-2a", "AC-10", "CC1.2", "CC1.10"])
    }

    @Test func bytesAgreeWithCharacters() {
        let pieces = ["A", "a", "C", "-", ".", "0", "1", "2", "9", "10", "007", "é", "É", "Ω", "😀", "ß", " ", "Z"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func word() -> String { (0..<next(7)).map { _ in pieces[next(pieces.count)] }.joined() }
        for _ in 0..<20_000 {
            let (a, b) = (word(), word())
            #expect(NaturalOrder.less(a, b) == Self.reference(a, b), "\(a) < \(b)")
        }
    }
}
