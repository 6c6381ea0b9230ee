import Foundation
import Mustache
import SOCPlanCore
import Testing

@testable import SOCPlanIO

/// The joint report rendered in pieces (the plan's and the requests' rows in chunks side by side,
/// the page around them cut where they go) is byte for byte the report rendered in one pass.
@Suite struct ReportPiecesTests {
    /// The report's template as one pass: each `{{{planRows}}}` and `{{{requestRows}}}`, with the
    /// comment line above it, replaced by the body of its rows template (without its pragma line).
    static func onePass(_ kind: ReportRender.Kind) throws -> MustacheTemplate {
        let files = EmbeddedFiles.templates
        var text = try #require(files["report.\(kind.rawValue).mustache"])
        for (variable, name) in [("planRows", "report-plan-rows"), ("requestRows", "report-request-rows")] {
            let rows = try #require(files["\(name).\(kind.rawValue).mustache"])
            let body = try #require(rows.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).last)
            let tag = "{{{\(variable)}}}"
            let tagAt = try #require(text.range(of: tag))
            let commentAt = try #require(
                text.range(of: "{{!", options: .backwards, range: text.startIndex..<tagAt.lowerBound))
            #expect(!text[commentAt.lowerBound..<tagAt.lowerBound].dropLast().contains("\n"), "one comment line")
            text.replaceSubrange(commentAt.lowerBound..<tagAt.upperBound, with: body)
        }
        #expect(!text.contains("Rows}}}"))
        return try MustacheTemplate(string: text)
    }

    /// `model` rendered in one pass with the one-pass template (partials from the report's library).
    static func inOnePass(_ model: ReportModel, _ kind: ReportRender.Kind) throws -> String {
        try onePass(kind).render(model, library: try ReportRender.library.get())
    }

    static func bytes(_ pieces: [String]) -> [UInt8] { pieces.flatMap { Array($0.utf8) } }

    @Test(
        "the report in pieces is the report in one pass, however many rows a chunk holds",
        arguments: [ReportRender.Kind.html, .md], [1, 7, 500])
    func piecesAreOnePass(kind: ReportRender.Kind, rowsPerChunk: Int) throws {
        // Given the sample's report (dozens of plan rows and requests)
        let model = ReportBuilder.report(try ReportTests.sampleInputs(), brief: false)
        #expect(model.plan.count > 14 && model.requests.count > 14)
        // When it is rendered in pieces, the rows in chunks of 1, 7 or 500
        let pieces = try ReportRender.report(model, as: kind, rowsPerChunk: rowsPerChunk)
        // Then the pieces, one after the other, are the report rendered in one pass
        #expect(Self.bytes(pieces) == Array(try Self.inOnePass(model, kind).utf8))
        // And the rows were not joined: one piece per chunk, and the page's three parts
        let chunks =
            ReportRender.chunks(model.plan.count, size: rowsPerChunk).count
            + ReportRender.chunks(model.requests.count, size: rowsPerChunk).count
        #expect(pieces.count == chunks + 3)
    }

    @Test(
        "a brief report, an empty plan, and text that holds a marker come out as in one pass",
        arguments: [
            ReportRender.Kind.html, .md,
        ])
    func edgeCases(kind: ReportRender.Kind) throws {
        let inputs = try ReportTests.sampleInputs()
        // Given a brief report (no rows), a report whose plan and request list are empty, and one whose
        // organization (on the page) and a control's title (in a row) hold the text of a marker
        let brief = ReportBuilder.report(inputs, brief: true)
        var empty = ReportBuilder.report(inputs, brief: false)
        empty.plan = []
        empty.requests = []
        var marked = ReportBuilder.report(inputs, brief: false)
        marked.organization = "Acme \u{1}socplan:plan-rows\u{1} \u{1}socplan:request-rows\u{1}"
        marked.plan[3].title = "\u{1}socplan:plan-rows\u{1}"
        for model in [brief, empty, marked] {
            // When each is rendered in pieces
            let pieces = try ReportRender.report(model, as: kind, rowsPerChunk: 5)
            // Then it is what one pass renders
            #expect(Self.bytes(pieces) == Array(try Self.inOnePass(model, kind).utf8))
        }
    }

    @Test("the built-in row templates are read flat, so the rows are not rendered by Mustache")
    func builtInRowsAreFlat() {
        for kind in [ReportRender.Kind.html, .md] {
            #expect(ReportRender.flatRows[kind]?.plan != nil, "report-plan-rows.\(kind.rawValue)")
            #expect(ReportRender.flatRows[kind]?.requests != nil, "report-request-rows.\(kind.rawValue)")
        }
    }

    /// Texts that each content type changes: markup, quotes, ids and dates, periods, table-cell
    /// separators, line breaks, non-ASCII letters and marks, an empty text.
    static let hostileTexts = [
        "<script>alert('x')</script> & \"quoted\"", "R-037 is due 2026-01-01. See BP-PAY-7", "2026-01-01..2026-12-31.",
        "a | b \\ c", "line one\nline two\r\nthree\r", "Zoë's Ā-12 résumé, 株式会社-7", "e\u{301}|x", "",
    ]

    @Test(
        "rows with text each content type changes come out as Mustache renders them",
        arguments: [ReportRender.Kind.html, .md])
    func hostileRowsAsMustache(kind: ReportRender.Kind) throws {
        // Given the sample's report, its first rows' and requests' cells set to texts to escape, each
        // cell of a row a different one
        var model = ReportBuilder.report(try ReportTests.sampleInputs(), brief: false)
        let texts = Self.hostileTexts
        for row in 0..<texts.count {
            var fields = (0..<13).map { texts[(row + $0) % texts.count] }.makeIterator()
            func next() -> String { fields.next()! }
            model.plan[row] = ReportModel.PlanLine(
                control: next(), title: next(), reports: next(), frequency: next(), nature: next(), soc1: next(),
                soc2: next(), combined: next(), hours: next(), procedure: next(), notes: next())
            fields = (0..<13).map { texts[(row + $0) % texts.count] }.makeIterator()
            model.requests[row] = ReportModel.RequestLine(
                id: next(), stage: next(), evidence: next(), whatToProvide: next(), period: next(), items: next(),
                owner: next(), due: next(), controls: next(), reports: next(), periodDates: next(), periodPart: next(),
                controlIdList: next())
        }
        // When the rows are rendered flat (in chunks of 3)
        let pieces = try ReportRender.report(model, as: kind, rowsPerChunk: 3)
        // Then the report is what Mustache renders in one pass, byte for byte
        #expect(Self.bytes(pieces) == Array(try Self.inOnePass(model, kind).utf8))
        // And the texts were escaped as the content type says (a request's `controlIdList` is HTML
        // already, and goes in as it is)
        let report = String(decoding: Self.bytes(pieces), as: UTF8.self)
        switch kind {
        case .html:
            #expect(
                report.contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</td>"))
        case .md: #expect(report.contains("| a \\| b \\\\ c | line one<br>line two<br>three<br> |"))
        }
    }

    @Test("a row template that is not flat is left to Mustache")
    func notFlat() {
        let fields: [String: @Sendable (ReportModel.PlanLine) -> String] = ReportModel.PlanLine.templateFields
        func flat(_ source: String) -> Bool { RowTemplate(source, section: "plan", fields: fields) != nil }
        let pragma = "{{% CONTENT_TYPE: HTML_WHOLE_IDS}}\n"
        #expect(flat(pragma + "{{#plan}}<tr><td>{{control}}</td><td>{{{title}}}</td></tr>\n{{/plan}}\n"))
        #expect(flat("{{% CONTENT_TYPE: MARKDOWN}}\n{{#plan}}| {{ control }} |\n{{/plan}}\n"))
        for source in [
            pragma + "{{#plan}}<td>{{organization}}</td>\n{{/plan}}\n",  // not a row's value
            pragma + "{{#plan}}{{#notes}}<td>{{notes}}</td>{{/notes}}\n{{/plan}}\n",  // a nested section
            pragma + "{{#plan}}{{^notes}}-{{/notes}}\n{{/plan}}\n",  // an inverted section
            pragma + "{{#plan}}{{> row}}\n{{/plan}}\n",  // a partial
            pragma + "{{#plan}}{{! a comment }}{{control}}\n{{/plan}}\n",  // a comment
            pragma + "{{#plan}}{{&control}}\n{{/plan}}\n",  // unescaped, the other spelling
            pragma + "{{#plan}}{{control}\n{{/plan}}\n",  // a tag not closed
            pragma + "{{#requests}}{{control}}\n{{/requests}}\n",  // another section
            pragma + "{{#plan}}{{control}}\n{{/plan}}\n<p>after</p>\n",  // text after the rows
            "{{% CONTENT_TYPE: TEXT}}\n{{#plan}}{{control}}\n{{/plan}}\n",  // another content type
            "{{#plan}}{{control}}\n{{/plan}}\n",  // no content type
        ] {
            #expect(!flat(source), "\(source)")
        }
    }

    @Test func chunksCoverEveryRowOnceInOrder() {
        #expect(ReportRender.chunks(0, size: 500).isEmpty)
        #expect(ReportRender.chunks(500, size: 500) == [0..<500])
        #expect(ReportRender.chunks(1_234, size: 500) == [0..<500, 500..<1_000, 1_000..<1_234])
        #expect(ReportRender.chunks(3, size: 1) == [0..<1, 1..<2, 2..<3])
    }

    @Test("the model's lines made in chunks are the lines made in one go")
    func modelLinesInChunks() throws {
        // Given the sample
        let inputs = try ReportTests.sampleInputs()
        // When its report model is made with lines in chunks of 3 and in one chunk
        let chunked = ReportBuilder.report(inputs, brief: false, rowsPerChunk: 3)
        let whole = ReportBuilder.report(inputs, brief: false, rowsPerChunk: 100_000)
        // Then both hold every row and request once, in the plan's order, with the same cells
        #expect(chunked.plan.map(\.control) == inputs.plan.audit.rows.map(\.control.id.rawValue))
        #expect(chunked.requests.map(\.id) == inputs.plan.requests.requests.map(\.id))
        #expect(String(describing: chunked.plan) == String(describing: whole.plan))
        #expect(String(describing: chunked.requests) == String(describing: whole.requests))
    }
}
