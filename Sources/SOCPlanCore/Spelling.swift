/// How spreadsheets spell things: case, spaces and punctuation vary, the letters do not.
public enum Spelling {
    /// The comparison key of a spelling: lowercase letters and digits only ("Key Control?" → "keycontrol").
    ///
    /// Hot on import (every enum cell): ASCII text takes a byte-level path.
    public static func key(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case 0x80...:
                return String(
                    String.UnicodeScalarView(
                        text.lowercased().unicodeScalars.filter {
                            $0.properties.isAlphabetic || ("0"..."9").contains($0)
                        }))
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text without leading and trailing white space and line breaks.
    ///
    /// Hot on import (every cell): works on Unicode scalars, not grapheme clusters, and returns
    /// most cells, which need no trimming, as they are.
    public static func trimmed(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        // First and last character printable ASCII (not white space): nothing to trim, no property lookup.
        if let first = scalars.first, let last = scalars.last, (0x21...0x7E).contains(first.value),
            (0x21...0x7E).contains(last.value)
        {
            return String(text)
        }
        // ASCII white space at an end, ASCII inside it (the parts of a list cell, "a; b"): on bytes.
        if let substring = text as? Substring, let trimmed = asciiTrimmed(substring) { return trimmed }
        if let string = text as? String, let trimmed = asciiTrimmed(string[...]) { return trimmed }
        guard let first = scalars.first, let last = scalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return String(text) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }

    /// `text` without the ASCII white space (tab, line breaks, space) at either end, or nil when
    /// what is left begins or ends with a non-ASCII character (which may be white space too:
    /// the caller then applies the full rules). The parts of a list cell ("a; b") take this path.
    static func asciiTrimmed(_ text: Substring) -> String? {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start != end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while start != end {
            let before = utf8.index(before: end)
            guard isSpace(utf8[before]) else { break }
            end = before
        }
        if start == end { return "" }
        guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else { return nil }
        return String(text[start..<end])
    }

    /// Splits a list cell on `;`, `,` and line breaks, trimming each part and dropping empty ones.
    ///
    /// Hot on import (several list cells per row): the separators are ASCII, so it scans bytes.
    public static func listItems(_ text: String) -> [String] {
        var items: [String] = []
        func add(_ part: Substring) {
            let item = trimmed(part)
            if !item.isEmpty { items.append(item) }
        }
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            switch utf8[index] {
            case UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                add(text[start..<index])
                start = utf8.index(after: index)
            default: break
            }
            index = utf8.index(after: index)
        }
        add(text[start..<utf8.endIndex])
        return items
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

    /// Up to `limit` candidates close to `text`, closest first (ties in natural order).
    ///
    /// A candidate more than half the text's length (at least 2) away is not close: "ZZZZZ"
    /// suggests nothing rather than three unrelated ids.
    public static func nearest(to text: String, in candidates: [String], limit: Int = 3) -> [String] {
        let target = text.uppercased()
        let cutoff = max(2, target.count / 2)
        return
            candidates
            .map { (candidate: $0, distance: distance(target, $0.uppercased())) }
            .filter { $0.distance <= cutoff }
            .sorted {
                $0.distance != $1.distance ? $0.distance < $1.distance : NaturalOrder.less($0.candidate, $1.candidate)
            }
            .prefix(limit)
            .map(\.candidate)
    }

    /// "did you mean A, B?" when some candidates are close, else `otherwise`.
    public static func didYouMean(_ text: String, in candidates: [String], otherwise: String) -> String {
        let near = nearest(to: text, in: candidates)
        return near.isEmpty ? otherwise : "did you mean \(near.joined(separator: ", "))?"
    }
}

/// A closed set of values with a canonical spelling (its raw value) and accepted variants.
public protocol SpelledEnum: CaseIterable, RawRepresentable, Sendable, Hashable, Codable
where RawValue == String, AllCases == [Self] {
    /// Extra spellings, keyed by `Spelling.key`, beyond the canonical raw values.
    static var aliases: [String: Self] { get }
    /// What the values mean, for error hints ("frequency").
    static var valueName: String { get }
    /// The values as an "allowed values" hint lists them; the canonical spellings unless they need explaining.
    static var allowedHint: String { get }
}

extension SpelledEnum {
    public static var aliases: [String: Self] { [:] }

    /// Parses a loose spelling ("Annually", "semi-annual", "ITDM").
    public init?(spelling: String) {
        if let exact = Self(rawValue: spelling) {
            self = exact
            return
        }
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
    public static var allowedList: String {
        // A closure, not `\.rawValue`: a key path of a generic `Self` is instantiated at run time
        // (a metadata and conformance lookup), and subcommands' help texts read this at every start.
        allCases.map { $0.rawValue }.joined(separator: ", ")
    }

    public static var allowedHint: String { allowedList }
}
