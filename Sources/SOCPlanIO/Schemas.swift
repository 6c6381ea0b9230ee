/// The CSV files socplan reads and writes, with the header spellings real spreadsheets use.
public enum Schemas {
    public static let controls = TableSchema(
        kind: "controls",
        fields: [
            FieldSpec(
                "control_id", required: true,
                aliases: [
                    "Control ID", "Control #", "Control No", "Control Number", "Control Ref", "Control Reference",
                    "Ref", "Ref #", "Reference", "ID", "Ctrl ID",
                ]),
            FieldSpec("title", required: true, aliases: ["Control Title", "Control Name", "Name", "Control"]),
            FieldSpec(
                "description",
                aliases: ["Control Description", "Control Activity", "Control Activity Description", "Activity"]),
            FieldSpec(
                "owner", aliases: ["Control Owner", "Owner Role", "Responsible", "Responsible Party", "Performed By"]),
            FieldSpec("frequency", required: true, aliases: ["Control Frequency", "Freq", "Timing"]),
            FieldSpec(
                "nature",
                required: true,
                aliases: [
                    "Control Nature", "Automated/Manual", "Manual/Automated", "Automation", "Manual or Automated",
                ]),
            FieldSpec("type", aliases: ["Control Type", "Preventive/Detective", "Preventive or Detective"]),
            FieldSpec("key", aliases: ["Key Control", "Key Control?", "Key Control (Y/N)", "Is Key", "Key?"]),
            FieldSpec("risk", aliases: ["Risk Level", "Risk Rating", "Control Risk", "Risk of Failure"]),
            FieldSpec(
                "soc1_objectives",
                aliases: [
                    "Control Objective(s)", "Control Objectives", "Control Objective", "SOC 1 Objectives",
                    "SOC 1 Control Objectives", "SOC 1", "Objectives", "Objective", "CO",
                ]),
            FieldSpec(
                "soc2_criteria",
                aliases: [
                    "TSC", "Trust Services Criteria", "Trust Service Criteria", "SOC 2 Criteria", "SOC 2",
                    "TSC Reference", "TSC Mapping", "Criteria", "Common Criteria", "SOC 2 TSC",
                ]),
            FieldSpec(
                "evidence",
                aliases: ["Evidence Items", "Evidence Required", "Artifacts", "Artefacts", "PBC", "Key Reports"]),
            FieldSpec("test_methods", aliases: ["Test Method", "Testing Method", "Test Type", "Methods"]),
            FieldSpec(
                "test_procedure", aliases: ["Test Procedures", "Testing Procedure", "Test Steps", "Audit Procedure"]),
            FieldSpec(
                "population_size",
                aliases: ["Population", "Annual Volume", "Occurrences", "Occurrences per Year", "Volume"]),
            FieldSpec("systems", aliases: ["System", "Application", "Applications", "Systems in Scope", "Tools"]),
            FieldSpec(
                "monitors", aliases: ["Monitored Subservice Organizations", "Vendors Monitored", "Monitors Vendor"]),
            FieldSpec(
                "performed_by_subservice", aliases: ["Performing Subservice Organization", "Subservice Organization"]),
        ])

    public static let objectives = TableSchema(
        kind: "objectives",
        fields: [
            FieldSpec(
                "objective_id", required: true,
                aliases: ["Objective ID", "Objective #", "Objective Number", "Control Objective ID", "CO ID", "CO #"]),
            FieldSpec(
                "title", required: true,
                aliases: ["Objective", "Control Objective", "Objective Title", "Objective Description"]),
            FieldSpec("domain", aliases: ["Objective Type", "Objective Domain"]),
            FieldSpec("area", aliases: ["ITGC Area", "Process", "Area"]),
            FieldSpec("assertions", aliases: ["Assertion", "Financial Statement Assertions", "Assertions Supported"]),
        ])

    public static let evidence = TableSchema(
        kind: "evidence",
        fields: [
            FieldSpec("evidence_id", required: true, aliases: ["Evidence ID", "Evidence #", "Evidence Ref", "PBC ID"]),
            FieldSpec(
                "title", required: true, aliases: ["Evidence", "Evidence Title", "Item", "Evidence Item", "Name"]),
            FieldSpec("kind", aliases: ["Evidence Kind", "Evidence Type"]),
            FieldSpec("source", aliases: ["Source System", "System", "Report", "Produced By"]),
            FieldSpec("owner", aliases: ["Evidence Owner", "Provider", "Provided By", "Responsible"]),
        ])

