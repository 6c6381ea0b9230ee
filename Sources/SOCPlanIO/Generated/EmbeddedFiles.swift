// Generated from Catalogs/ by `SOCPLAN_REGENERATE=1 swift test --filter EmbeddedFiles`. Do not edit.
enum EmbeddedFiles {
    static let catalogs: [String: String] = [:]
}
