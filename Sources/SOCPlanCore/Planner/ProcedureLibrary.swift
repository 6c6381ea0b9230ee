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

    public var templates: [ProcedureTemplate] { didSet { index = Index(templates) } }
    /// Each template's words as they are searched for, made once: `choose` runs for every control.
    private var index: Index

    public init(templates: [ProcedureTemplate] = []) {
        self.templates = templates
        index = Index(templates)
    }

    /// The templates' words as phrases (" new user "), and the ASCII phrases by their first word.
    ///
    /// A phrase is a space, a spaced word and a space, so where it occurs in a spaced text, its first
    /// run of letters and digits (its anchor) is a whole word of the text: the text's words, looked
    /// up by their bytes' hash, give every place a phrase can occur, and there its bytes are
    /// compared. The same phrases are found as by searching the whole text for each.
    private struct Index: Sendable, Hashable {
        struct Phrase: Sendable, Hashable {
            var text: String
            var bytes: [UInt8]
            var isASCII: Bool
            /// Where the anchor starts in `bytes`; nil when the phrase has none (then it is searched).
            var anchor: Int?
        }
        /// Every template's phrases, one after another.
        var phrases: [Phrase] = []
        /// Each template's range in `phrases`.
        var ranges: [Range<Int>] = []
        /// ASCII phrases with an anchor, by the anchor's hash.
        var byAnchor: [UInt64: [Int]] = [:]
        /// The phrases that are searched for in the whole text (not ASCII, or no anchor).
        var searched: [Int] = []

        init(_ templates: [ProcedureTemplate]) {
            for template in templates {
                let start = phrases.count
                for word in template.words {
                    let text = " " + spaced(word) + " "
                    let bytes = Array(text.utf8)
                    let isASCII = bytes.allSatisfy { $0 < 0x80 }
                    let anchor = isASCII ? bytes.firstIndex { $0 != UInt8(ascii: " ") } : nil
                    let number = phrases.count
                    phrases.append(Phrase(text: text, bytes: bytes, isASCII: isASCII, anchor: anchor))
                    if let anchor {
                        let end = bytes[anchor...].firstIndex(of: UInt8(ascii: " ")) ?? bytes.count
                        byAnchor[Self.hash(bytes[anchor..<end]), default: []].append(number)
                    } else {
                        searched.append(number)
                    }
                }
                ranges.append(start..<phrases.count)
            }
        }

        /// FNV-1a: the words are short, and a collision only adds a place to compare.
        static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }

        /// Which phrases occur in the spaced, padded text.
        func found(in padded: String) -> [Bool] {
            var found = [Bool](repeating: false, count: phrases.count)
            let text = Array(padded.utf8)
            guard text.allSatisfy({ $0 < 0x80 }) else {
                for number in phrases.indices { found[number] = padded.contains(phrases[number].text) }
                return found
            }
            for number in searched {
                let phrase = phrases[number]
                found[number] =
                    phrase.isASCII ? ProcedureLibrary.bytes(text, contain: phrase.bytes) : padded.contains(phrase.text)
            }
            var start = 0
            while start < text.count {
                guard text[start] != UInt8(ascii: " ") else {
                    start += 1
                    continue
                }
                var end = start
                while end < text.count && text[end] != UInt8(ascii: " ") { end += 1 }
                for number in byAnchor[Self.hash(text[start..<end])] ?? [] where !found[number] {
                    let phrase = phrases[number]
                    let at = start - phrase.anchor!
                    guard at >= 0, at + phrase.bytes.count <= text.count else { continue }
                    found[number] = text[at..<(at + phrase.bytes.count)].elementsEqual(phrase.bytes)
                }
                start = end
            }
            return found
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
    /// O(text length + templates' words).
    public func choose(for control: Control, evidence: [EvidenceItem]) -> ProcedureTemplate? {
        if !control.procedureTemplate.isEmpty {
            return template(named: control.procedureTemplate)
        }
        let padded =
            " " + Self.spaced(([control.title, control.description] + evidence.map(\.title)).joined(separator: " "))
            + " "
        // A word counts once, as a whole word or phrase.
        let found = index.found(in: padded)
        // (By place: a copy of each template per control would retain its every string.)
        var best: (place: Int, score: Int)?
        for (place, range) in index.ranges.enumerated() {
            let frequencies = templates[place].frequencies
            if !frequencies.isEmpty && !frequencies.contains(control.frequency) { continue }
            let natures = templates[place].natures
            if !natures.isEmpty && !natures.contains(control.nature) { continue }
            let score = found[range].reduce(0) { $1 ? $0 + 1 : $0 }
            if score > 0 && score > (best?.score ?? 0) { best = (place, score) }
        }
        return best.map { templates[$0.place] }
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
