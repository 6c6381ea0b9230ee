import SOCPlanCore

/// The sample that ships inside the binary: Acme Payroll's control matrix, as a compliance
/// lead keeps it in a spreadsheet (loose headers and spellings, CRLF, a byte-order mark).
public enum BundledSample {
    public static let organization = "Acme Payroll"
    public static let profile = "payroll"
    public static let controlsPath = "sample/acme-payroll-controls.csv"

    public static let customersPath = "sample/acme-payroll-customers.csv"

    public static var controls: InputFile { file(controlsPath) }
    /// The organization's customers with their fiscal year ends and revenue, for the window.
    public static var customers: InputFile { file(customersPath) }

    static func file(_ path: String) -> InputFile {
        InputFile(name: path, bytes: Array((EmbeddedFiles.catalogs[path] ?? "").utf8))
    }
}
