/// The inventory tables, each described once. Import, export, the store, the README's tables of
/// columns and the round-trip property test all read these lists; adding a column means adding
/// the field to its type, one entry here and a migration.
public enum Tables {
    /// Every inventory table, parents before the tables that refer to them: the order import
    /// resolves files in and the store writes rows in.
    public static let all: [any AnyTableSpec] = [
        objectives, evidence, subservice, controls, csocs, cuecs, customers,
    ]

    public static let objectives = TableSpec<Objective>(
        kind: "objectives", table: "objective", noun: "objective",
        columns: [
            .identifier(
                "objective_id", \.id,
                synonyms: ["Objective ID", "Objective #", "Objective Number", "Control Objective ID", "CO ID", "CO #"],
                doc: "The objective's id, e.g. `ITGC-01`, `BP-PAY-3`."),
            .text(
                "title", \.title, required: true,
                synonyms: ["Objective", "Control Objective", "Objective Title", "Objective Description"],
                doc: "The objective as management writes it (\"Controls provide reasonable assurance that …\")."),
            .choice(
                "domain", \.domain, synonyms: ["Objective Type", "Objective Domain"],
                doc:
                    "When the cell is empty or the column missing on a new row, it follows from `area`: `itgc` when the area is one of the crosswalk's ITGC areas, else `business`."
            ),
            .text(
                "area", \.area, synonyms: ["ITGC Area", "Process", "Area"],
                doc:
                    "For ITGC objectives the crosswalk area (`logical-access`, `change-management`, `computer-operations`, …); for business objectives usually `business-processing`."
            ),
            .choices(
                "assertions", \.assertions,
                synonyms: ["Assertion", "Financial Statement Assertions", "Assertions Supported"],
                doc:
                    "Financial statement assertions supported: `C` completeness, `O` occurrence/existence, `A` accuracy/valuation, `CO` cut-off, `R` rights and obligations, `P` presentation."
            ),
        ],
        blank: { Objective(id: ObjectiveID($0), title: "", domain: .business) }, rows: \.objectives,
        changed: \.objectives, removed: \.removedObjectives, id: { ObjectiveID($0) })

    public static let evidence = TableSpec<EvidenceItem>(
        kind: "evidence", table: "evidence", noun: "evidence item",
        columns: [
            .identifier(
                "evidence_id", \.id, synonyms: ["Evidence ID", "Evidence #", "Evidence Ref", "PBC ID"],
                doc: "The item's id, e.g. `EV-NEW-USERS`."),
            .text(
                "title", \.title, required: true,
                synonyms: ["Evidence", "Evidence Title", "Item", "Evidence Item", "Name"],
                doc: "What is asked for. Controls may reference an item by this title."),
            .choice(
                "kind", \.kind, empty: .document, synonyms: ["Evidence Kind", "Evidence Type"],
                doc: "`population` is a system-generated list to sample from."),
            .text(
                "source", \.source, synonyms: ["Source System", "System", "Report", "Produced By"],
                doc: "The system or report that produces it."),
            .text(
                "owner", \.owner, synonyms: ["Evidence Owner", "Provider", "Provided By", "Responsible"],
                doc: "The role that provides it."),
        ],
        blank: { EvidenceItem(id: EvidenceID($0), title: "", kind: .document) }, rows: \.evidence,
        changed: \.evidence, removed: \.removedEvidence, id: { EvidenceID($0) })

