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
        var scalars = Substring(text).unicodeScalars.drop(while: { $0.properties.isWhitespace })
        var prefix = ""
        while let c = scalars.first, ("A"..."Z").contains(c) || ("a"..."z").contains(c) {
            prefix.unicodeScalars.append(Unicode.Scalar(c.value & ~0x20) ?? c)
            scalars.removeFirst()
        }
        guard ["CC", "PI", "A", "C", "P"].contains(prefix) else { return nil }
        func skipSpaces() { while let c = scalars.first, c == " " || c == "\t" { scalars.removeFirst() } }
        func number() -> Int? {
            var value: Int?
            while let c = scalars.first, ("0"..."9").contains(c) {
                value = (value ?? 0) * 10 + Int(c.value - 48)
                scalars.removeFirst()
            }
            return value
        }
        skipSpaces()
        guard let group = number() else { return nil }
        skipSpaces()
        guard scalars.first == "." else { return nil }
        scalars.removeFirst()
        skipSpaces()
        guard let item = number() else { return nil }
        if let next = scalars.first, next.properties.isAlphabetic { return nil }
        return CriterionID("\(prefix)\(group).\(item)")
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
