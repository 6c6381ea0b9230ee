import Foundation

/// A word or phrase of the suggestion lexicon that points a control at an area, with its weight.
///
/// `area` is an ITGC area of the crosswalk ("change-management"), an area with no SOC 1 objective
/// ("entity-level", "privacy"), `frequency:VALUE`, `nature:VALUE`, or `objective:ID` (the own words of
/// one business-process objective). A trailing `*` on the term
/// matches any ending of its last word ("deploy*": deploy, deployed, deployment).
public struct LexiconTerm: Sendable, Hashable, Codable {
    public var area: String
    public var term: String
    public var weight: Double

    public init(area: String, term: String, weight: Double) {
        self.area = area
        self.term = term
        self.weight = weight
    }
}

/// Words of a text, lower-cased and lightly stemmed, for matching lexicon terms and objective words.
///
/// Splits on anything but letters and digits; drops a plural "s" ("changes" → "change", "policies"
/// → "policy", "taxes" → "tax") but keeps "ss", "us" and "is" endings (access, status, analysis).
struct Words: Sendable {
    let tokens: [String]

    init(_ text: String) {
        var tokens: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(Self.stem(current))
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(Self.stem(current)) }
        self.tokens = tokens
    }

    static func stem(_ word: String) -> String {
        if word.count > 4, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.count > 4, ["xes", "ches", "shes"].contains(where: word.hasSuffix) { return String(word.dropLast(2)) }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }

    /// Whether the term's words occur here in sequence; a `*` ending matches by prefix.
    func contains(_ term: Pattern) -> Bool {
        guard !term.words.isEmpty, tokens.count >= term.words.count else { return false }
        for start in 0...(tokens.count - term.words.count) {
            var matched = true
            for (offset, word) in term.words.enumerated() {
                let token = tokens[start + offset]
                let last = offset == term.words.count - 1
                if last && term.prefix ? !token.hasPrefix(word) : token != word {
                    matched = false
                    break
                }
            }
            if matched { return true }
        }
        return false
    }

    /// A lexicon term in matching form.
    struct Pattern: Sendable, Hashable {
        var words: [String]
        var prefix: Bool

        init(_ term: String) {
            let trimmed = term.trimmingCharacters(in: .whitespaces)
            prefix = trimmed.hasSuffix("*")
            let body = prefix ? String(trimmed.dropLast()) : trimmed
            // A prefix is matched as typed (not stemmed): "polic*" must still match "policies".
            var split = Words(body).tokens
            if prefix, let raw = body.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).last {
                split[split.count - 1] = String(raw)
            }
            words = split
        }
    }
}

extension Words {
    /// Words too common in control and objective text to say anything about the area.
    static let stopWords: Set<String> = [
        "a", "about", "after", "all", "an", "and", "any", "are", "as", "assurance", "at", "be", "before", "by",
        "can", "control", "controlled", "each", "for", "from", "has", "have", "in", "into", "is", "it", "its",
        "made", "manner", "may", "must", "no", "not", "of", "on", "only", "or", "other", "per", "provide",
        "reasonable", "so", "such", "that", "the", "their", "them", "these", "they", "this", "those", "through",
        "to", "under", "upon", "using", "was", "were", "when", "where", "which", "while", "who", "whose", "will",
        "with", "within", "without", "authorized", "approved", "accurate", "accurately", "complete", "completely",
        "timely", "appropriate", "company", "management", "personnel", "process", "processed", "data", "system",
        "scope", "in-scope", "identified", "monitored", "reviewed", "time", "new", "used", "use", "according",
        "maintained", "performed", "documented", "entered", "access", "security", "unauthorized",
    ]

    /// The distinct words that carry meaning, in first-seen order.
    var contentWords: [String] {
        var seen = Set<String>()
        return tokens.filter { $0.count > 2 && !Self.stopWords.contains($0) && seen.insert($0).inserted }
    }
}

/// Finds the lexicon terms of each area in a text; built once per model.
struct Lexicon: Sendable {
    struct Entry: Sendable {
        var term: String
        var pattern: Words.Pattern
        var weight: Double
    }

    /// Area → its terms, in file order.
    let areas: [String: [Entry]]

    init(_ terms: [LexiconTerm]) {
        var areas: [String: [Entry]] = [:]
        for term in terms {
            areas[term.area, default: []].append(
                Entry(term: term.term, pattern: Words.Pattern(term.term), weight: term.weight))
        }
        self.areas = areas
    }

    /// The terms of `area` found in `words`, each once, in lexicon order.
    func matches(_ area: String, in words: Words) -> [Entry] {
        (areas[area] ?? []).filter { words.contains($0.pattern) }
    }
}
