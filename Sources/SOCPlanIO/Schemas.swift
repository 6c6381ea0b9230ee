import SOCPlanCore

/// The CSV files socplan reads and writes: the inventory's from `Tables`, the catalogs' own.
public enum Schemas {
    public static let controls = TableSchema(Tables.controls)
    public static let objectives = TableSchema(Tables.objectives)
    public static let evidence = TableSchema(Tables.evidence)

    public static let engagements = TableSchema(Tables.engagements)

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