    public static let subservice = TableSpec<SubserviceOrganization>(
        kind: "subservice", table: "subservice", noun: "subservice organization",
        columns: [
            .text(
                "name", \.name, type: .identifier, required: true,
                synonyms: ["Subservice Organization", "Vendor", "Subservice Organisation"],
                doc: "The vendor's name, as controls and CSOCs refer to it."),
            .text(
                "services", \.services, synonyms: ["Services Provided", "Service"], doc: "What the vendor provides."),
            .choice(
                "method", \.method, required: true, synonyms: ["Carve-out or Inclusive", "Method Used", "Treatment"],
                doc: "How the reports treat the vendor's controls."),
            .reports("reports", \.reports, synonyms: ["Report", "Applies To"], doc: "Which reports it concerns."),
            .choices(
                "components", \.components, synonyms: ["Components", "Layers", "Components Run", "Runs"],
                doc:
                    "The layers it runs (`facilities`, `hardware`, `network`, `hypervisor`, `managed-database`, …): all its CSOCs can cover. An objective or criterion that also runs through a layer it does not run still needs a control of the organization's own."
            ),
        ],
        blank: { SubserviceOrganization(name: $0) }, rows: \.subservice, changed: \.subservice,
        removed: \.removedSubservice, id: { $0 })

    public static let controls = TableSpec<Control>(
        kind: "controls", table: "control", noun: "control",
        columns: [
            .identifier(
                "control_id", \.id,
                synonyms: [
                    "Control ID", "Control #", "Control No", "Control Number", "Control Ref", "Control Reference",
                    "Ref", "Ref #", "Reference", "ID", "Ctrl ID",
                ],
                doc: "The control's id, e.g. `AC-01`."),
            .text(
                "title", \.title, required: true, synonyms: ["Control Title", "Control Name", "Name", "Control"],
                doc: "A short name."),
            .text(
                "description", \.description,
                synonyms: ["Control Description", "Control Activity", "Control Activity Description", "Activity"],
                doc: "Who does what, when, in which system, leaving which evidence."),
            .text(
                "owner", \.owner,
                synonyms: ["Control Owner", "Owner Role", "Responsible", "Responsible Party", "Performed By"],
                doc: "The role that performs the control."),
            .text(
                "owner_email", \.ownerEmail, synonyms: ["Owner Email", "Control Owner Email", "Owner E-mail"],
                doc: "Where requests for the control's evidence go; empty when unknown."),
            .choice(
                "frequency", \.knownFrequency, synonyms: ["Control Frequency", "Freq", "Timing"],
                doc:
                    "How often the control is performed; `recurring` is many times a day, per transaction or continuous, `event-driven` is as needed. Empty: not known yet, and the control is not sized until it is."
            ),
            .choice(
                "nature", \.knownNature,
                synonyms: [
                    "Control Nature", "Automated/Manual", "Manual/Automated", "Automation", "Manual or Automated",
                ],
                doc: "Who or what performs it. Empty: not known yet, and the control is not sized until it is."),
            .choice(
                "type", \.type, synonyms: ["Control Type", "Preventive/Detective", "Preventive or Detective"],
                doc: "Whether it prevents a problem or detects it after the fact; may be empty."),
            .flag(
                "key", \.key, empty: true,
                synonyms: ["Key Control", "Key Control?", "Key Control (Y/N)", "Is Key", "Key?"],
                doc: "A key control. A new control without the column is `yes`."),
            .choice(
                "risk", \.risk, empty: .low,
                synonyms: ["Risk Level", "Risk Rating", "Control Risk", "Risk of Failure"],
                doc: "Picks the lower- or higher-risk sample size."),
            .references(
                "soc1_objectives", \.objectives, to: .objective,
                link: .link(table: "control_objective", owner: "control_id", column: "objective_id"),
                synonyms: [
                    "Control Objective(s)", "Control Objectives", "Control Objective", "SOC 1 Objectives",
                    "SOC 1 Control Objectives", "SOC 1", "Objectives", "Objective", "CO",
                ],
                doc: "SOC 1 objective ids. Each must exist in the workspace or in an objectives file imported with it."),
            .references(
                "soc2_criteria", \.criteria, to: .criterion,
                link: .link(table: "control_criterion", owner: "control_id", column: "criterion_id"),
                synonyms: [
                    "TSC", "Trust Services Criteria", "Trust Service Criteria", "SOC 2 Criteria", "SOC 2",
                    "TSC Reference", "TSC Mapping", "Criteria", "Common Criteria", "SOC 2 TSC",
                ],
                doc: "Trust Services Criteria ids (see [criteria spellings](#criteria))."),
            .references(
                "evidence", \.evidence, to: .evidence,
                link: .link(table: "control_evidence", owner: "control_id", column: "evidence_id"),
                synonyms: ["Evidence Items", "Evidence Required", "Artifacts", "Artefacts", "PBC", "Key Reports"],
                doc: "Evidence references, by id or title (see [evidence references](#evidence-references))."),
            .choices(
                "test_methods", \.testMethods, synonyms: ["Test Method", "Testing Method", "Test Type", "Methods"],
                doc: "How the auditor tests it."),
            .text(
                "test_procedure", \.testProcedure,
                synonyms: ["Test Procedures", "Testing Procedure", "Test Steps", "Audit Procedure"],
                doc: "The organization's own test procedure; empty means the planner writes one."),
            .count(
                "population_size", \.populationSize,
                synonyms: ["Population", "Annual Volume", "Occurrences", "Occurrences per Year", "Volume"],
                doc:
                    "Expected occurrences a year (thousands separators allowed), for event-driven and recurring controls; the headcount or hires a year when the sampling unit says so."
            ),
            .text(
                "population_key", \.populationKey,
                synonyms: ["Population Key", "Sample Population", "Population Name", "Shared Population"],
                doc:
                    "Names the homogeneous population the control acts on (e.g. `new-hires`): controls with the same key share one sample; empty gives the control its own."
            ),
            .choice(
                "sampling_unit", \.samplingUnit, empty: .occurrence, synonyms: ["Sampling Unit", "Sample Unit"],
                doc:
                    "What one sample item is: an `occurrence` of the control, or a person of the `headcount` (training, acknowledgments) or of the `hires` (background checks)."
            ),
            .list(
                "systems", \.systems,
                synonyms: ["System", "Application", "Applications", "Systems in Scope", "Tools"],
                doc: "Systems involved."),
            .list(
                "monitors", \.monitors, type: .references(.subservice),
                synonyms: ["Monitored Subservice Organizations", "Vendors Monitored", "Monitors Vendor"],
                doc: "Subservice organizations this control monitors (by name)."),
            .text(
                "performed_by_subservice", \.performedBy, type: .reference(.subservice), storage: "performed_by",
                synonyms: ["Performing Subservice Organization", "Subservice Organization"],
                doc:
                    "The subservice organization that performs this control (inclusive method); empty when the organization does."
            ),
            .text(
                "procedure_template", \.procedureTemplate,
                synonyms: ["Procedure Template", "Test Template", "Control Archetype", "Archetype"],
                doc:
                    "The test-procedure template to use (`access-review`, `change-approval`, … from procedure-templates.csv); empty: chosen from the control's words; `generic`: none."
            ),
        ],
        blank: { id in
            var control = Control(id: ControlID(id), title: "", frequency: .annual, nature: .manual)
            (control.knownFrequency, control.knownNature) = (nil, nil)
            return control
        }, rows: \.controls,
        changed: \.controls, removed: \.removedControls, id: { ControlID($0) })

