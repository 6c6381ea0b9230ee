import Foundation

/// Control owners as roles: what section 3 lists and procedures name.
///
/// Spreadsheets often add the person ("IT Manager (Jane Doe)") and spell one role several ways
/// ("IT Ops Manager", "IT Operations Mgr"); a system description names each role once.
public enum Roles {
    /// The role without a person's name in parentheses or after a dash: "IT Manager (Jane Doe)" → "IT Manager".
    public static func role(_ owner: String) -> String {
        if let ascii = asciiRole(owner) { return ascii }
        var text = owner
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            text.removeSubrange(open...close)
        }
        if let open = text.firstIndex(of: "(") { text.removeSubrange(open...) }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: [",", ";", "-", " "])
    }

    /// `role` of an ASCII owner without parentheses, on its bytes (the usual case; the same result):
    /// white space runs made one space, then ",", ";", "-" and spaces trimmed from both ends. Nil
    /// for any other owner.
    private static func asciiRole(_ owner: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(owner.utf8.count)
        var space = false
        for byte in owner.utf8 {
            guard byte < 0x80, byte != UInt8(ascii: "(") else { return nil }
            // ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space.
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20) }
                space = false
                out.append(byte)
            }
        }
        func kept(_ byte: UInt8) -> Bool {
            byte != UInt8(ascii: ",") && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "-") && byte != 0x20
        }
        guard let start = out.firstIndex(where: kept), let end = out.lastIndex(where: kept)
        else { return "" }
        return String(decoding: out[start...end], as: UTF8.self)
    }

    /// Abbreviations a role is spelled with, and the word they stand for.
    static let abbreviations: [String: String] = [
        "mgr": "manager", "mngr": "manager", "ops": "operations", "sr": "senior", "jr": "junior", "eng": "engineering",
        "engg": "engineering", "dir": "director", "admin": "administrator", "sec": "security",
        "infosec": "informationsecurity",
        "vp": "vicepresident", "svp": "seniorvicepresident", "asst": "assistant", "coord": "coordinator", "and": "",
        "of": "", "the": "",
    ]

    /// The key two spellings of one role share: case, punctuation, "&"/"and" and common
    /// abbreviations do not count.
    public static func key(_ role: String) -> String {
        let words = Roles.role(role).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.map { abbreviations[String($0)] ?? String($0) }.joined()
    }

    /// One entry per role, in the spelling most controls use (ties: the first alphabetically),
    /// with the other spellings that were merged into it. Sorted by the chosen spelling.
    public static func merged(_ owners: [String]) -> [(role: String, spellings: [String])] {
        var counts: [String: [String: Int]] = [:]
        // A few dozen owners own thousands of controls: each owner's role and key worked out once.
        var known: [String: (role: String, key: String)] = [:]
        for owner in owners {
            if known[owner] == nil {
                let role = role(owner)
                known[owner] = (role, role.isEmpty ? "" : key(role))
            }
            guard let (role, shared) = known[owner], !role.isEmpty else { continue }
            counts[shared, default: [:]][role, default: 0] += 1
        }
        return counts.values.map { spellings in
            let ranked = spellings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            return (ranked[0].key, ranked.dropFirst().map(\.key).sorted())
        }.sorted { $0.role < $1.role }
    }
}
