import Foundation
import SOCPlanCore
import ZIPFoundation

/// One typed cell of a workbook being written.
public enum XLSXValue: Sendable, Equatable {
    /// Stored as a string, so `1.10`, `007`, `MAR-01` and `TRUE` stay as written in any spreadsheet.
    case text(String)
    case number(Double)
    /// Stored as a date serial number, shown as YYYY-MM-DD.
    case date(Day)
    case bool(Bool)
    case empty

    /// Text typed by its column's kind: a number or date column stores what parses as one as
    /// such and anything else ("-", "walkthrough") as text; a text column always stores text.
    public static func typed(_ text: String, as kind: XLSXWriter.Kind) -> XLSXValue {
        if text.isEmpty { return .empty }
        switch kind {
        case .text: return .text(text)
        case .number:
            guard let value = Double(text), value.isFinite, !text.contains(where: { $0.isLetter }) else {
                return .text(text)
            }
            return .number(value)
        case .date: return Day(text).map { .date($0) } ?? .text(text)
        }
    }
}

/// Writes workbooks that Excel, LibreOffice and openpyxl open without a repair prompt.
///
/// Each sheet is a table: a bold header row frozen at the top with an autofilter over the data,
/// column widths from the longest line in each column (8 to 60 characters), long or multi-line
/// text wrapped, text cells formatted as Text (`@`) so that a value typed over them later stays
/// text, and optional drop-down lists per column. The output is deterministic: the same sheets
/// give the same bytes.
public enum XLSXWriter {
    /// How a column's text is stored.
    public enum Kind: Sendable, Equatable {
        case text, number, date
    }

    public struct Column: Sendable, Equatable {
        public var header: String
        /// The choices offered in a drop-down on every data cell (Excel allows 255 characters in all).
        public var validation: [String]?
        /// Characters; nil: from the content.
        public var width: Double?

        public init(_ header: String, validation: [String]? = nil, width: Double? = nil) {
            self.header = header
            self.validation = validation
            self.width = width
        }
    }

    public struct Sheet: Sendable, Equatable {
        /// The tab name; made valid (31 characters, no `[]:*?/\`) and unique when written.
        public var name: String
        public var columns: [Column]
        public var rows: [[XLSXValue]]
        /// A table gets the bold frozen header and the autofilter; notes (a summary) only the bold header.
        public var isTable: Bool

        public init(name: String, columns: [Column], rows: [[XLSXValue]], isTable: Bool = true) {
            self.name = name
            self.columns = columns
            self.rows = rows
            self.isTable = isTable
        }

        /// A header-first table of text, each column typed by `kinds[header]` (text by default).
        public init(name: String, table: [[String]], kinds: [String: Kind] = [:], validations: [String: [String]] = [:])
        {
            let header = table.first ?? []
            self.init(
                name: name, columns: header.map { Column($0, validation: validations[$0]) },
                rows: table.dropFirst().map { row in
                    row.enumerated().map { index, text in
                        XLSXValue.typed(text, as: index < header.count ? kinds[header[index]] ?? .text : .text)
                    }
                })
        }
    }

