import SOCPlanCore

/// Inline SVG pictures for the HTML report, drawn from the same figures as its tables.
///
/// Every number a picture shows is also written into a `data-` attribute, so a test can check
/// the picture against the summary. User text is XML-escaped here; the template inserts the SVG
/// as it is.
public enum Charts {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func n(_ value: Double) -> String { PlanRender.number((value * 10).rounded() / 10) }

    static let shared = "#6b4fbb"
    static let soc1 = "#2f6fde"
    static let soc2 = "#1f9d74"
    static let other = "#9aa3ad"
    static let gap = "#d64545"

    /// A proportional stacked bar: shared, SOC 1 only, SOC 2 only, and the rest.
    public static func overlap(shared: Int, soc1Only: Int, soc2Only: Int, other: Int) -> String {
        let parts = [
            ("shared", "Shared (both reports)", shared, Self.shared), ("soc1-only", "SOC 1 only", soc1Only, Self.soc1),
            ("soc2-only", "SOC 2 only", soc2Only, Self.soc2), ("other", "Out of scope or unmapped", other, Self.other),
        ]
        let total = max(1, shared + soc1Only + soc2Only + other)
        let width = 640.0
        var x = 0.0
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 640 110" width="100%" xmlns="http://www.w3.org/2000/svg" \
            data-chart="overlap" data-shared="\(shared)" data-soc1-only="\(soc1Only)" data-soc2-only="\(soc2Only)" data-other="\(other)">
            <title>Controls: \(shared) shared, \(soc1Only) SOC 1 only, \(soc2Only) SOC 2 only, \(other) other</title>

            """
        for (_, _, count, color) in parts where count > 0 {
            let w = width * Double(count) / Double(total)
            svg += "<rect x=\"\(n(x))\" y=\"8\" width=\"\(n(w))\" height=\"44\" fill=\"\(color)\"/>\n"
            if w > 28 {
                svg += "<text x=\"\(n(x + w / 2))\" y=\"36\" text-anchor=\"middle\" class=\"on-bar\">\(count)</text>\n"
            }
            x += w
        }
        for (index, (_, label, count, color)) in parts.enumerated() {
            let legendX = index % 2 == 0 ? 0.0 : 320.0
            let legendY = 68.0 + Double(index / 2) * 22
            svg += "<rect x=\"\(n(legendX))\" y=\"\(n(legendY))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
            svg +=
                "<text x=\"\(n(legendX + 17))\" y=\"\(n(legendY + 11))\" class=\"legend\">\(escape(label)): \(count)</text>\n"
        }
        return svg + "</svg>"
    }

    /// One cell per in-scope criterion (rows: TSC groups) and per SOC 1 objective, coloured by
    /// the number of controls: red = gap, grey = carved out, amber = one, greens = more, purple = heavy.
    public static func heatmap(criteria: [Coverage], objectives: [Coverage], heavy: Int) -> String {
        var rows: [(label: String, cells: [Coverage])] = []
        for item in criteria {
            if rows.last?.label == item.group {
                rows[rows.count - 1].cells.append(item)
            } else {
                rows.append((item.group, [item]))
            }
        }
        let perRow = 10
        for chunk in stride(from: 0, to: objectives.count, by: perRow) {
            rows.append((chunk == 0 ? "SOC 1" : "", Array(objectives[chunk..<min(chunk + perRow, objectives.count)])))
        }
        let cellWidth = 62.0
        let cellHeight = 34.0
        let left = 56.0
        let height = Double(rows.count) * (cellHeight + 4) + 40
        let width = left + Double(max(8, rows.map(\.cells.count).max() ?? 0)) * (cellWidth + 4)
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 \(n(width)) \(n(height))" width="100%" xmlns="http://www.w3.org/2000/svg" \
            data-chart="heatmap" data-gaps="\((criteria + objectives).filter { $0.status == .uncovered }.count)">
            <title>Coverage heat map: controls per criterion and per SOC 1 objective</title>

            """
        for (index, row) in rows.enumerated() {
            let y = Double(index) * (cellHeight + 4)
            svg += "<text x=\"0\" y=\"\(n(y + 22))\" class=\"axis\">\(escape(row.label))</text>\n"
            for (column, cell) in row.cells.enumerated() {
                let x = left + Double(column) * (cellWidth + 4)
                let count = cell.controls.count
                let (fill, ink) = colour(cell.status, count: count, heavy: heavy)
                svg +=
                    "<g data-id=\"\(escape(cell.id))\" data-controls=\"\(count)\" data-status=\"\(cell.status.rawValue)\">"
                svg +=
                    "<title>\(escape(cell.id)): \(count) control\(count == 1 ? "" : "s")\(cell.status == .carvedOut ? " (carved out)" : "")</title>"
                svg +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cellWidth))\" height=\"\(n(cellHeight))\" rx=\"3\" fill=\"\(fill)\"/>"
                svg +=
                    "<text x=\"\(n(x + cellWidth / 2))\" y=\"\(n(y + 15))\" text-anchor=\"middle\" class=\"cell-id\" fill=\"\(ink)\">\(escape(short(cell.id)))</text>"
                svg +=
                    "<text x=\"\(n(x + cellWidth / 2))\" y=\"\(n(y + 28))\" text-anchor=\"middle\" class=\"cell-n\" fill=\"\(ink)\">\(cell.status == .carvedOut ? "CSOC" : String(count))</text></g>\n"
            }
        }
        let legendY = height - 14
        var x = 0.0
        for (label, fill) in [
            ("no control (gap)", gap), ("carved out", "#c9ced4"), ("1", "#f2b84b"), ("2–4", "#a8dcc0"),
            ("5–\(heavy)", "#4caf82"),
            ("more than \(heavy)", shared),
        ] {
            svg += "<rect x=\"\(n(x))\" y=\"\(n(legendY - 10))\" width=\"12\" height=\"12\" fill=\"\(fill)\"/>"
            svg += "<text x=\"\(n(x + 16))\" y=\"\(n(legendY))\" class=\"legend\">\(escape(label))</text>"
            x += Double(label.count) * 7 + 34
        }
        return svg + "\n</svg>"
    }

    static func short(_ id: String) -> String { id.count > 9 ? String(id.prefix(8)) + "…" : id }

    static func colour(_ status: CoverageStatus, count: Int, heavy: Int) -> (fill: String, ink: String) {
        if status == .carvedOut { return ("#c9ced4", "#222") }
        switch count {
        case 0: return (gap, "#fff")
        case 1: return ("#f2b84b", "#222")
        case 2...4: return ("#a8dcc0", "#222")
        case 5...heavy: return ("#4caf82", "#fff")
        default: return (shared, "#fff")
        }
    }

    /// A dated event on the timeline.
    public struct Marker: Sendable {
        public var day: Day
        public var label: String
        public init(day: Day, label: String) {
            self.day = day
            self.label = label
        }
    }

    /// The windows as bars over months, with bridge periods and dated markers.
    public static func timeline(bars: [(label: String, period: Period, colour: String)], markers: [Marker]) -> String {
        let days = bars.flatMap { [$0.period.start, $0.period.end] } + markers.map(\.day)
        guard let first = days.min(), let last = days.max() else { return "" }
        let start = Day(year: first.year, month: first.month, day: 1) ?? first
        let endMonth = Day(year: last.year, month: last.month, day: 1)?.adding(months: 1) ?? last
        let span = Double(max(1, endMonth.ordinal - start.ordinal))
        let left = 110.0
        let width = 640.0 - left
        func x(_ day: Day) -> Double { left + width * Double(day.ordinal - start.ordinal) / span }
        let barsHeight = Double(bars.count) * 30
        let height = barsHeight + 60 + Double(markers.count) * 16
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 640 \(n(height))" width="100%" xmlns="http://www.w3.org/2000/svg" data-chart="timeline">
            <title>Timeline: report windows, bridge periods, interim cut-off, fieldwork and request due dates</title>

            """
        var month = start
        while month < endMonth {
            let label = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"][month.month - 1]
            svg +=
                "<line x1=\"\(n(x(month)))\" y1=\"0\" x2=\"\(n(x(month)))\" y2=\"\(n(barsHeight + 4))\" class=\"grid\"/>"
            svg += "<text x=\"\(n(x(month) + 2))\" y=\"\(n(barsHeight + 16))\" class=\"axis\">\(label)</text>\n"
            if month.month == 1 || month == start {
                svg +=
                    "<text x=\"\(n(x(month) + 2))\" y=\"\(n(barsHeight + 30))\" class=\"axis year\">\(month.year)</text>\n"
            }
            month = month.adding(months: 1)
        }
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * 30 + 4
            svg += "<text x=\"0\" y=\"\(n(y + 15))\" class=\"axis\">\(escape(bar.label))</text>"
            svg +=
                "<rect x=\"\(n(x(bar.period.start)))\" y=\"\(n(y))\" width=\"\(n(max(2, x(bar.period.end.adding(days: 1)) - x(bar.period.start))))\" height=\"20\" rx=\"3\" fill=\"\(bar.colour)\" data-start=\"\(bar.period.start)\" data-end=\"\(bar.period.end)\"><title>\(escape(bar.label)): \(bar.period)</title></rect>\n"
        }
        for (index, marker) in markers.enumerated() {
            let mx = x(marker.day)
            let y = barsHeight + 48 + Double(index) * 16
            svg += "<line x1=\"\(n(mx))\" y1=\"0\" x2=\"\(n(mx))\" y2=\"\(n(y - 10))\" class=\"marker\"/>"
            svg += "<circle cx=\"\(n(mx))\" cy=\"\(n(y - 4))\" r=\"3\" class=\"marker-dot\"/>"
            let anchor = mx > 480 ? "end" : "start"
            svg +=
                "<text x=\"\(n(mx + (anchor == "end" ? -6 : 6)))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" class=\"legend\" data-day=\"\(marker.day)\">\(escape(marker.label)) \(marker.day)</text>\n"
        }
        return svg + "</svg>"
    }

    /// Hours by phase, joint against separate.
    public static func hours(phases: [(phase: String, joint: Double, separate: Double)]) -> String {
        let top = max(1, phases.map { max($0.joint, $0.separate) }.max() ?? 1)
        let left = 100.0
        let width = 640.0 - left - 130
        let height = Double(phases.count) * 44 + 10
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 640 \(n(height))" width="100%" xmlns="http://www.w3.org/2000/svg" data-chart="hours">
            <title>Auditor hours by phase, joint against separate</title>

            """
        for (index, phase) in phases.enumerated() {
            let y = Double(index) * 44
            svg += "<text x=\"0\" y=\"\(n(y + 17))\" class=\"axis\">\(escape(phase.phase))</text>"
            for (offset, value, colour, name) in [
                (0.0, phase.separate, other, "separate"), (16.0, phase.joint, shared, "joint"),
            ] {
                let w = width * value / top
                svg +=
                    "<rect x=\"\(n(left))\" y=\"\(n(y + offset))\" width=\"\(n(max(1, w)))\" height=\"14\" fill=\"\(colour)\" data-phase=\"\(escape(phase.phase))\" data-\(name)=\"\(n(value))\"/>"
                svg +=
                    "<text x=\"\(n(left + w + 4))\" y=\"\(n(y + offset + 11))\" class=\"legend\">\(n(value)) h \(name)</text>\n"
            }
        }
        return svg + "</svg>"
    }

    static let roleColours: [Role: String] = [
        .staff: "#8fb3f0", .senior: "#2f6fde", .manager: "#6b4fbb", .partner: "#3b2a73",
    ]

    /// Auditor hours by week, stacked by role: the load under the timeline.
    public static func staffing(_ weeks: [StaffingWeek]) -> String {
        guard let first = weeks.first?.week, let last = weeks.last?.week else { return "" }
        let count = (last.ordinal - first.ordinal) / 7 + 1
        let top = max(1, weeks.map(\.total).max() ?? 1)
        let left = 40.0
        let width = 640.0 - left
        let barWidth = width / Double(max(count, 1))
        let plot = 140.0
        var svg = """
            <svg class="chart" role="img" viewBox="0 0 640 \(n(plot + 50))" width="100%" xmlns="http://www.w3.org/2000/svg" data-chart="staffing">
            <title>Auditor hours by week and role</title>
            <text x="0" y="10" class="axis">\(n(top)) h</text><text x="0" y="\(n(plot))" class="axis">0</text>

            """
        var lastLabel = -4
        for week in weeks {
            let index = (week.week.ordinal - first.ordinal) / 7
            let x = left + Double(index) * barWidth
            var y = plot
            for role in Role.allCases {
                let hours = week.hours[role] ?? 0
                guard hours > 0 else { continue }
                let h = plot * hours / top
                y -= h
                svg +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(1, barWidth - 1)))\" height=\"\(n(h))\" fill=\"\(roleColours[role] ?? other)\" data-week=\"\(week.week)\" data-role=\"\(role.rawValue)\" data-hours=\"\(n(hours))\"><title>Week of \(week.week): \(role.rawValue) \(n(hours)) h</title></rect>"
            }
            if index - lastLabel >= 6 {
                lastLabel = index
                svg += "<text x=\"\(n(x))\" y=\"\(n(plot + 14))\" class=\"axis\">\(week.week)</text>"
            }
            svg += "\n"
        }
        for (index, role) in Role.allCases.enumerated() {
            let x = left + Double(index) * 110
            svg +=
                "<rect x=\"\(n(x))\" y=\"\(n(plot + 26))\" width=\"12\" height=\"12\" fill=\"\(roleColours[role] ?? other)\"/><text x=\"\(n(x + 16))\" y=\"\(n(plot + 36))\" class=\"legend\">\(role.rawValue)</text>"
        }
        return svg + "\n</svg>"
    }
}
