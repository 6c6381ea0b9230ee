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

    public var templates: [ProcedureTemplate] { didSet { phrases = Self.phrases(templates) } }
    /// Each template's words as they are searched for (" new user "), made once: `choose` runs for
    /// every control.
    private var phrases: [[Phrase]]

    private struct Phrase: Sendable, Hashable {
        var text: String
        var bytes: [UInt8]
        var isASCII: Bool
    }

    public init(templates: [ProcedureTemplate] = []) {
        self.templates = templates
        phrases = Self.phrases(templates)
    }

    private static func phrases(_ templates: [ProcedureTemplate]) -> [[Phrase]] {
        templates.map { template in
            template.words.map { word in
                let phrase = " " + spaced(word) + " "
                let bytes = Array(phrase.utf8)
                return Phrase(text: phrase, bytes: bytes, isASCII: bytes.allSatisfy { $0 < 0x80 })
            }
        }
    }

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
        for (template, phrases) in zip(templates, phrases) {
            if !template.frequencies.isEmpty && !template.frequencies.contains(control.frequency) { continue }
            if !template.natures.isEmpty && !template.natures.contains(control.nature) { continue }
            // A word counts once, as a whole word or phrase.
            let score = phrases.reduce(0) { count, phrase in
                // ASCII on both sides (the usual case): a byte search finds what Foundation's would.
                let found =
                    asciiText && phrase.isASCII
                    ? Self.bytes(paddedBytes, contain: phrase.bytes) : padded.contains(phrase.text)
                return found ? count + 1 : count
            }
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
