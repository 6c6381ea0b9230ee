/// A small, strict XML scanner for the parts of an .xlsx package (SAX style: start tags with
/// their attributes, end tags, text).
///
/// It reads UTF-8 (a byte order mark is skipped); skips the XML declaration, processing
/// instructions and comments; reports CDATA sections as text; decodes the five predefined
/// entities and character references in text and attribute values, and normalises tabs and line
/// breaks in attribute values to spaces, as XML requires. It refuses a document type declaration
/// (an .xlsx part has none, and entities declared there are how "billion laughs" files work),
/// unknown entities, unbalanced tags and unterminated constructs, with the line.
enum XMLScanner {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    static func scan(
        _ bytes: [UInt8], start: (String, [String: String]) -> Void, end: (String) -> Void,
        characters: (String) -> Void
    ) throws(Failure) {
        var scanner = Scanner(bytes: bytes)
        try scanner.run(start: start, end: end, characters: characters)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var open: [String] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        func fail(_ reason: String, at position: Int? = nil) -> Failure {
            let end = min(position ?? index, bytes.count)
            return Failure(line: bytes[..<end].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }, reason: reason)
        }

        func starts(with text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            return position + pattern.count <= bytes.count
                && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
        }

        /// The position just past `terminator`, searching from `index`.
        func find(_ terminator: String, from position: Int) -> Int? {
            let pattern = Array(terminator.utf8)
            var at = position
            while at + pattern.count <= bytes.count {
                if bytes[at] == pattern[0] && bytes[at..<(at + pattern.count)].elementsEqual(pattern) {
                    return at + pattern.count
                }
                at += 1
            }
            return nil
        }

        mutating func run(
            start: (String, [String: String]) -> Void, end: (String) -> Void, characters: (String) -> Void
        ) throws(Failure) {
            var sawRoot = false
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    let stop = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                    let text = try decode(index, stop, attribute: false)
                    if open.isEmpty {
                        guard text.allSatisfy(\.isWhitespace) else { throw fail("text outside the root element") }
                    } else {
                        characters(text)
                    }
                    index = stop
                    continue
                }
                if starts(with: "<?", at: index) {
                    guard let next = find("?>", from: index + 2) else { throw fail("unterminated <?") }
                    index = next
                } else if starts(with: "<!--", at: index) {
                    guard let next = find("-->", from: index + 4) else { throw fail("unterminated comment") }
                    index = next
                } else if starts(with: "<![CDATA[", at: index) {
                    guard !open.isEmpty, let next = find("]]>", from: index + 9) else {
                        throw fail("unterminated or misplaced CDATA section")
                    }
                    characters(String(decoding: bytes[(index + 9)..<(next - 3)], as: UTF8.self))
                    index = next
                } else if starts(with: "<!", at: index) {
                    throw fail("a document type declaration, which an .xlsx part never has")
                } else if starts(with: "</", at: index) {
                    guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else {
                        throw fail("unterminated end tag")
                    }
                    let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self).trimmingSpaces()
                    guard let expected = open.popLast(), expected == name else {
                        throw fail("end tag </\(name)> does not match the open element")
                    }
                    end(name)
                    index = close + 1
                } else {
                    guard !(sawRoot && open.isEmpty) else { throw fail("a second root element") }
                    sawRoot = true
                    let (name, attributes, selfClosing) = try tag()
                    start(name, attributes)
                    if selfClosing { end(name) } else { open.append(name) }
                }
            }
            if let unclosed = open.last { throw fail("<\(unclosed)> is not closed") }
            if !sawRoot { throw fail("no element") }
        }

        /// A start tag at `index`: its name, attributes and whether it closes itself.
        mutating func tag() throws(Failure) -> (String, [String: String], Bool) {
            let begin = index
            index += 1
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
            func isNameEnd(_ byte: UInt8) -> Bool {
                isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
            }
            func name() throws(Failure) -> String {
                let from = index
                while index < bytes.count && !isNameEnd(bytes[index]) { index += 1 }
                guard index > from else { throw fail("a tag without a name", at: begin) }
                return String(decoding: bytes[from..<index], as: UTF8.self)
            }
            let element = try name()
            var attributes: [String: String] = [:]
            while true {
                while index < bytes.count && isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else { throw fail("unterminated tag <\(element)", at: begin) }
                if bytes[index] == UInt8(ascii: ">") {
                    index += 1
                    return (element, attributes, false)
                }
                if starts(with: "/>", at: index) {
                    index += 2
                    return (element, attributes, true)
                }
                let key = try name()
                while index < bytes.count && isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    throw fail("attribute \(key) of <\(element)> has no value")
                }
                index += 1
                while index < bytes.count && isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
                else { throw fail("attribute \(key) of <\(element)> is not quoted") }
                let quote = bytes[index]
                guard let close = bytes[(index + 1)...].firstIndex(of: quote) else {
                    throw fail("attribute \(key) of <\(element)> is not closed")
                }
                guard attributes[key] == nil else { throw fail("attribute \(key) given twice in <\(element)>") }
                attributes[key] = try decode(index + 1, close, attribute: true)
                index = close + 1
            }
        }

        /// The text of `bytes[from..<to]` with entities and character references decoded.
        func decode(_ from: Int, _ to: Int, attribute: Bool) throws(Failure) -> String {
            let slice = bytes[from..<to]
            if !slice.contains(UInt8(ascii: "&")) && !(attribute && slice.contains(where: { $0 < 0x20 })) {
                return String(decoding: slice, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(slice.count)
            var at = from
            while at < to {
                let byte = bytes[at]
                if attribute && (byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                    out.append(0x20)
                    at += 1
                    continue
                }
                guard byte == UInt8(ascii: "&") else {
                    out.append(byte)
                    at += 1
                    continue
                }
                guard let semicolon = bytes[at..<to].firstIndex(of: UInt8(ascii: ";")) else {
                    throw fail("an & that starts no entity", at: at)
                }
                let entity = String(decoding: bytes[(at + 1)..<semicolon], as: UTF8.self)
                let scalar: Unicode.Scalar?
                switch entity {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
                    } else {
                        scalar = nil
                    }
                }
                guard let scalar else { throw fail("unknown entity &\(entity);", at: at) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                at = semicolon + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(
            drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.reversed().drop {
                $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
            }.reversed())
    }
}
