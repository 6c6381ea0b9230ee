import Foundation
import SOCPlanCore

/// Shows a number cell through its number format, the way a spreadsheet shows it.
///
/// Covers what control matrices use: General, fixed decimals (`0.00`), zero padding (`000`),
/// thousands separators, percentages, scientific notation, literal prefixes and suffixes, text
/// (`@`), and every date and time format (shown as ISO `YYYY-MM-DD`, `HH:MM`). Fractions and
/// conditions fall back to General.
enum NumberFormat {
    /// The formats a workbook may use by id without declaring them.
    static let builtIn: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
        12: "General", 13: "General", 14: "yyyy-mm-dd", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
        18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy-mm-dd h:mm",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;(#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;(#,##0.00)",
        45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
    ]

    static func display(_ value: Double, code: String, date1904: Bool) -> String {
        guard value.isFinite else { return general(value) }
        var sections = split(code)
        if sections.isEmpty { sections = ["General"] }
        // Sections: positive; negative; zero; text. A negative section shows the absolute value.
        var section = sections[0]
        var number = value
        if value < 0, sections.count > 1, !sections[1].isEmpty {
            section = sections[1]
            number = -value
        } else if value == 0, sections.count > 2, !sections[2].isEmpty {
            section = sections[2]
        }
        let tokens = tokenize(section)
        if tokens.contains(where: { if case .dateTime = $0 { true } else { false } }) {
            return dateTime(value, tokens: tokens, date1904: date1904)
        }
        let placeholders = tokens.contains { if case .placeholder = $0 { true } else { false } }
        if tokens.contains(where: { $0 == .text }) || !placeholders {
            if tokens.contains(where: { $0 == .general }) || !placeholders {
                let literal = tokens.compactMap { token -> String? in
                    if case .literal(let text) = token { text } else { nil }
                }.joined()
                return tokens.contains(.general) || literal.isEmpty ? general(number) : literal
            }
            return general(number)
        }
        return numeric(number, tokens: tokens)
    }

    /// Up to 15 significant digits, without trailing zeros: 1200000, 0.1, 1.23456789012346E+20.
    static func general(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        if !value.isFinite { return String(value) }
        var text = String(format: "%.15G", value)
        if let exponent = text.firstIndex(of: "E") {
            var mantissa = String(text[..<exponent])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            var power = String(text[text.index(after: exponent)...])
            let sign = power.first == "-" ? "-" : "+"
            power = String(power.drop { $0 == "+" || $0 == "-" || $0 == "0" })
            text = mantissa + "E" + sign + (power.isEmpty ? "0" : power)
        } else if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    enum Token: Equatable {
        case literal(String)
        case placeholder(Character)  // 0 # ?
        case decimalPoint, comma, percent, general, text
        case exponent(String)  // "E+" or "E-"
        case dateTime(String)  // a run of y, m, d, h, s; or AM/PM
    }

    /// Splits a format code on `;` outside quotes and brackets.
    static func split(_ code: String) -> [String] {
        var sections: [String] = []
        var current = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case ";" where !inQuote && !inBracket:
                sections.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        sections.append(current)
        return sections
    }

    static func tokenize(_ section: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(section)
        var index = 0
        func literal(_ text: String) {
            if case .literal(let previous)? = tokens.last {
                tokens[tokens.count - 1] = .literal(previous + text)
            } else {
                tokens.append(.literal(text))
            }
        }
        while index < characters.count {
            let character = characters[index]
            let lower = Character(character.lowercased())
            switch character {
            case "\"":
                var text = ""
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    text.append(characters[index])
                    index += 1
                }
                literal(text)
            case "\\":
                if index + 1 < characters.count { literal(String(characters[index + 1])) }
                index += 1
            case "_":
                literal(" ")
                index += 1
            case "*":
                index += 1
            case "[":
                // Colours, conditions and locales say nothing about the text; [h] [mm] [ss] are elapsed time.
                var inside = ""
                index += 1
                while index < characters.count, characters[index] != "]" {
                    inside.append(characters[index])
                    index += 1
                }
                let key = inside.lowercased()
                if !key.isEmpty, key.allSatisfy({ "hms".contains($0) }) { tokens.append(.dateTime(key)) }
            case "0", "#", "?": tokens.append(.placeholder(character))
            case ".": tokens.append(.decimalPoint)
            case ",": tokens.append(.comma)
            case "%": tokens.append(.percent)
            case "@": tokens.append(.text)
            case "E"
            where index + 1 < characters.count && (characters[index + 1] == "+" || characters[index + 1] == "-"):
                tokens.append(.exponent("E" + String(characters[index + 1])))
                index += 1
            default:
                if section.dropFirst(index).lowercased().hasPrefix("general") {
                    tokens.append(.general)
                    index += 7
                    continue
                }
                if section.dropFirst(index).uppercased().hasPrefix("AM/PM") {
                    tokens.append(.dateTime("am/pm"))
                    index += 5
                    continue
                }
                if section.dropFirst(index).uppercased().hasPrefix("A/P") {
                    tokens.append(.dateTime("am/pm"))
                    index += 3
                    continue
                }
                if "ymdhsge".contains(lower) && (lower != "e" && lower != "g") {
                    var run = String(lower)
                    while index + 1 < characters.count, Character(characters[index + 1].lowercased()) == lower {
                        run.append(lower)
                        index += 1
                    }
                    tokens.append(.dateTime(run))
                } else {
                    literal(String(character))
                }
            }
            index += 1
        }
        return tokens
    }

    /// A number through placeholders: decimals, minimum digits, grouping, percent, exponent, literals.
    static func numeric(_ value: Double, tokens: [Token]) -> String {
        var value = value
        var integerZeros = 0
        var decimals = 0
        var grouping = false
        var afterPoint = false
        var exponent: String?
        var exponentDigits = 0
        var prefix = ""
        var suffix = ""
        var seenPlaceholder = false
        var scale = 0  // commas right after the last placeholder divide by 1000 each
        for (position, token) in tokens.enumerated() {
            switch token {
            case .placeholder(let kind):
                seenPlaceholder = true
                scale = 0
                if exponent != nil {
                    exponentDigits += 1
                } else if afterPoint {
                    decimals += 1
                } else if kind == "0" {
                    integerZeros += 1
                }
            case .decimalPoint: afterPoint = true
            case .comma:
                let nextIsPlaceholder =
                    tokens.dropFirst(position + 1).first.map { if case .placeholder = $0 { true } else { false } }
                    ?? false
                if seenPlaceholder && !afterPoint && nextIsPlaceholder {
                    grouping = true
                } else if seenPlaceholder {
                    scale += 1
                }
            case .percent:
                value *= 100
                if seenPlaceholder { suffix += "%" } else { prefix += "%" }
            case .exponent(let sign): exponent = sign
            case .literal(let text):
                if seenPlaceholder { suffix += text } else { prefix += text }
            default: break
            }
        }
        if scale > 0 { value /= pow(1000, Double(scale)) }
        let negative = value < 0
        value = abs(value)
        var body: String
        if let exponent {
            var power = 0
            if value != 0 {
                power = Int(floor(log10(value)))
                value /= pow(10, Double(power))
                if (value * pow(10, Double(decimals))).rounded() >= 10 * pow(10, Double(decimals)) {
                    value /= 10
                    power += 1
                }
            }
            body = String(format: "%.\(decimals)f", value)
            let digits = String(format: "%0\(max(exponentDigits, 1))d", abs(power))
            body += "E" + (power < 0 ? "-" : (exponent == "E+" ? "+" : "")) + digits
        } else {
            body = String(format: "%.\(decimals)f", value)
            var parts = body.split(separator: ".", maxSplits: 1).map(String.init)
            var integer = parts[0]
            if integer == "0" && integerZeros == 0 { integer = "" }
            while integer.count < integerZeros { integer = "0" + integer }
            if grouping {
                var grouped = ""
                for (offset, digit) in integer.reversed().enumerated() {
                    if offset > 0 && offset % 3 == 0 { grouped.append(",") }
                    grouped.append(digit)
                }
                integer = String(grouped.reversed())
            }
            parts[0] = integer
            body = parts.joined(separator: ".")
            if body.isEmpty { body = "0" }
        }
        let isZero = body.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
        return (negative && !isZero ? "-" : "") + prefix + body + suffix
    }

    /// A date, a time or both: always ISO, whatever the format's order and separators.
    static func dateTime(_ value: Double, tokens: [Token], date1904: Bool) -> String {
        let runs = tokens.compactMap { token -> String? in if case .dateTime(let run) = token { run } else { nil } }
        let hasTime = runs.contains { $0.hasPrefix("h") || $0.hasPrefix("s") || $0.hasPrefix("[") || $0 == "am/pm" }
        let hasDate =
            runs.contains { $0.hasPrefix("y") || $0.hasPrefix("d") }
            || (!hasTime && runs.contains { $0.hasPrefix("m") })
        let elapsedHours = runs.contains("h") && runs.contains { $0.first == "h" && $0.count > 2 }
        _ = elapsedHours
        var days = floor(value)
        var seconds = ((value - days) * 86_400).rounded()
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let date = day(serial: Int(days), date1904: date1904)
        let hours = Int(seconds) / 3600
        let minutes = Int(seconds) % 3600 / 60
        let secs = Int(seconds) % 60
        let showSeconds = runs.contains { $0.hasPrefix("s") }
        var time = String(format: "%02d:%02d", hours, minutes)
        if showSeconds { time += String(format: ":%02d", secs) }
        if hasDate && hasTime { return seconds == 0 ? date.description : "\(date) \(time)" }
        if hasTime { return time }
        return seconds == 0 ? date.description : "\(date) \(time)"
    }

    /// The day of a serial date number. 1900 system: day 1 is 1900-01-01 and the non-existent
    /// 1900-02-29 is day 60 (a bug kept for Lotus 1-2-3 compatibility).
    static func day(serial: Int, date1904: Bool) -> Day {
        if date1904 { return Day(ordinal: serial - 24_107) }
        return Day(ordinal: serial - 25_569 + (serial < 61 ? 1 : 0))
    }

    /// The serial number of a day in the 1900 date system.
    static func serial(_ day: Day) -> Int { day.ordinal + 25_569 }
}
