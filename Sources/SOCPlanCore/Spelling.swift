/// How spreadsheets spell things: case, spaces and punctuation vary, the letters do not.
public enum Spelling {
    /// The comparison key of a spelling: lowercase letters and digits only ("Key Control?" → "keycontrol").
    public static func key(_ text: some StringProtocol) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    /// Lowercased, trimmed, runs of white space folded to one space: for matching titles.
    public static func folded(_ text: some StringProtocol) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Edit distance between two strings (Levenshtein), for "did you mean" hints.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Up to `limit` candidates closest to `text`, closest first (ties in natural order).
    public static func nearest(to text: String, in candidates: [String], limit: Int = 3) -> [String] {
        let target = text.uppercased()
        return candidates
            .map { (candidate: $0, distance: distance(target, $0.uppercased())) }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : NaturalOrder.less($0.candidate, $1.candidate) }
            .prefix(limit)
            .map(\.candidate)
    }
}

/// A closed set of values with a canonical spelling (its raw value) and accepted variants.
public protocol SpelledEnum: CaseIterable, RawRepresentable, Sendable, Hashable, Codable
where RawValue == String, AllCases == [Self] {
    /// Extra spellings, keyed by `Spelling.key`, beyond the canonical raw values.
    static var aliases: [String: Self] { get }
    /// What the values mean, for error hints ("frequency").
    static var valueName: String { get }
}

extension SpelledEnum {
    public static var aliases: [String: Self] { [:] }

    /// Parses a loose spelling ("Annually", "semi-annual", "ITDM").
    public init?(spelling: String) {
        let key = Spelling.key(spelling)
        if let match = Self.allCases.first(where: { Spelling.key($0.rawValue) == key }) {
            self = match
        } else if let alias = Self.aliases[key] {
            self = alias
        } else {
            return nil
        }
    }

    /// The canonical spellings, for "allowed values" hints.
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
