import ArgumentParser
import Foundation
import SOCPlanCore
import SOCPlanIO
import SOCPlanStore

/// An error worded for the person at the terminal; exits with status 1.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var hint = ""
    var description: String { hint.isEmpty ? message : "\(message)\n    hint: \(hint)" }
}

/// Options every workspace command takes.
struct WorkspaceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The workspace file (default: $SOCPLAN_WORKSPACE, else ./socplan.sqlite).", valueName: "path"))
    var workspace: String?

    var path: String {
        if let workspace { return workspace }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SOCPLAN_WORKSPACE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "socplan.sqlite"
    }

    func open() throws -> Store { try Store.open(at: path) }
}

/// `--format` for list-like commands: a table on a terminal, CSV when piped.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv, json or md (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    var resolved: OutputFormat { format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv) }
}

extension OutputFormat: ExpressibleByArgument {
    /// The help of a `--format` option that offers the four text formats.
    static let help: ArgumentHelp = "Output format."
}

enum Console {
    enum Stream { case standardOutput, standardError }

    static func write(_ text: String, to stream: Stream = .standardOutput) {
        let handle = stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        write("\(paint("error", .error, on: .standardError)): \(message)\n", to: .standardError)
    }
    static func note(_ message: String) { write("\(message)\n", to: .standardError) }

