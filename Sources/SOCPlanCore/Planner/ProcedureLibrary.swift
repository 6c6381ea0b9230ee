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
        let padded =
            " " + Self.spaced(([control.title, control.description] + evidence.map(\.title)).joined(separator: " "))
            + " "
        let paddedBytes = Array(padded.utf8)
        let asciiText = paddedBytes.allSatisfy { $0 < 0x80 }
        var best: (template: ProcedureTemplate, score: Int)?
        for template in templates {
            if !template.frequencies.isEmpty && !template.frequencies.contains(control.frequency) { continue }
            if !template.natures.isEmpty && !template.natures.contains(control.nature) { continue }
            // A word counts once, as a whole word or phrase.
            let score = template.words.filter { word in
                let phrase = " " + Self.spaced(word) + " "
                let phraseBytes = Array(phrase.utf8)
                // ASCII on both sides (the usual case): a byte search finds what Foundation's would.
                if asciiText && phraseBytes.allSatisfy({ $0 < 0x80 }) {
                    return Self.bytes(paddedBytes, contain: phraseBytes)
                }
                return padded.contains(phrase)
            }.count
            if score > 0 && score > (best?.score ?? 0) { best = (template, score) }
        }
        return best?.template
    }

    /// Lower case, with every character but letters, digits and "-" made a space.
    static func spaced(_ text: String) -> String {
        // "\r\n" is one character (one space) in the general case, two bytes here: not taken here.
        guard text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else {
            return String(text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : " " })
        }
        let bytes = text.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                return byte
            default: return UInt8(ascii: " ")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func bytes(_ text: [UInt8], contain part: [UInt8]) -> Bool {
        guard !part.isEmpty else { return true }
        guard part.count <= text.count else { return false }
        let first = part[0]
        for start in 0...(text.count - part.count) where text[start] == first {
            var index = 1
            while index < part.count && text[start + index] == part[index] { index += 1 }
            if index == part.count { return true }
        }
        return false
    }
}
