#!/usr/bin/env python3
"""Writes a generated inventory for timing socplan on large workspaces.

Usage: Benchmarks/generate-inventory.py CONTROLS OUT_DIR

OUT_DIR receives objectives.csv (300 ITGC objectives), evidence.csv (2,000 items: populations,
documents, settings) and controls.csv (CONTROLS controls, each with 5 criteria, 2 objectives and
2 evidence items; frequencies, natures and risks cycle so every sampling rule is exercised).
The same arguments always give the same files.
"""
import csv
import os
import random
import sys

CRITERIA = [
    "CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC2.1", "CC2.2", "CC2.3", "CC3.1", "CC3.2", "CC3.3", "CC3.4",
    "CC4.1", "CC4.2", "CC5.1", "CC5.2", "CC5.3", "CC6.1", "CC6.2", "CC6.3", "CC6.4", "CC6.5", "CC6.6", "CC6.7",
    "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4", "CC7.5", "CC8.1", "CC9.1", "CC9.2",
]
AREAS = ["logical-access", "change-management", "computer-operations", "backup-recovery", "network-security"]
FREQUENCIES = ["annual", "quarterly", "monthly", "weekly", "daily", "recurring", "event-driven", "semiannual"]
NATURES = ["manual", "it-dependent manual", "automated"]
KINDS = ["population", "document", "configuration"]


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20261201)
    with open(os.path.join(out, "objectives.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["objective_id", "title", "domain", "area"])
        for i in range(300):
            w.writerow([f"OBJ-{i:03d}", f"Generated objective {i}", "itgc", AREAS[i % len(AREAS)]])
    with open(os.path.join(out, "evidence.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["evidence_id", "title", "kind", "source", "owner"])
        for i in range(2000):
            w.writerow([f"EV-{i:04d}", f"Generated evidence {i}", KINDS[i % 3], "System", f"Owner {i % 40}"])
    with open(os.path.join(out, "controls.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([
            "control_id", "title", "owner", "frequency", "nature", "risk", "soc1_objectives", "soc2_criteria",
            "evidence", "test_methods", "population_size",
        ])
        for i in range(count):
            frequency = FREQUENCIES[i % len(FREQUENCIES)]
            w.writerow([
                f"C-{i:06d}", f"Generated control {i}", f"Owner {i % 40}", frequency, NATURES[i % 3],
                "high" if i % 5 == 0 else "low",
                "; ".join(f"OBJ-{rng.randrange(300):03d}" for _ in range(2)),
                "; ".join(rng.sample(CRITERIA, 5)),
                "; ".join(f"EV-{rng.randrange(2000):04d}" for _ in range(2)),
                "inquiry; inspection",
                str(rng.randrange(20, 400)) if frequency in ("event-driven", "recurring") else "",
            ])


if __name__ == "__main__":
    main()