    /// The .xlsx file's bytes.
    public static func data(_ sheets: [Sheet]) throws(XLSXError) -> Data {
        let names = uniqueNames(sheets.map(\.name))
        var strings = SharedStrings()
        var parts: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, strings: &strings)))
        }
        let content =
            [
                ("[Content_Types].xml", contentTypes(count: sheets.count)),
                ("_rels/.rels", packageRelationships),
                ("docProps/app.xml", appProperties),
                ("xl/workbook.xml", workbook(sheets, names: names)),
                ("xl/_rels/workbook.xml.rels", workbookRelationships(count: sheets.count)),
                ("xl/styles.xml", styles),
                ("xl/sharedStrings.xml", strings.xml),
            ] + parts
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed timestamp: the same workbook gives the same bytes.
            let stamp = Date(timeIntervalSince1970: 1_262_304_000)
            for (path, text) in content {
                let bytes = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                    compressionMethod: .deflate
                ) { position, size in
                    bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
                }
            }
            guard let data = archive.data else { throw XLSXError("the workbook could not be assembled in memory") }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError("the workbook could not be assembled: \(error)")
        }
    }

    // MARK: Names

    /// Valid, distinct tab names: forbidden characters become "-", at most 31 characters.
    static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var base = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 })
            base = base.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            if base.isEmpty { base = "Sheet" }
            base = String(base.prefix(31))
            var candidate = base
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(base.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    // MARK: Sheets

    /// Style indexes, as laid out in `styles`.
    enum Style: Int {
        case normal = 0, header = 1, text = 2, wrappedText = 3, date = 4, number = 5, plainHeader = 6
    }

    static func worksheet(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        let columnCount = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0, 1)
        let lastColumn = XLSXReference.column(columnCount)
        let lastRow = sheet.rows.count + 1
        let widths = (0..<columnCount).map { index in Self.width(sheet, column: index) }
        let wraps = (0..<columnCount).map { index in Self.wraps(sheet, column: index) }
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml +=
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml += #"<dimension ref="A1:\#(lastColumn)\#(lastRow)"/>"#
        if sheet.isTable {
            xml +=
                #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        } else {
            xml += #"<sheetViews><sheetView workbookViewId="0"/></sheetViews>"#
        }
        xml += #"<sheetFormatPr defaultRowHeight="15"/><cols>"#
        for index in 0..<columnCount {
            let typed = sheet.rows.contains { row in
                guard index < row.count else { return false }
                switch row[index] {
                case .number, .date, .bool: return true
                case .text, .empty: return false
                }
            }
            let style = typed ? Style.normal : wraps[index] ? Style.wrappedText : Style.text
            xml +=
                #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(number(widths[index]))" style="\#(style.rawValue)" customWidth="1"/>"#
        }
        xml += "</cols><sheetData>"
        let header = (0..<columnCount).map { index -> XLSXValue in
            index < sheet.columns.count ? .text(sheet.columns[index].header) : .empty
        }
        xml += row(1, header, wraps: wraps, header: sheet.isTable ? .header : .plainHeader, strings: &strings)
        for (offset, values) in sheet.rows.enumerated() {
            xml += row(offset + 2, values, wraps: wraps, header: nil, strings: &strings)
        }
        xml += "</sheetData>"
        if sheet.isTable { xml += #"<autoFilter ref="A1:\#(lastColumn)\#(lastRow)"/>"# }
        let validations = sheet.columns.enumerated().compactMap { index, column -> String? in
            guard let choices = column.validation, !choices.isEmpty else { return nil }
            let letter = XLSXReference.column(index + 1)
            let list = choices.joined(separator: ",").replacingOccurrences(of: "\"", with: "\"\"")
            return
                #"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="\#(escape(column.header))" error="\#(escape("Choose one of: " + choices.joined(separator: ", ")))" sqref="\#(letter)2:\#(letter)1048576"><formula1>"\#(escape(list))"</formula1></dataValidation>"#
        }
        if !validations.isEmpty {
            xml += #"<dataValidations count="\#(validations.count)">"# + validations.joined() + "</dataValidations>"
        }
        xml += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        xml += "</worksheet>"
        return xml
    }

    static func row(
        _ rowNumber: Int, _ values: [XLSXValue], wraps: [Bool], header: Style?, strings: inout SharedStrings
    )
        -> String
    {
        var xml = #"<row r="\#(rowNumber)">"#
        for (index, value) in values.enumerated() {
            let reference = XLSXReference.cell(row: rowNumber, column: index + 1)
            let wrap = index < wraps.count && wraps[index]
            switch value {
            case .empty:
                continue
            case .text(let text):
                let style = header ?? (wrap ? .wrappedText : .text)
                xml += #"<c r="\#(reference)" s="\#(style.rawValue)" t="s"><v>\#(strings.index(text))</v></c>"#
            case .number(let value):
                xml += #"<c r="\#(reference)" s="\#(Style.number.rawValue)"><v>\#(number(value))</v></c>"#
            case .date(let day):
                xml += #"<c r="\#(reference)" s="\#(Style.date.rawValue)"><v>\#(NumberFormat.serial(day))</v></c>"#
            case .bool(let flag):
                xml += #"<c r="\#(reference)" s="\#(Style.normal.rawValue)" t="b"><v>\#(flag ? 1 : 0)</v></c>"#
            }
        }
        return xml + "</row>"
    }

    /// The widest line in the column (header included), plus room for the filter button.
    static func width(_ sheet: Sheet, column: Int) -> Double {
        if column < sheet.columns.count, let fixed = sheet.columns[column].width { return fixed }
        var widest = column < sheet.columns.count ? sheet.columns[column].header.count + (sheet.isTable ? 3 : 1) : 0
        for row in sheet.rows.prefix(1000) where column < row.count {
            widest = max(widest, displayWidth(row[column]))
        }
        return Double(min(max(widest + 1, 8), 60))
    }

    static func wraps(_ sheet: Sheet, column: Int) -> Bool {
        sheet.rows.contains { row in
            guard column < row.count, case .text(let text) = row[column] else { return false }
            return text.contains(where: \.isNewline) || text.count > 59
        }
    }

    static func displayWidth(_ value: XLSXValue) -> Int {
        switch value {
        case .text(let text): return text.split(whereSeparator: \.isNewline).map(\.count).max() ?? 0
        case .number(let value): return number(value).count
        case .date: return 10
        case .bool: return 5
        case .empty: return 0
        }
    }

    /// A number as XML wants it: integers without ".0", others in the shortest form that reads back exactly.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in OOXMLText.encode(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: Package parts

    struct SharedStrings {
        var order: [String] = []
        var indexes: [String: Int] = [:]
        var references = 0

        mutating func index(_ text: String) -> Int {
            references += 1
            if let known = indexes[text] { return known }
            indexes[text] = order.count
            order.append(text)
            return order.count - 1
        }

        var xml: String {
            var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            xml +=
                #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(order.count)">"#
            for text in order {
                let preserve =
                    text.first.map { $0.isWhitespace } == true || text.last.map { $0.isWhitespace } == true
                    || text.contains(where: \.isNewline)
                xml += preserve ? #"<si><t xml:space="preserve">"# : "<si><t>"
                xml += escape(text) + "</t></si>"
            }
            return xml + "</sst>"
        }
    }

    static func workbook(_ sheets: [Sheet], names: [String]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml +=
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml +=
            #"<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="16000"/></bookViews><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        xml += "</sheets>"
        let filters = sheets.enumerated().filter { $0.element.isTable }.map { index, sheet in
            let quoted = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
            let lastColumn = XLSXReference.column(max(sheet.columns.count, 1))
            return
                #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">\#(escape(quoted))!$A$1:$\#(lastColumn)$\#(sheet.rows.count + 1)</definedName>"#
        }
        if !filters.isEmpty { xml += "<definedNames>" + filters.joined() + "</definedNames>" }
        return xml + "</workbook>"
    }

    static func contentTypes(count: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml +=
            #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
        xml +=
            #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in 1...max(count, 1) where index <= count {
            xml +=
                #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        xml +=
            #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        return xml + "</Types>"
    }

    static let packageRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#

    static let appProperties =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>socplan</Application></Properties>"#

    static func workbookRelationships(count: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 0..<count {
            xml +=
                #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        xml +=
            #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId\#(count + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Fonts: 0 regular, 1 bold. Cell styles, in `Style` order: normal, header (bold text, wrapped),
    /// text (`@`), wrapped text, date (yyyy-mm-dd), number (General), plain bold header.
    static let styles =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="7">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
