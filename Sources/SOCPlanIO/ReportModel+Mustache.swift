import Mustache

// The report's long tables are read by key without reflection: Mustache's Mirror lookup scans a
// row's children for every cell, which made rendering most of a 10,000-control report's time.

extension ReportModel.PlanLine: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "control": return control
        case "title": return title
        case "reports": return reports
        case "frequency": return frequency
        case "nature": return nature
        case "soc1": return soc1
        case "soc2": return soc2
        case "combined": return combined
        case "hours": return hours
        case "procedure": return procedure
        case "notes": return notes
        default: return nil
        }
    }
}

extension ReportModel.RequestLine: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return id
        case "stage": return stage
        case "evidence": return evidence
        case "whatToProvide": return whatToProvide
        case "period": return period
        case "items": return items
        case "owner": return owner
        case "due": return due
        case "controls": return controls
        case "controlIdList": return controlIdList
        case "periodDates": return periodDates
        case "periodPart": return periodPart
        case "reports": return reports
        default: return nil
        }
    }
}

extension ReportModel.CalendarLine: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "phase": return phase
        case "dates": return dates
        case "tests": return tests
        case "hours": return hours
        default: return nil
        }
    }
}

extension ReportModel.Phase: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "phase": return phase
        case "joint": return joint
        case "separate": return separate
        default: return nil
        }
    }
}

extension ReportModel.Gap: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return id
        case "title": return title
        case "report": return report
        default: return nil
        }
    }
}

extension ReportModel.Carved: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return id
        case "organizations": return organizations
        default: return nil
        }
    }
}

extension ReportModel.Warning: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "severity": return severity
        case "code": return code
        case "subject": return subject
        case "message": return message
        case "hint": return hint
        default: return nil
        }
    }
}

extension Section4Model.Row: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "control": return control
        case "description": return description
        case "procedure": return procedure
        case "sample": return sample
        case "results": return results
        case "items": return items
        default: return nil
        }
    }
}

extension Section4Model.Group: MustacheParent {
    public func child(named: String) -> Any? {
        switch named {
        case "id": return id
        case "title": return title
        case "note": return note
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
        case "organization": return organization
        case "engagement": return engagement
        case "report": return report
        case "scope": return scope
        case "groupNoun": return groupNoun
        case "subtitle": return subtitle
        case "isType2": return isType2
        case "groups": return groups
        default: return nil
        }
    }
}
