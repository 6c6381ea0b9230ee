/// The five Trust Services categories. Security (the common criteria) is always in scope.
public enum TSCCategory: String, SpelledEnum {
    case security
    case availability
    case confidentiality
    case processingIntegrity = "processing-integrity"
    case privacy

    public static let valueName = "category"
    public static let aliases: [String: TSCCategory] = [
        "commoncriteria": .security, "cc": .security, "pi": .processingIntegrity,
    ]
}

/// One Trust Services criterion (TSC 2017): id, category, group and a short subject in our words.
public struct Criterion: Sendable, Hashable, Codable {
    public var id: CriterionID
    public var category: TSCCategory
    /// The series the criterion belongs to: "CC6", "A1", "PI1", "P4".
    public var group: String
    /// The COSO 2013 principle a CC1–CC5 criterion restates.
    public var cosoPrinciple: Int?
    public var title: String

    public init(id: CriterionID, category: TSCCategory, group: String, cosoPrinciple: Int?, title: String) {
        self.id = id
        self.category = category
        self.group = group
        self.cosoPrinciple = cosoPrinciple
        self.title = title
    }
}

extension CriterionID {
    /// Reads a criterion id the way spreadsheets spell it: "CC 6.1", "cc6.1", "CC6.1 - Logical access".
    ///
    /// Returns the canonical id ("CC6.1") or nil when the text does not start with one.
    /// Whether the id exists in the catalog is the caller's question.
    public static func parse(_ text: some StringProtocol) -> CriterionID? {
        let scalars = Array(text.unicodeScalars.drop(while: { $0.properties.isWhitespace }))
        return scan(scalars[...])?.0
    }
}

extension CriterionID {
    /// Every criterion id in a text, in order: "CC6.1/CC6.2", "CC6.1 & CC 6.2", "see CC6.1".
    ///
    /// An id starts at the beginning of a word (a letter not preceded by a letter or digit);
    /// words that are not an id ("Logical", "access") are passed over.
    public static func all(in text: some StringProtocol) -> [CriterionID] {
        let scalars = Array(text.unicodeScalars)
        var found: [CriterionID] = []
        var index = 0
        func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        while index < scalars.count {
            let startsWord =
                scalars[index].properties.isAlphabetic && (index == 0 || !isWordCharacter(scalars[index - 1]))
            if startsWord, let (id, length) = scan(scalars[index...]) {
                found.append(id)
                index += length
            } else {
                index += 1
            }
        }
        return found
    }

    /// Reads one id at the start of `scalars`: letters, optional spaces, group, ".", item.
    fileprivate static func scan(_ scalars: ArraySlice<Unicode.Scalar>) -> (CriterionID, Int)? {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars.prefix(16))
        var view = Substring(String(text)).unicodeScalars
        let before = view.count
        var prefix = ""
        while let c = view.first, ("A"..."Z").contains(c) || ("a"..."z").contains(c) {
            prefix.unicodeScalars.append(Unicode.Scalar(c.value & ~0x20) ?? c)
            view.removeFirst()
        }
        guard ["CC", "PI", "A", "C", "P"].contains(prefix) else { return nil }
        func skipSpaces() { while let c = view.first, c == " " || c == "\t" { view.removeFirst() } }
        func number() -> Int? {
            var value: Int?
            while let c = view.first, ("0"..."9").contains(c) {
                value = (value ?? 0) * 10 + Int(c.value - 48)
                view.removeFirst()
            }
            return value
        }
        skipSpaces()
        guard let group = number() else { return nil }
        skipSpaces()
        guard view.first == "." else { return nil }
        view.removeFirst()
        skipSpaces()
        guard let item = number() else { return nil }
        if let next = view.first, next.properties.isAlphabetic { return nil }
        return (CriterionID("\(prefix)\(group).\(item)"), before - view.count)
    }
}

/// Strength of a crosswalk link between an ITGC area and a criterion.
public enum CrosswalkStrength: String, SpelledEnum {
    case primary
    case secondary
    public static let valueName = "strength"
}

/// One row of the ITGC ↔ TSC crosswalk.
public struct CrosswalkLink: Sendable, Hashable, Codable {
    public var area: String
    public var areaTitle: String
    public var criterion: CriterionID
    public var strength: CrosswalkStrength

    public init(area: String, areaTitle: String, criterion: CriterionID, strength: CrosswalkStrength) {
        self.area = area
        self.areaTitle = areaTitle
        self.criterion = criterion
        self.strength = strength
    }
}