    public static let engagements = TableSchema(
        kind: "engagements",
        fields: [
            FieldSpec("engagement", required: true, aliases: ["Engagement Name", "Name"]),
            FieldSpec("soc1_type", required: true, aliases: ["SOC 1 Type", "SOC 1 Report"]),
            FieldSpec("soc1_period_start", aliases: ["SOC 1 Start", "SOC 1 Period Start"]),
            FieldSpec("soc1_period_end", aliases: ["SOC 1 End", "SOC 1 Period End"]),
            FieldSpec("soc1_as_of", aliases: ["SOC 1 As Of", "SOC 1 Date"]),
            FieldSpec("soc2_type", required: true, aliases: ["SOC 2 Type", "SOC 2 Report"]),
            FieldSpec("soc2_period_start", aliases: ["SOC 2 Start", "SOC 2 Period Start"]),
            FieldSpec("soc2_period_end", aliases: ["SOC 2 End", "SOC 2 Period End"]),
            FieldSpec("soc2_as_of", aliases: ["SOC 2 As Of", "SOC 2 Date"]),
            FieldSpec("soc2_categories", aliases: ["Categories", "SOC 2 Categories", "TSC Categories"]),
            FieldSpec("soc1_objectives", aliases: ["SOC 1 Objectives in Scope", "Objectives in Scope"]),
            FieldSpec("soc1_interim", aliases: ["SOC 1 Interim", "SOC 1 Interim Fieldwork"]),
            FieldSpec("soc1_interim_cutoff", aliases: ["SOC 1 Interim Cutoff", "SOC 1 Interim Cut-off"]),
            FieldSpec("soc1_fieldwork", aliases: ["SOC 1 Fieldwork", "SOC 1 Final Fieldwork"]),
            FieldSpec("soc1_report_date", aliases: ["SOC 1 Report Date"]),
            FieldSpec("soc2_interim", aliases: ["SOC 2 Interim", "SOC 2 Interim Fieldwork"]),
            FieldSpec("soc2_interim_cutoff", aliases: ["SOC 2 Interim Cutoff", "SOC 2 Interim Cut-off"]),
            FieldSpec("soc2_fieldwork", aliases: ["SOC 2 Fieldwork", "SOC 2 Final Fieldwork"]),
            FieldSpec("soc2_report_date", aliases: ["SOC 2 Report Date"]),
        ])

    public static let cuecs = TableSchema(
        kind: "cuecs",
        fields: [
            FieldSpec("cuec_id", required: true, aliases: ["CUEC ID", "CUEC #", "CUEC", "User Control ID"]),
            FieldSpec(
                "text", required: true, aliases: ["CUEC Text", "Complementary User Entity Control", "Description"]),
            FieldSpec("actor", aliases: ["Who", "Customer Role", "Performed By"]),
            FieldSpec("action", aliases: ["What"]),
            FieldSpec("timing", aliases: ["When", "Frequency", "Trigger"]),
            FieldSpec("evidence", aliases: ["Evidence Left", "Evidence Retained"]),
            FieldSpec("soc1_objectives", aliases: ["Control Objectives", "Control Objective(s)", "Objectives"]),
            FieldSpec("soc2_criteria", aliases: ["TSC", "Trust Services Criteria", "Criteria"]),
            FieldSpec("reports", aliases: ["Report", "Applies To"]),
            FieldSpec("assumed_in_design", aliases: ["Assumed", "Assumed in Design", "Required"]),
        ])

    public static let subservice = TableSchema(
        kind: "subservice",
        fields: [
            FieldSpec(
                "name", required: true, aliases: ["Subservice Organization", "Vendor", "Subservice Organisation"]),
            FieldSpec("services", aliases: ["Services Provided", "Service"]),
            FieldSpec("method", required: true, aliases: ["Carve-out or Inclusive", "Method Used", "Treatment"]),
            FieldSpec("reports", aliases: ["Report", "Applies To"]),
        ])

    public static let csocs = TableSchema(
        kind: "csocs",
        fields: [
            FieldSpec("csoc_id", required: true, aliases: ["CSOC ID", "CSOC #", "CSOC"]),
            FieldSpec("subservice", required: true, aliases: ["Subservice Organization", "Vendor"]),
            FieldSpec("text", required: true, aliases: ["CSOC Text", "Complementary Subservice Organization Control"]),
            FieldSpec("soc1_objectives", aliases: ["Control Objectives", "Control Objective(s)", "Objectives"]),
            FieldSpec("soc2_criteria", aliases: ["TSC", "Trust Services Criteria", "Criteria"]),
        ])

    public static let customers = TableSchema(
        kind: "customers",
        fields: [
            FieldSpec("customer", required: true, aliases: ["Customer Name", "Client", "User Entity"]),
            FieldSpec("fiscal_year_end", required: true, aliases: ["FYE", "Fiscal Year End", "Year End"]),
            FieldSpec("weight", aliases: ["Revenue", "ARR", "Annual Revenue"]),
        ])

    /// The files `import` recognises, in the order they are applied.
    public static let inventory: [TableSchema] = [
        objectives, evidence, subservice, controls, csocs, cuecs, customers, engagements,
    ]

    // Catalog-only files.

    static let criteria = TableSchema(
        kind: "criteria",
        fields: [
            FieldSpec("criterion_id", required: true), FieldSpec("category", required: true),
            FieldSpec("group", required: true), FieldSpec("coso_principle"), FieldSpec("title", required: true),
        ])

    static let profiles = TableSchema(
        kind: "profiles",
        fields: [
            FieldSpec("profile_id", required: true), FieldSpec("name", required: true),
            FieldSpec("prefix", required: true), FieldSpec("services"),
        ])

    static let lexicon = TableSchema(
        kind: "lexicon",
        fields: [
            FieldSpec("area", required: true), FieldSpec("term", required: true), FieldSpec("weight", required: true),
        ])

    static let weights = TableSchema(
        kind: "weights", fields: [FieldSpec("name", required: true), FieldSpec("value", required: true)])

    static let crosswalk = TableSchema(
        kind: "crosswalk",
        fields: [
            FieldSpec("area", required: true), FieldSpec("area_title", required: true),
            FieldSpec("criterion_id", required: true), FieldSpec("strength", required: true),
        ])
}
