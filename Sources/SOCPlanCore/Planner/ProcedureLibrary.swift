/// One archetype's test procedure (Catalogs/procedure-templates.csv).
public struct ProcedureTemplate: Sendable, Hashable {
    /// "access-review": what a control's `procedure_template` names.
    public var archetype: String
    public var title: String
    /// Words and phrases that point a control at this archetype.
    public var words: [String]
    /// The frequencies and natures it fits; empty: any.
    public var frequencies: [Frequency]
    public var natures: [Nature]
    /// The opening inquiry; what is checked for each item; further steps.
    public var inquiry: String
    public var attributes: String
    public var steps: [String]

    public init(
        archetype: String, title: String, words: [String], frequencies: [Frequency] = [], natures: [Nature] = [],
        inquiry: String, attributes: String, steps: [String] = []
    ) {
        self.archetype = archetype
        self.title = title
        self.words = words
        self.frequencies = frequencies
        self.natures = natures
        self.inquiry = inquiry
        self.attributes = attributes
        self.steps = steps
    }
}

/// The procedure templates, and the choice of one for a control. Pure.
public struct ProcedureLibrary: Sendable, Hashable {
    /// What a control's `procedure_template` says to use no template.
    public static let generic = "generic"

    public var templates: [ProcedureTemplate]

    public init(templates: [ProcedureTemplate] = []) { self.templates = templates }

    public func template(named archetype: String) -> ProcedureTemplate? {
        let key = Spelling.key(archetype)
        return templates.first { Spelling.key($0.archetype) == key }
    }

    /// The control's own choice when it names one; else the template whose words occur most often
    /// in its title, description and evidence titles, among those whose frequency and nature fit
    /// (ties: the first in the library); nil when none matches.
    ///
    /// O(templates × words × text length).
    public func choose(for control: Control, evidence: [EvidenceItem]) -> ProcedureTemplate? {
        if !control.procedureTemplate.isEmpty {
            return template(named: control.procedureTemplate)
        }
        let text =
            " "
            + ([control.title, control.description] + evidence.map(\.title)).joined(separator: " ").lowercased()
            .map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : " " } + " "
        let padded = String(text)
        var best: (template: ProcedureTemplate, score: Int)?
        for template in templates {
            if !template.frequencies.isEmpty && !template.frequencies.contains(control.frequency) { continue }
            if !template.natures.isEmpty && !template.natures.contains(control.nature) { continue }
            // A word counts once, as a whole word or phrase.
            let score = template.words.filter { word in
                let phrase = " " + word.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : " " } + " "
                return padded.contains(String(phrase))
            }.count
            if score > 0 && score > (best?.score ?? 0) { best = (template, score) }
        }
        return best?.template
    }
}
