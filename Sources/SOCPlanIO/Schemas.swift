import SOCPlanCore

/// The CSV files socplan reads and writes: the inventory's from `Tables`, the catalogs' own.
public enum Schemas {
    public static let controls = TableSchema(Tables.controls)
    public static let objectives = TableSchema(Tables.objectives)
    public static let evidence = TableSchema(Tables.evidence)

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

    /// The files `import` recognises, in the order they are applied.
    public static let inventory: [TableSchema] = Tables.all.map { TableSchema($0) } + [engagements]

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

    static let layers = TableSchema(
        kind: "carve-out-layers",
        fields: [FieldSpec("applies_to", required: true), FieldSpec("layers", required: true), FieldSpec("why")])

    static let procedures = TableSchema(
        kind: "procedure-templates",
        fields: [
            FieldSpec("archetype", required: true), FieldSpec("title", required: true),
            FieldSpec("words", required: true), FieldSpec("frequency"), FieldSpec("nature"),
            FieldSpec("inquiry", required: true), FieldSpec("attributes"), FieldSpec("steps"),
        ])

    static let crosswalk = TableSchema(
        kind: "crosswalk",
        fields: [
            FieldSpec("area", required: true), FieldSpec("area_title", required: true),
            FieldSpec("criterion_id", required: true), FieldSpec("strength", required: true),
        ])
}
