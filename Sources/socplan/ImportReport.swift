import SOCPlanCore
import SOCPlanIO

extension ImportCommand {
    /// What `import` prints: the counts (with --diff, every change under them), the columns kept
    /// from before, and "nothing would change" when nothing would.
    static func report(
        _ outcome: ImportOutcome, _ changes: ImportDiff, dryRun: Bool, diff: Bool, files: Int = 1
    ) -> String {
        // With --diff, the diff's own counts head each kind's changes.
        var text = diff ? changes.text(dryRun: dryRun) : summary(outcome, dryRun: dryRun, changes: changes)
        let kept = changes.keptLines()
        if !kept.isEmpty {
            text += "kept from before (the file has no such column; --replace-rows empties them):\n"
            text += kept.map { "  \($0)\n" }.joined()
        }
        if changes.isEmpty { text += dryRun ? "nothing would change\n" : "nothing changed\n" }
        if dryRun { text += "dry run: nothing was written\n" }
        return text + totals(outcome, dryRun: dryRun, files: files)
    }
}
