import Mustache

// The report's long tables are read by key without reflection: Mustache's Mirror lookup scans a
// row's children for every cell, which made rendering most of a 10,000-control report's time.
// Their text comes back as a `Cell`, which Mustache renders as it is.

/// A model's text as the templates read it: Mustache renders a plain string with `String(describing:)`
/// after asking whether it is a template, a custom renderable, a lambda or an optional (four dynamic
/// casts); a custom renderable is rendered after two. In a section it is what a string is: present
/// (`isNull` false), whatever its text.
struct TemplateText: MustacheCustomRenderable, CustomStringConvertible {
    var text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
}

extension ReportModel.PlanLine: MustacheParent {
    /// The values a row template names, for Mustache and for `RowTemplate`.
    static let templateFields: [String: @Sendable (Self) -> String] = [
        "control": { $0.control }, "title": { $0.title }, "reports": { $0.reports },
        "frequency": { $0.frequency }, "nature": { $0.nature }, "soc1": { $0.soc1 }, "soc2": { $0.soc2 },
        "combined": { $0.combined }, "hours": { $0.hours }, "procedure": { $0.procedure }, "notes": { $0.notes },
    ]

    public func child(named: String) -> Any? { Self.templateFields[named].map { TemplateText($0(self)) } }
}

extension ReportModel.RequestLine: MustacheParent {
    /// The values a row template names, for Mustache and for `RowTemplate`.
    static let templateFields: [String: @Sendable (Self) -> String] = [
        "id": { $0.id }, "stage": { $0.stage }, "evidence": { $0.evidence }, "whatToProvide": { $0.whatToProvide },
        "period": { $0.period }, "items": { $0.items }, "owner": { $0.owner }, "due": { $0.due },
        "controls": { $0.controls }, "controlIdList": { $0.controlIdList }, "periodDates": { $0.periodDates },
        "periodPart": { $0.periodPart }, "reports": { $0.reports },
    ]

    public func child(named: String) -> Any? { Self.templateFields[named].map { TemplateText($0(self)) } }
}

extension ReportModel.CalendarLine: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "phase": return TemplateText(phase)
        case "dates": return TemplateText(dates)
        case "tests": return TemplateText(tests)
        case "hours": return TemplateText(hours)
        default: return nil
        }
    }
}

extension ReportModel.Phase: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "phase": return TemplateText(phase)
        case "joint": return TemplateText(joint)
        case "separate": return TemplateText(separate)
        default: return nil
        }
    }
}

extension ReportModel.Gap: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return TemplateText(id)
        case "title": return TemplateText(title)
        case "report": return TemplateText(report)
        default: return nil
        }
    }
}

extension ReportModel.Carved: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return TemplateText(id)
        case "organizations": return TemplateText(organizations)
        default: return nil
        }
    }
}

extension ReportModel.Warning: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "severity": return TemplateText(severity)
        case "code": return TemplateText(code)
        case "subject": return TemplateText(subject)
        case "message": return TemplateText(message)
        case "hint": return TemplateText(hint)
        default: return nil
        }
    }
}

extension Section4Model.Row: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "control": return TemplateText(control)
        case "description": return TemplateText(description)
        case "procedure": return TemplateText(procedure)
        case "sample": return TemplateText(sample)
        case "results": return TemplateText(results)
        case "items": return TemplateText(items)
        default: return nil
        }
    }
}

extension Section4Model.Group: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return TemplateText(id)
        case "title": return TemplateText(title)
        case "note": return TemplateText(note)
        case "rows": return rows
        case "hasRows": return hasRows
        case "hasNote": return hasNote
        default: return nil
        }
    }
}

// Section 4's rows ask for `isType2` (twice per row in HTML): the lookup climbs past the row and its
// group to the model, where Mirror would list every field for each such lookup.
extension Section4Model: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "organization": return TemplateText(organization)
        case "engagement": return TemplateText(engagement)
        case "report": return TemplateText(report)
        case "scope": return TemplateText(scope)
        case "groupNoun": return TemplateText(groupNoun)
        case "subtitle": return TemplateText(subtitle)
        case "isType2": return isType2
        case "groups": return groups
        default: return nil
        }
    }
}