    public static let csocs = TableSpec<CSOC>(
        kind: "csocs", table: "csoc", noun: "CSOC",
        columns: [
            .text(
                "csoc_id", \.id, type: .identifier, storage: "id", required: true,
                synonyms: ["CSOC ID", "CSOC #", "CSOC"], doc: "The CSOC's id, e.g. `CSOC-1`."),
            .text(
                "subservice", \.subservice, type: .reference(.subservice), required: true,
                synonyms: ["Subservice Organization", "Vendor"], doc: "The subservice organization's name."),
            .text(
                "text", \.text, required: true,
                synonyms: ["CSOC Text", "Complementary Subservice Organization Control"],
                doc: "The control the report assumes the vendor operates."),
            .references(
                "soc1_objectives", \.objectives, to: .objective,
                link: .link(table: "csoc_objective", owner: "csoc_id", column: "objective_id"),
                synonyms: ["Control Objectives", "Control Objective(s)", "Objectives"],
                doc: "SOC 1 objectives it supports."),
            .references(
                "soc2_criteria", \.criteria, to: .criterion,
                link: .link(table: "csoc_criterion", owner: "csoc_id", column: "criterion_id"),
                synonyms: ["TSC", "Trust Services Criteria", "Criteria"], doc: "SOC 2 criteria it supports."),
            .choices(
                "components", \.components, synonyms: ["Components", "Layers", "Layer"],
                doc:
                    "The layers of its subservice organization it is about (e.g. `hypervisor`); empty: all the layers that organization runs."
            ),
        ],
        blank: { CSOC(id: $0, subservice: "", text: "") }, rows: \.csocs, changed: \.csocs, removed: \.removedCSOCs,
        id: { $0 })

