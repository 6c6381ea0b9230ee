import Foundation
import SOCPlanCore

/// Problems in the built-in catalogs (a broken build) or in a catalog file given on the command line.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}

/// Reads the catalogs embedded in the binary through the same decoders as user files.
public enum CatalogLoader {
    /// The built-in catalog. Parsed once per process (about 5 ms).
    public static func builtIn() throws -> Catalog { try cached.get() }

    private static let cached: Result<Catalog, CatalogError> = Result { () throws(CatalogError) -> Catalog in
        try load(files: EmbeddedFiles.catalogs, lazySeeds: true)
    }

    /// Builds a catalog from files named as in `Catalogs/` (tsc-2017.csv, objectives-PROFILE.csv, …).
    public static func load(files: [String: String]) throws(CatalogError) -> Catalog {
        try load(files: files, lazySeeds: false)
    }

    /// The built-in files, seeds included, checked now: what `builtIn()` leaves for the first read
    /// of a seed (the tests call this; the files are part of the binary).
    public static func checkBuiltIn() throws(CatalogError) {
        _ = try load(files: EmbeddedFiles.catalogs, lazySeeds: false)
    }

    /// With `lazySeeds` (the built-in files), only the criteria are read now; the other parts
    /// (crosswalk, profiles, layers, procedures, the suggestion model and the seed inventories)
    /// are made when first read, and a problem in them then stops the process, as it can only be
    /// a broken build (`checkBuiltIn`). Otherwise every part is read and checked now, and every
    /// problem reported together.
    static func load(files: [String: String], lazySeeds: Bool) throws(CatalogError) -> Catalog {
        if lazySeeds {
            let (criteria, found) = parseCriteria(files)
            let problems = found.filter { $0.severity != .note }
            if !problems.isEmpty { throw CatalogError(diagnostics: problems) }
            /// A part of the built-in catalog, made when first read.
            @Sendable func builtIn<T>(_ parse: ([String: String]) -> (T, [Diagnostic])) -> T {
                let (value, found) = parse(files)
                let problems = found.filter { $0.severity != .note }
                precondition(problems.isEmpty, "broken built-in catalog: \(CatalogError(diagnostics: problems))")
                return value
            }
            let crosswalk = LazyPart { builtIn(parseCrosswalk) }
            let profiles = LazyPart { builtIn(parseProfiles) }
            var catalog = Catalog(criteria: criteria, crosswalk: [], profiles: []) {
                let base = Catalog(
                    criteria: criteria, crosswalk: crosswalk.value, profiles: profiles.value, itgcObjectives: [],
                    profileObjectives: [:], commonEvidence: [], profileEvidence: [:], commonControls: [],
                    profileControls: [:])
                let (seeds, found) = Self.seeds(files: files, catalog: base)
                let problems = found.filter { $0.severity != .note }
                precondition(problems.isEmpty, "broken built-in catalog: \(CatalogError(diagnostics: problems))")
                return seeds
            }
            catalog.crosswalk { crosswalk.value }
            catalog.profiles { profiles.value }
            catalog.layers { builtIn(parseLayers) }
            catalog.procedures { builtIn(parseProcedures) }
            catalog.suggestion {
                SuggestionModel(terms: builtIn(parseLexicon), weights: builtIn(parseWeights))
            }
            return catalog
        }
        var diagnostics: [Diagnostic] = []
        func part<T>(_ parse: ([String: String]) -> (T, [Diagnostic])) -> T {
            let (value, found) = parse(files)
            diagnostics += found
            return value
        }
        // In the order the files were always checked, so that the problems are listed in it.
        let criteria = part(parseCriteria)
        let crosswalk = part(parseCrosswalk)
        let profiles = part(parseProfiles)
        let terms = part(parseLexicon)
        let layers = part(parseLayers)
        let procedures = part(parseProcedures)
        let weights = part(parseWeights)
        let base = Catalog(
            criteria: criteria, crosswalk: crosswalk, profiles: profiles, itgcObjectives: [], profileObjectives: [:],
            commonEvidence: [], profileEvidence: [:], commonControls: [], profileControls: [:])
        let (seeds, found) = Self.seeds(files: files, catalog: base)
        diagnostics += found
        var catalog = Catalog(criteria: criteria, crosswalk: crosswalk, profiles: profiles) { seeds }
        // Only `suggest` reads the model; its lexicon takes a while to index (the files were
        // checked above, and making the model cannot fail).
        catalog.suggestion { SuggestionModel(terms: terms, weights: weights) }
        catalog.layers = layers
        catalog.procedures = procedures
        let problems = diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty { throw CatalogError(diagnostics: problems) }
        return catalog
    }

