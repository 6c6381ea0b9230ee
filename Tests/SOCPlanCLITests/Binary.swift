import Foundation
import Testing

/// The built `socplan` binary, run the way a person runs it: shared by the end-to-end suites.
enum SOCPlanBinary {
    /// The repository root, three levels above this file.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `socplan` beside the running test executable (SwiftPM builds both into the same directory),
    /// else `<repository>/.build/debug/socplan`.
    static let url: URL = {
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("socplan")
            if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        }
        return repository.appendingPathComponent(".build/debug/socplan")
    }()

    /// Runs `executable` (the built binary unless told otherwise) with `arguments` in `directory`.
    ///
    /// Output goes to files rather than pipes so that a large output cannot block the child.
    /// `SOCPLAN_WORKSPACE` from the test's own environment is removed; `environment` is added on top.
    static func run(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:], executable: URL = url
    ) throws -> (status: Int32, stdout: Data, stderr: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path), "no socplan binary at \(executable.path)")
        let files = FileManager.default
        let capture = files.temporaryDirectory.appendingPathComponent("socplan-io-\(UUID().uuidString)")
        try files.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout")
        let errURL = capture.appendingPathComponent("stderr")
        _ = files.createFile(atPath: outURL.path, contents: nil)
        _ = files.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOCPLAN_WORKSPACE")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (
            process.terminationStatus, try Data(contentsOf: outURL),
            String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }
}

/// What one run of the binary printed and how it ended.
struct BinaryRun {
    var status: Int32
    /// stdout as written, byte for byte.
    var bytes: Data
    var stderr: String

    var stdout: String { String(decoding: bytes, as: UTF8.self) }

    /// stdout parsed as JSON.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: bytes) }
}

/// A fresh temporary directory to run `socplan` in; removed when the test is done with it.
final class CLIWorkdir {
    let url: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("socplan-cli-\(UUID().uuidString)")
        url = base.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }

    /// Runs `socplan arguments…` here, without any SOCPLAN_WORKSPACE from the test's environment.
    func run(_ arguments: [String]) throws -> BinaryRun {
        let result = try SOCPlanBinary.run(arguments, in: url)
        return BinaryRun(status: result.status, bytes: result.stdout, stderr: result.stderr)
    }

    func run(_ arguments: String...) throws -> BinaryRun { try run(arguments) }

    /// Runs a set-up step that must succeed; a failure is reported with its stderr.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> BinaryRun {
        let outcome = try run(arguments)
        try #require(
            outcome.status == 0, "socplan \(arguments.joined(separator: " ")) failed: \(outcome.stderr)",
            sourceLocation: sourceLocation)
        return outcome
    }

    @discardableResult
    func ok(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> BinaryRun {
        try ok(arguments, sourceLocation: sourceLocation)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func data(_ name: String) throws -> Data { try Data(contentsOf: url.appendingPathComponent(name)) }

    func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }
}

/// The records of RFC 4180 text (a leading BOM skipped, quotes removed, CRLF or LF record ends).
func csvRecords(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var cell = String.UnicodeScalarView()
    var quoted = false
    var scalars = Array(text.unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var index = 0
    while index < scalars.count {
        let scalar = scalars[index]
        if quoted {
            if scalar == "\"" {
                if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                    cell.append("\"")
                    index += 1
                } else {
                    quoted = false
                }
            } else {
                cell.append(scalar)
            }
        } else {
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(String(cell))
                cell = String.UnicodeScalarView()
            case "\r": break
            case "\n":
                record.append(String(cell))
                records.append(record)
                record = []
                cell = String.UnicodeScalarView()
            default: cell.append(scalar)
            }
        }
        index += 1
    }
    if !cell.isEmpty || !record.isEmpty {
        record.append(String(cell))
        records.append(record)
    }
    return records
}