    public static let cuecs = TableSpec<CUEC>(
        kind: "cuecs", table: "cuec", noun: "CUEC",
        columns: [
            .text(
                "cuec_id", \.id, type: .identifier, storage: "id", required: true,
                synonyms: ["CUEC ID", "CUEC #", "CUEC", "User Control ID"], doc: "The CUEC's id, e.g. `CUEC-1`."),
            .text(
                "text", \.text, required: true,
                synonyms: ["CUEC Text", "Complementary User Entity Control", "Description"],
                doc: "What the service organization assumes each customer does."),
            .text("actor", \.actor, synonyms: ["Who", "Customer Role", "Performed By"], doc: "Who at the customer."),
            .text("action", \.action, synonyms: ["What"], doc: "The concrete action."),
            .text("timing", \.timing, synonyms: ["When", "Frequency", "Trigger"], doc: "Frequency or trigger."),
            .text("evidence", \.evidence, synonyms: ["Evidence Left", "Evidence Retained"], doc: "What it leaves."),
            .references(
                "soc1_objectives", \.objectives, to: .objective,
                link: .link(table: "cuec_objective", owner: "cuec_id", column: "objective_id"),
                synonyms: ["Control Objectives", "Control Objective(s)", "Objectives"],
                doc: "SOC 1 objectives it supports."),
            .references(
                "soc2_criteria", \.criteria, to: .criterion,
                link: .link(table: "cuec_criterion", owner: "cuec_id", column: "criterion_id"),
                synonyms: ["TSC", "Trust Services Criteria", "Criteria"], doc: "SOC 2 criteria it supports."),
            .reports("reports", \.reports, synonyms: ["Report", "Applies To"], doc: "Which reports list it."),
            .flag(
                "assumed_in_design", \.assumedInDesign, empty: true,
                synonyms: ["Assumed", "Assumed in Design", "Required"],
                doc: "The design relies on it (a CUEC proper), rather than merely recommending it."),
        ],
        blank: { CUEC(id: $0, text: "") }, rows: \.cuecs, changed: \.cuecs, removed: \.removedCUECs, id: { $0 })