    /// A part shared by two lazy parts of the built-in catalog (the seeds read the profiles).
    private final class LazyPart<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var made: Value?
        private let make: @Sendable () -> Value
        init(_ make: @escaping @Sendable () -> Value) { self.make = make }
        var value: Value {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }

    // MARK: The parts, each from its file

    private static func table(_ files: [String: String], _ name: String, _ schema: TableSchema) -> (
        MappedTable, [Diagnostic]
    ) {
        let parsed = TableReader.parse(
            file: "Catalogs/\(name)", bytes: Array((files[name] ?? "").utf8), skippingCommentLines: true)
        return TableReader.map(parsed, schema: schema)
    }

    private static func rows<T>(
        _ files: [String: String], _ name: String, _ schema: TableSchema, _ body: (inout RowDecoder) -> T?
    ) -> ([T], [Diagnostic]) {
        var (mapped, diagnostics) = table(files, name, schema)
        let values = mapped.rows.compactMap { row in
            var decoder = RowDecoder(file: mapped.file, row: row)
            let value = body(&decoder)
            diagnostics += decoder.diagnostics
            return value
        }
        return (values, diagnostics)
    }

    static func parseCriteria(_ files: [String: String]) -> ([Criterion], [Diagnostic]) {
        rows(files, "tsc-2017.csv", Schemas.criteria) { decoder -> Criterion? in
            guard let text = decoder.required("criterion_id"), let id = CriterionID.parse(text),
                let category = decoder.choice("category", TSCCategory.self, required: true),
                let group = decoder.required("group"), let title = decoder.required("title")
            else { return nil }
            return Criterion(
                id: id, category: category, group: group, cosoPrinciple: decoder.count("coso_principle"), title: title)
        }
    }

    static func parseCrosswalk(_ files: [String: String]) -> ([CrosswalkLink], [Diagnostic]) {
        rows(files, "crosswalk-itgc-tsc.csv", Schemas.crosswalk) { decoder -> CrosswalkLink? in
            guard let area = decoder.required("area"), let title = decoder.required("area_title"),
                let text = decoder.required("criterion_id"), let id = CriterionID.parse(text),
                let strength = decoder.choice("strength", CrosswalkStrength.self, required: true)
            else { return nil }
            return CrosswalkLink(area: area, areaTitle: title, criterion: id, strength: strength)
        }
    }

    static func parseProfiles(_ files: [String: String]) -> ([Profile], [Diagnostic]) {
        rows(files, "profiles.csv", Schemas.profiles) { decoder -> Profile? in
            guard let id = decoder.required("profile_id"), let name = decoder.required("name"),
                let prefix = decoder.required("prefix")
            else { return nil }
            return Profile(id: id, name: name, prefix: prefix, services: decoder.text("services") ?? "")
        }
    }

    static func parseLexicon(_ files: [String: String]) -> ([LexiconTerm], [Diagnostic]) {
        rows(files, "suggest-lexicon.csv", Schemas.lexicon) { decoder -> LexiconTerm? in
            guard let area = decoder.required("area"), let term = decoder.required("term"),
                decoder.required("weight") != nil, let weight = decoder.decimal("weight")
            else { return nil }
            return LexiconTerm(area: area, term: term, weight: weight)
        }
    }

    static func parseLayers(_ files: [String: String]) -> (CarveOutLayers, [Diagnostic]) {
        var (mapped, diagnostics) = table(files, "carve-out-layers.csv", Schemas.layers)
        var layers = CarveOutLayers()
        for row in mapped.rows {
            var decoder = RowDecoder(file: "Catalogs/carve-out-layers.csv", row: row)
            if let key = decoder.required("applies_to"), let list = decoder.required("layers") {
                var found: [Component] = []
                for item in Spelling.listItems(list) {
                    if let component = Component(spelling: item) {
                        found.append(component)
                    } else {
                        decoder.report(
                            "unknown-value", "unknown layer \"\(item)\"",
                            hint: "the layers are: \(Component.allowedList)",
                            at: row["layers"])
                    }
                }
                layers.set(key, found)
            }
            diagnostics += decoder.diagnostics
        }
        return (layers, diagnostics)
    }

