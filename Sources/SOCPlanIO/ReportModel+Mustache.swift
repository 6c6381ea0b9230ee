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
    public func child(named: String) -> Any? {
        switch named {
        case "control": return TemplateText(control)
        case "title": return TemplateText(title)
        case "reports": return TemplateText(reports)
        case "frequency": return TemplateText(frequency)
        case "nature": return TemplateText(nature)
        case "soc1": return TemplateText(soc1)
        case "soc2": return TemplateText(soc2)
        case "combined": return TemplateText(combined)
        case "hours": return TemplateText(hours)
        case "procedure": return TemplateText(procedure)
        case "notes": return TemplateText(notes)
        default: return nil
        }
    }
}

extension ReportModel.RequestLine: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return TemplateText(id)
        case "stage": return TemplateText(stage)
        case "evidence": return TemplateText(evidence)
        case "whatToProvide": return TemplateText(whatToProvide)
        case "period": return TemplateText(period)
        case "items": return TemplateText(items)
        case "owner": return TemplateText(owner)
        case "due": return TemplateText(due)
        case "controls": return TemplateText(controls)
        case "controlIdList": return TemplateText(controlIdList)
        case "periodDates": return TemplateText(periodDates)
        case "periodPart": return TemplateText(periodPart)
        case "reports": return TemplateText(reports)
        default: return nil
        }
    }
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