    public static let customers = TableSpec<Customer>(
        kind: "customers", table: "customer", noun: "customer",
        columns: [
            .text(
                "customer", \.name, type: .identifier, storage: "name", required: true,
                synonyms: ["Customer Name", "Client", "User Entity"], doc: "The user entity's name."),
            ColumnSpec(
                "fiscal_year_end", .monthDay, required: true, synonyms: ["FYE", "Fiscal Year End", "Year End"],
                doc: "Its fiscal year end, e.g. `12-31` or `06-30`.", get: { .text($0.fiscalYearEnd) },
                set: { customer, cell in
                    guard case .text(let text) = cell, let (month, day) = Customer.monthDay(text) else {
                        return "\(ColumnSpec<Customer>.shown(cell)) is not a month and day (MM-DD)"
                    }
                    customer.fiscalYearEndMonth = month
                    customer.fiscalYearEndDay = day
                    return nil
                }),
            ColumnSpec(
                "weight", .number(empty: 1), synonyms: ["Revenue", "ARR", "Annual Revenue"],
                doc: "Revenue, or 1 for equal weight.", get: { .double($0.weight) },
                set: { customer, cell in
                    switch cell {
                    case .double(let value) where value >= 0 && value.isFinite: customer.weight = value
                    case .int(let value) where value >= 0: customer.weight = Double(value)
                    default: return "\(ColumnSpec<Customer>.shown(cell)) is not a number of 0 or more"
                    }
                    return nil
                }),
            ColumnSpec(
                "report_needed_by", .monthDay, synonyms: ["Report Needed By", "SOC 1 Deadline", "Report Deadline"],
                doc: "When, after its year end, its auditor needs the SOC 1 report, `MM-DD`; empty: no deadline.",
                get: { customer in
                    customer.reportNeededBy.map {
                        .text(Customer(name: "", fiscalYearEndMonth: $0.month, fiscalYearEndDay: $0.day).fiscalYearEnd)
                    } ?? .null
                },
                set: { customer, cell in
                    switch cell {
                    case .null: customer.reportNeededBy = nil
                    case .text(let text):
                        guard let (month, day) = Customer.monthDay(text) else {
                            return "\(ColumnSpec<Customer>.shown(cell)) is not a month and day (MM-DD)"
                        }
                        customer.reportNeededBy = (month, day)
                    default: return "\(ColumnSpec<Customer>.shown(cell)) is not a month and day (MM-DD)"
                    }
                    return nil
                }),
        ],
        blank: { Customer(name: $0, fiscalYearEndMonth: 12, fiscalYearEndDay: 31) }, rows: \.customers,
        changed: \.customers, removed: \.removedCustomers, id: { $0 })
}

extension Tables {
    /// Engagements: read and written through the same descriptions as the inventory; the store
    /// keeps them in its own shape (`engagement`, with a Type 1's as-of date in `*_end`), so they
    /// are not among `all`, which the store's generic code walks.
    public static let engagements = TableSpec<EngagementRecord>(
        kind: "engagements", table: "engagement", noun: "engagement",
        columns: [
            .text(
                "engagement", \.name, type: .identifier, storage: "name", required: true,
                synonyms: ["Engagement Name", "Name"], doc: "The engagement's name, e.g. `FY2026`.")
        ] + report(.soc1) + report(.soc2) + [
            ColumnSpec(
                "soc2_categories", .choices(Choice(TSCCategory.self)),
                synonyms: ["Categories", "SOC 2 Categories", "TSC Categories"],
                doc: "SOC 2 categories in scope; `security` is always among them.",
                get: { .list($0.categories.map(\.rawValue)) },
                set: { row, cell in
                    guard case .list(let items) = cell else {
                        return ColumnSpec<EngagementRecord>.mismatch(cell, "a list")
                    }
                    var chosen: Set<TSCCategory> = [.security]
                    for item in items {
                        guard let category = TSCCategory(rawValue: item) else {
                            return ColumnSpec<EngagementRecord>.unknown(.text(item), TSCCategory.self)
                        }
                        chosen.insert(category)
                    }
                    row.categories = TSCCategory.allCases.filter(chosen.contains)
                    return nil
                }),
            .references(
                "soc1_objectives", \.objectives, to: .objective,
                link: .link(table: "engagement_objective", owner: "engagement_name", column: "objective_id"),
                synonyms: ["SOC 1 Objectives in Scope", "Objectives in Scope"],
                doc: "SOC 1 objectives in scope; empty means every objective of the workspace."),
        ] + calendar(.soc1) + calendar(.soc2),
        blank: { EngagementRecord(name: $0) }, rows: \.engagementRecords, changed: \.engagementRecords,
        removed: \.removedEngagements, id: { $0 })

