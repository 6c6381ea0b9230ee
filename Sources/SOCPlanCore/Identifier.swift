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
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in less(x, y) } }
    }

    private static func less(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var j = 0
        while i < x.count && j < y.count {
            if x[i].digitValue != nil, y[j].digitValue != nil {
                var (lnum, rnum, ldigits, rdigits) = (0, 0, 0, 0)
                while i < x.count, let d = x[i].digitValue {
                    lnum = lnum &* 10 &+ d
                    ldigits += 1
                    i += 1
                }
                while j < y.count, let d = y[j].digitValue {
                    rnum = rnum &* 10 &+ d
                    rdigits += 1
                    j += 1
                }
                if lnum != rnum { return lnum < rnum }
                if ldigits != rdigits { return ldigits < rdigits }
                continue
            }
            if x[i] != y[j] { return x[i] < y[j] }
            i += 1
            j += 1
        }
        return i == x.count && j < y.count
    }
}

extension UInt8 {
    fileprivate var digitValue: Int? {
        (48...57).contains(self) ? Int(self - 48) : nil
    }
}
