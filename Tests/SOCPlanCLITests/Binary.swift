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
