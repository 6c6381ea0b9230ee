/// What can go wrong with the workspace file, worded for the person at the terminal.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String

    public init(_ message: String, hint: String = "") {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.isEmpty ? message : "\(message)\n    hint: \(hint)" }
}
