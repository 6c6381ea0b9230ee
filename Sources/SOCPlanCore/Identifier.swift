/// A typed identifier: the tag keeps control, criterion, objective and evidence ids apart.
///
/// Ids compare in natural order ("AC-2" before "AC-10", "CC1.2" before "CC1.10"), so every
/// listing that sorts by id reads the way a person numbers things.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        NaturalOrder.less(lhs.rawValue, rhs.rawValue)
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public enum ControlTag {}
public enum CriterionTag {}
public enum ObjectiveTag {}
public enum EvidenceTag {}

public typealias ControlID = Identifier<ControlTag>
public typealias CriterionID = Identifier<CriterionTag>
public typealias ObjectiveID = Identifier<ObjectiveTag>
public typealias EvidenceID = Identifier<EvidenceTag>

/// Numeric-aware string ordering: runs of digits compare by value, the rest by characters.
public enum NaturalOrder {
    /// Compared on UTF-8 bytes: digits are single bytes, and UTF-8 keeps the order of code points.
    public static func less(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        var l = left.next()
        var r = right.next()
        while let lc = l, let rc = r {
            if let ld = lc.digitValue, let rd = rc.digitValue {
                var lnum = ld
                var rnum = rd
                var ldigits = 1
                var rdigits = 1
                l = left.next()
                while let c = l, let d = c.digitValue {
                    lnum = lnum &* 10 &+ d
                    ldigits += 1
                    l = left.next()
                }
                r = right.next()
                while let c = r, let d = c.digitValue {
                    rnum = rnum &* 10 &+ d
                    rdigits += 1
                    r = right.next()
                }
                if lnum != rnum { return lnum < rnum }
                if ldigits != rdigits { return ldigits < rdigits }
                continue
            }
            if lc != rc { return lc < rc }
            l = left.next()
            r = right.next()
        }
        return l == nil && r != nil
    }
}

extension UInt8 {
    fileprivate var digitValue: Int? {
        (48...57).contains(self) ? Int(self - 48) : nil
    }
}
