import SOCPlanCore

/// The sample that ships inside the binary: Acme Payroll's control matrix, as a compliance
/// lead keeps it in a spreadsheet (loose headers and spellings, CRLF, a byte-order mark).
public enum BundledSample {
    public static let organization = "Acme Payroll"
    public static let profile = "payroll"
    public static let controlsPath = "sample/acme-payroll-controls.csv"

    public static var controls: InputFile {
        InputFile(name: controlsPath, bytes: Array((EmbeddedFiles.catalogs[controlsPath] ?? "").utf8))
    }
}
