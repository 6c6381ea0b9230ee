import ArgumentParser
import Foundation

/// `--help` wrapped to the terminal, with the example command lines kept whole so that they paste.
///
/// ArgumentParser wraps every line of the help, examples included, at the terminal width
/// (`COLUMNS`, else the terminal's own width, else 80). socplan asks it for the help unwrapped
/// (very wide) and wraps it here the same way, except the lines that are commands.
enum HelpText {
    /// The width ArgumentParser would use: `COLUMNS`, else the terminal's, else 80.
    static var width: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// A line that is a command to paste: `socplan …` (or `$ socplan …`), whatever its indentation.
    static func isExample(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " }
        return trimmed.hasPrefix("socplan ") || trimmed.hasPrefix("$ ")
    }

    /// A line of running prose in a discussion: it starts at the margin, and is no list item.
    static func isProse(_ line: Substring) -> Bool {
        guard let first = line.first, first != " " else { return false }
        return !isExample(line) && !["- ", "* ", "• ", "|"].contains { line.hasPrefix($0) }
    }

    /// The discussion's paragraphs as one line each: the source breaks them at its own width,
    /// and wrapping those lines again leaves short ragged ones. A line ending in ":" (it
    /// introduces a list or examples) ends its paragraph.
    static func paragraphs(_ lines: [Substring]) -> [Substring] {
        guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }), usage > 1 else { return lines }
        var result: [Substring] = [lines[0]]
        for line in lines[1..<usage] {
            if let previous = result.last, isProse(previous), isProse(line), !previous.hasSuffix(":"),
                !previous.hasPrefix("OVERVIEW:")
            {
                result[result.count - 1] = previous + " " + line
            } else {
                result.append(line)
            }
        }
        return result + lines[usage...]
    }

    /// Wraps `text` to `width` columns; example lines (and the lines a trailing `\` continues
    /// them on) stay whole.
    static func wrap(_ text: String, width: Int) -> String {
        let width = max(width, 20)
        var continued = false
        return paragraphs(text.split(separator: "\n", omittingEmptySubsequences: false)).map { line -> String in
            let example = continued || isExample(line)
            continued = example && line.hasSuffix("\\")
            guard line.count > width, !example else { return String(line) }
            return wrapLine(line, width: width, indent: hangingIndent(line)).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Where a long line's continuation lines start: the help column of an option or subcommand
    /// (26), after "USAGE: " (7), else under the line's own first character.
    static func hangingIndent(_ line: Substring) -> Int {
        let characters = Array(line)
        let column = 26
        if characters.count > column, characters[0] == " ", characters[column - 1] == " ",
            characters[column - 2] == " ", characters[column] != " "
        {
            return column
        }
        if line.hasPrefix("USAGE: ") { return 7 }
        return characters.prefix { $0 == " " }.count
    }

    static func wrapLine(_ line: Substring, width: Int, indent: Int) -> [String] {
        let indent = indent >= width - 10 ? 0 : indent
        let lead = line.prefix { $0 == " " }
        var lines: [String] = []
        var current = String(lead)
        var currentHasWord = false
        for word in line.dropFirst(lead.count).split(separator: " ", omittingEmptySubsequences: false) {
            if currentHasWord, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
                continue
            }
            current += (currentHasWord ? " " : "") + word
            currentHasWord = true
        }
        lines.append(current)
        return lines
    }
}
