import SOCPlanCore
import SOCPlanStore

/// The words a person at the terminal reads. Core and Store speak of reports, periods and
/// workspaces; here their hints become the flags and commands to type.
enum Wording {
    /// `diagnostic` with a hint that names the command-line option or command to use.
    /// A diagnostic about a file keeps its hint: it speaks of the file's columns.
    static func forCommandLine(_ diagnostic: Diagnostic) -> Diagnostic {
        guard diagnostic.file == nil else { return diagnostic }
        var worded = diagnostic
        let report = diagnostic.message.contains("SOC 2 ") ? "soc2" : "soc1"
        switch diagnostic.code {
        case "no-report": worded.hint = "set --soc1 or --soc2 to type1 or type2"
        case "period-reversed": worded.hint = "write --\(report)-period START..END with the earlier date first"
        case "period-too-long": worded.hint = "shorten --\(report)-period to 12 months or less"
        case "type1-without-date": worded.hint = "give --\(report)-as-of YYYY-MM-DD"
        case "type2-without-period": worded.hint = "give --\(report)-period START..END, e.g. 2026-01-01..2026-12-31"
        case "gap-objective" where diagnostic.message.contains("of the organization's own"): break
        case "gap-objective":
            worded.hint =
                "map a control to it (`socplan suggest` may find one), or take it out of scope with `engagement update --objectives`"
        case "no-engagement": worded.hint = "create one with `socplan engagement create`, or pass --engagement"
        case "window-uncovered": worded.hint = "`socplan window` finds the end month that covers most customers"
        case "report-after-deadline":
            worded.hint =
                "bring the SOC 1 report forward (`socplan engagement update` with --soc1-fieldwork or --soc1-report-date), or agree a later date with the customer"
        case "fieldwork-inside-period", "interim-after-final", "report-before-fieldwork-ends", "fieldwork-reversed":
            worded.hint +=
                " (`socplan engagement update` with --\(report)-fieldwork, --\(report)-interim or --\(report)-report-date)"
        default: break
        }
        return worded
    }

    /// The store's error with a hint that names the command and flags to use.
    static func forCommandLine(_ error: StoreError) -> StoreError {
        var worded = error
        switch error.kind {
        case .missing:
            worded.hint =
                "create one with `socplan init --org NAME --profile PROFILE`, or point --workspace (or SOCPLAN_WORKSPACE) at an existing one"
        case .exists: worded.hint = "pass --force to replace it, or choose another path with --workspace"
        case .notAWorkspace:
            worded.hint =
                "point --workspace at a file made by `socplan init`, or create one there with `socplan init --force`"
        case .other: break
        }
        return worded
    }
}
