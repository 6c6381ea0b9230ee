/// Controls whose frequency or nature nobody has given yet (a matrix imported without those
/// columns): they count in the overlap, but the samples stage leaves them out, so they get no
/// sample, request or hours until set. Kept apart from the sizing code on purpose.
extension Planner {
    /// One warning per in-scope control that is not sized.
    static func unsized(_ controls: [Control], classes: [ControlID: ControlClass]) -> [Diagnostic] {
        controls.filter { !$0.isSized && classes[$0.id]?.inScope == true }.map(Self.notSized)
    }

    /// "AC-01 is not sized: frequency unknown".
    public static func notSized(_ control: Control) -> Diagnostic {
        Diagnostic(
            .warning, "not-sized", "\(control.id) is not sized: \(control.unsizedReason)",
            hint:
                "set its \(control.unsizedReason.replacingOccurrences(of: " unknown", with: "")) (import a file that has it, or accept a suggestion); until then it has no sample, no requests and no hours",
            subject: control.id.rawValue)
    }
}
