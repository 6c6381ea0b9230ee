/// What can go wrong with the workspace file, worded for the person at the terminal.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String = "") {
        self.message = message
        self.hint = hint
    }

    /// A message followed by one indented line per problem.
    init(listing problems: [String], _ message: String, hint: String) {
        self.init(([message] + problems).joined(separator: "\n  "), hint: hint)
    }

    public var description: String { hint.isEmpty ? message : "\(message)\n    hint: \(hint)" }
}