    static func parseProcedures(_ files: [String: String]) -> (ProcedureLibrary, [Diagnostic]) {
        var (mapped, diagnostics) = table(files, "procedure-templates.csv", Schemas.procedures)
        var procedures = ProcedureLibrary()
        for row in mapped.rows {
            var decoder = RowDecoder(file: "Catalogs/procedure-templates.csv", row: row)
            if let archetype = decoder.required("archetype"), let title = decoder.required("title"),
                let words = decoder.required("words"), let inquiry = decoder.required("inquiry")
            {
                func values<E: SpelledEnum>(_ field: String, _ type: E.Type) -> [E] {
                    Spelling.listItems(decoder.text(field) ?? "").compactMap { item in
                        if let value = E(spelling: item) { return value }
                        decoder.report(
                            "unknown-value", "unknown \(E.valueName) \"\(item)\"", hint: "allowed: \(E.allowedList)",
                            at: row[field])
                        return nil
                    }
                }
                let steps = (decoder.text("steps") ?? "").split(separator: "|").map {
                    Spelling.trimmed($0)
                }.filter { !$0.isEmpty }
                procedures.templates.append(
                    ProcedureTemplate(
                        archetype: archetype, title: title, words: Spelling.listItems(words),
                        frequencies: values("frequency", Frequency.self), natures: values("nature", Nature.self),
                        inquiry: inquiry, attributes: decoder.text("attributes") ?? "", steps: steps))
            }
            diagnostics += decoder.diagnostics
        }
        return (procedures, diagnostics)
    }

    static func parseWeights(_ files: [String: String]) -> (SuggestionWeights, [Diagnostic]) {
        var (mapped, diagnostics) = table(files, "suggest-weights.csv", Schemas.weights)
        var weights = SuggestionWeights()
        for row in mapped.rows {
            var decoder = RowDecoder(file: "Catalogs/suggest-weights.csv", row: row)
            if let name = decoder.required("name"), decoder.required("value") != nil,
                let value = decoder.decimal("value"),
                !weights.set(name, to: value)
            {
                decoder.report(
                    "unknown-value", "unknown weight \"\(name)\"",
                    hint: "the weights are: \(SuggestionWeights.names.joined(separator: ", "))", at: row["name"])
            }
            diagnostics += decoder.diagnostics
        }
        return (weights, diagnostics)
    }

    /// The seed inventories, read through the importer so that they obey exactly the rules user
    /// files do; `catalog` holds the criteria, crosswalk and profiles.
    private static func seeds(files: [String: String], catalog: Catalog) -> (CatalogSeeds, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var seeds = CatalogSeeds()
        let common = InventoryImporter.prepare(
            files: [
                "objectives-itgc.csv", "evidence-common.csv", "subservice-cloud.csv", "csocs-cloud.csv",
                "controls-common.csv",
            ].map {
                InputFile(name: "Catalogs/\($0)", bytes: Array((files[$0] ?? "").utf8))
            }, options: .init(), workspace: Workspace(info: .init(organization: "", profile: nil)), catalog: catalog)
        diagnostics += common.diagnostics
        seeds.itgcObjectives = common.changes.objectives
        seeds.commonEvidence = common.changes.evidence
        seeds.commonControls = common.changes.controls
        seeds.subservice = common.changes.subservice
        seeds.csocs = common.changes.csocs
        let base = Workspace(
            info: .init(organization: "", profile: nil), objectives: common.changes.objectives,
            evidence: common.changes.evidence, subservice: common.changes.subservice)
        for profile in catalog.profiles {
            let outcome = InventoryImporter.prepare(
                files: [
                    "objectives-\(profile.id).csv", "evidence-\(profile.id).csv", "controls-\(profile.id).csv",
                    "cuecs-\(profile.id).csv",
                ].map {
                    InputFile(name: "Catalogs/\($0)", bytes: Array((files[$0] ?? "").utf8))
                }, options: .init(), workspace: base, catalog: catalog)
            diagnostics += outcome.diagnostics
            seeds.profileObjectives[profile.id] = outcome.changes.objectives
            seeds.profileEvidence[profile.id] = outcome.changes.evidence
            seeds.profileControls[profile.id] = outcome.changes.controls
            seeds.profileCUECs[profile.id] = outcome.changes.cuecs
        }
        return (seeds, diagnostics)
    }
}