    /// A report's type and dates.
    private static func report(_ report: ReportKind) -> [ColumnSpec<EngagementRecord>] {
        let prefix = report.rawValue
        let title = report.title
        let soc1 = report == .soc1
        return [
            .choice(
                "\(prefix)_type", soc1 ? \.soc1Type : \.soc2Type, empty: ReportType.none, required: true,
                synonyms: ["\(title) Type", "\(title) Report"],
                doc: "Whether the \(title) is issued, and which type."),
            .date(
                "\(prefix)_period_start", soc1 ? \.soc1Start : \.soc2Start,
                synonyms: ["\(title) Start", "\(title) Period Start"], doc: "First day of a Type 2 period."),
            .date(
                "\(prefix)_period_end", soc1 ? \.soc1End : \.soc2End,
                synonyms: ["\(title) End", "\(title) Period End"], doc: "Last day of a Type 2 period."),
            .date(
                "\(prefix)_as_of", soc1 ? \.soc1AsOf : \.soc2AsOf, synonyms: ["\(title) As Of", "\(title) Date"],
                doc: "The date a Type 1 speaks as of."),
        ]
    }

    /// A report's calendar overrides; empty cells take the defaults.
    private static func calendar(_ report: ReportKind) -> [ColumnSpec<EngagementRecord>] {
        let prefix = report.rawValue
        let title = report.title
        let settings: WritableKeyPath<EngagementRecord, CalendarSettings> & Sendable =
            report == .soc1 ? \.soc1Calendar : \.soc2Calendar
        return [
            ColumnSpec(
                "\(prefix)_interim", .text, synonyms: ["\(title) Interim", "\(title) Interim Fieldwork"],
                doc: "Interim fieldwork `START..END`, `none` for no interim testing; empty: the default.",
                get: { .text($0[keyPath: settings].interim.text) },
                set: { row, cell in
                    let text: String
                    switch cell {
                    case .null: text = ""
                    case .text(let value): text = value
                    default: return ColumnSpec<EngagementRecord>.mismatch(cell, "text")
                    }
                    guard let interim = CalendarSettings.Interim(text: text) else {
                        return "\"\(text)\" is neither a period (START..END) nor none"
                    }
                    row[keyPath: settings].interim = interim
                    return nil
                }),
            .date(
                "\(prefix)_interim_cutoff",
                report == .soc1 ? \.soc1Calendar.interimCutoff : \.soc2Calendar.interimCutoff,
                synonyms: ["\(title) Interim Cutoff", "\(title) Interim Cut-off"],
                doc: "The last day whose items interim fieldwork tests; empty: the default."),
            ColumnSpec(
                "\(prefix)_fieldwork", .text, synonyms: ["\(title) Fieldwork", "\(title) Final Fieldwork"],
                doc: "Final fieldwork: its first day, or `START..END`; empty: the default.",
                get: { .text($0[keyPath: settings].fieldworkText) },
                set: { row, cell in
                    let text: String
                    switch cell {
                    case .null: text = ""
                    case .text(let value): text = value
                    default: return ColumnSpec<EngagementRecord>.mismatch(cell, "text")
                    }
                    guard row[keyPath: settings].setFieldwork(text) else {
                        return "\"\(text)\" is neither a date nor a period"
                    }
                    return nil
                }),
            .date(
                "\(prefix)_report_date", report == .soc1 ? \.soc1Calendar.reportDate : \.soc2Calendar.reportDate,
                synonyms: ["\(title) Report Date"],
                doc: "The date the report is issued; empty: the default."),
        ]
    }
}

extension Objective: InventoryRow {}
extension EvidenceItem: InventoryRow {}
extension Control: InventoryRow {}
extension SubserviceOrganization: InventoryRow {}
extension CSOC: InventoryRow {}
extension CUEC: InventoryRow {}
extension Customer: InventoryRow {}

extension Customer {
    /// "12-31" or "12/31" → (12, 31): a month and a real day (02-29 allowed).
    public static func monthDay(_ text: String) -> (Int, Int)? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map {
            Int(Spelling.trimmed($0))
        }
        guard parts.count == 2, let month = parts[0], let day = parts[1], (1...12).contains(month),
            (1...Day.daysIn(year: 2028, month: month)).contains(day)
        else { return nil }
        return (month, day)
    }
}