    /// Colour only for a person at a terminal: the stream is a terminal (never a file or a pipe)
    /// and `NO_COLOR` is unset or empty (https://no-color.org).
    static func colours(_ stream: Stream) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO) != 0
    }

    /// The severity word in red (error) or yellow (warning) when `stream` takes colour.
    static func paint(_ text: String, _ severity: Diagnostic.Severity, on stream: Stream) -> String {
        guard colours(stream) else { return text }
        switch severity {
        case .error: return "\u{1B}[1;31m\(text)\u{1B}[0m"
        case .warning: return "\u{1B}[33m\(text)\u{1B}[0m"
        case .note: return text
        }
    }

    /// How many alike warnings (or notes) a terminal shows one by one before they become one line.
    static let groupThreshold = 3

    /// One diagnostic or group for a terminal: `warning[code]: message`, the others' ids, the hint.
    static func lines(_ group: DiagnosticGroup, on stream: Stream, withCode: Bool = true, location: Bool = false)
        -> String
    {
        let diagnostic = group.first
        var head: String
        if location, !group.isGroup {
            // The diagnostic's own rendering, with its file and place.
            var plain = diagnostic
            plain.hint = ""
            let rendered = plain.rendered
            let word = diagnostic.severity.rawValue
            if let range = rendered.range(of: "\(word): ") {
                head =
                    rendered[..<range.lowerBound] + paint(word, diagnostic.severity, on: stream) + ": "
                    + rendered[range.upperBound...]
            } else {
                head = rendered
            }
        } else {
            let subject = diagnostic.subject ?? ""
            let message =
                group.isGroup || subject.isEmpty || diagnostic.message.contains(subject)
                ? group.summary : "\(subject): \(diagnostic.message)"
            let word = paint(diagnostic.severity.rawValue, diagnostic.severity, on: stream)
            head = withCode ? "\(word)[\(diagnostic.code)]: \(message)" : "\(word): \(message)"
        }
        var text = head + "\n"
        let others = group.otherSubjects
        if group.isGroup, !others.isEmpty {
            // A terminal line of hundreds of ids helps nobody: the first ones, and how many more.
            let shown = others.prefix(othersShown).joined(separator: ", ")
            let more = others.count > othersShown ? ", and \(others.count - othersShown) more" : ""
            text += "    the others: \(shown)\(more)\n"
        }
        if !diagnostic.hint.isEmpty { text += "    hint: \(diagnostic.hint)\n" }
        return text
    }

    /// How many of a group's other ids a terminal line lists (`--format csv` or `json` of `check`
    /// lists each diagnostic).
    static let othersShown = 30

    /// Prints diagnostics to stderr, errors first, then a one-line count. Warnings and notes of one
    /// code that repeat more than `groupThreshold` times are one line with the count and the ids.
    static func report(_ diagnostics: [Diagnostic]) {
        let ordered = diagnostics.map(Wording.forCommandLine).enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        for group in DiagnosticGroup.grouped(
            ordered, threshold: groupThreshold, grouping: [.warning, .note], onlyWithSubject: true)
        {
            write(lines(group, on: .standardError, withCode: false, location: true), to: .standardError)
        }
        let errors = diagnostics.errors.count
        let warnings = diagnostics.warnings.count
        if errors + warnings > 0 {
            write("\(plural(errors, "error")), \(plural(warnings, "warning"))\n", to: .standardError)
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

/// What a command keeps until the process ends instead of freeing it just before: a plan of
/// 10,000 controls takes about 65 ms of one core to free (measured with perf), for nothing, as
/// the process ends right after its output is written.
enum KeptUntilExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}

enum Files {
    /// Reads a file, or throws an error naming it.
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw CLIError(
                message: exists
                    ? (isDirectory.boolValue ? "\(path) is a directory" : "\(path) cannot be read")
                    : "no such file: \(path)")
        }
        return Array(data)
    }

    /// Writes a file atomically: a temporary file beside it, renamed into place.
    static func write(_ text: String, to path: String) throws { try write([text], to: path) }

    /// Writes the pieces of one text as one file, atomically, without joining them (a report of
    /// 100,000 controls is 120 MB of text; joined, and then copied into `Data`, it was held three
    /// times): into a hidden file beside the target, renamed into place. A failed write removes
    /// the hidden file and leaves the target as it was.
    static func write(_ pieces: [String], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).socplan-\(getpid())"
        ).path
        func failure() -> NSError {
            let code = errno
            return NSError(
                domain: NSPOSIXErrorDomain, code: Int(code),
                userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw cannotWrite(path, failure()) }
        do {
            defer { close(descriptor) }
            for var piece in pieces {
                try piece.withUTF8 { bytes in
                    var done = 0
                    while done < bytes.count {
                        let written = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                        if written < 0 && errno == EINTR { continue }
                        guard written > 0 else { throw failure() }
                        done += written
                    }
                }
            }
            guard fsync(descriptor) == 0 else { throw failure() }
        } catch {
            unlink(temporary)
            throw cannotWrite(path, error)
        }
        guard rename(temporary, path) == 0 else {
            let error = failure()
            unlink(temporary)
            throw cannotWrite(path, error)
        }
    }

    /// Why `path` could not be written, in words: a folder in the way, a missing folder, a file
    /// where a folder should be, a read-only folder, a full disk; else the system's text.
    static func cannotWrite(_ path: String, _ error: Error) -> CLIError {
        let files = FileManager.default
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return CLIError(
                message: "cannot write \(path): it is a folder", hint: "give a file name, e.g. \(path)/output")
        }
        let folder = url.deletingLastPathComponent()
        var ancestor = folder
        while !files.fileExists(atPath: ancestor.path, isDirectory: &isFolder), ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        if !isFolder.boolValue {
            return CLIError(
                message: "cannot write \(path): \(ancestor.path) is a file, not a folder",
                hint: "choose a path inside a folder")
        }
        if ancestor.path != folder.path {
            return CLIError(
                message: "cannot write \(path): the folder \(folder.path) does not exist",
                hint: "create it first (mkdir -p \(folder.path)), or choose another path")
        }
        if !files.isWritableFile(atPath: folder.path) {
            return CLIError(
                message: "cannot write \(path): the folder \(folder.path) is read-only",
                hint: "choose another folder, or make this one writable")
        }
        let code = (error as NSError).code
        if code == NSFileWriteOutOfSpaceError || (error as NSError).userInfo.description.contains("No space left") {
            return CLIError(
                message: "cannot write \(path): the disk is full", hint: "free some space; nothing was written")
        }
        return CLIError(message: "cannot write \(path): \(error.localizedDescription)")
    }

    /// Writes output to `--out FILE` when given, else to stdout.
    static func emit(_ text: String, out: String?) throws {
        if let out { try write(text, to: out) } else { Console.write(text) }
    }

    /// Writes the pieces of one text, in order: to stdout piece by piece, or to `--out FILE` as one
    /// file, atomically (`write(_:to:)`).
    static func emit(_ pieces: [String], out: String?) throws {
        guard let out else {
            for piece in pieces { Console.write(piece) }
            return
        }
        try write(pieces, to: out)
    }
}

enum Catalogs {
    static func load() throws -> Catalog {
        do { return try CatalogLoader.builtIn() } catch {
            throw CLIError(message: "the built-in catalogs are damaged (a build problem):\n\(error)")
        }
    }
}
