/// What can go wrong with the workspace file, worded for the person at the terminal.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, so that the command line can say what to type about it.
    public enum Kind: Sendable {
        /// No workspace file at the path.
        case missing
        /// A workspace already exists where one was to be created.
        case exists
        /// The file is not a socplan workspace, or lacks its organization record.
        case notAWorkspace
        case other
    }

    public var kind: Kind
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String = "", kind: Kind = .other) {
        self.kind = kind
        self.message = message
        self.hint = hint
    }

    /// A message followed by one indented line per problem.
    init(listing problems: [String], _ message: String, hint: String) {
        self.init(([message] + problems).joined(separator: "\n  "), hint: hint)
    }

    public var description: String { hint.isEmpty ? message : "\(message)\n    hint: \(hint)" }
}
