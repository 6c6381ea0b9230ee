-- The yardstick for `socplan import`: the sqlite3 shell importing the same generated rows
-- (objectives.csv, evidence.csv, controls.csv in the current folder) into keyed tables and
-- splitting the "; "-separated list cells into link tables, in one transaction.
-- Run: cd INVENTORY_DIR && sqlite3 OUT.sqlite < .../Benchmarks/sqlite3-import.sql
-- (.ci/bench-compare times it against `socplan import` on the same files.)
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TABLE objective (objective_id TEXT PRIMARY KEY, title TEXT NOT NULL, domain TEXT, area TEXT);
CREATE TABLE evidence (evidence_id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT, source TEXT, owner TEXT);
CREATE TABLE control (
    control_id TEXT PRIMARY KEY, title TEXT NOT NULL, owner TEXT, frequency TEXT, nature TEXT, risk TEXT,
    test_methods TEXT, population_size INTEGER);
CREATE TABLE control_objective (
    control_id TEXT NOT NULL REFERENCES control, objective_id TEXT NOT NULL REFERENCES objective,
    PRIMARY KEY (control_id, objective_id)) WITHOUT ROWID;
CREATE TABLE control_criterion (
    control_id TEXT NOT NULL REFERENCES control, criterion_id TEXT NOT NULL,
    PRIMARY KEY (control_id, criterion_id)) WITHOUT ROWID;
CREATE TABLE control_evidence (
    control_id TEXT NOT NULL REFERENCES control, evidence_id TEXT NOT NULL REFERENCES evidence,
    PRIMARY KEY (control_id, evidence_id)) WITHOUT ROWID;
CREATE TEMP TABLE raw (
    control_id, title, owner, frequency, nature, risk, soc1_objectives, soc2_criteria, evidence, test_methods,
    population_size);
.import --csv --skip 1 objectives.csv objective
.import --csv --skip 1 evidence.csv evidence
.import --csv --skip 1 controls.csv raw
INSERT INTO control
    SELECT control_id, title, owner, frequency, nature, risk, test_methods, NULLIF(population_size, '') FROM raw;
-- One recursive split per list column: (id, the rest of the cell, the item just cut off).
INSERT OR IGNORE INTO control_objective
    WITH RECURSIVE split (id, rest, item) AS (
        SELECT control_id, soc1_objectives || ';', NULL FROM raw
        UNION ALL
        SELECT id, substr(rest, instr(rest, ';') + 1), trim(substr(rest, 1, instr(rest, ';') - 1))
        FROM split WHERE rest <> '')
    SELECT id, item FROM split WHERE item <> '';
INSERT OR IGNORE INTO control_criterion
    WITH RECURSIVE split (id, rest, item) AS (
        SELECT control_id, soc2_criteria || ';', NULL FROM raw
        UNION ALL
        SELECT id, substr(rest, instr(rest, ';') + 1), trim(substr(rest, 1, instr(rest, ';') - 1))
        FROM split WHERE rest <> '')
    SELECT id, item FROM split WHERE item <> '';
INSERT OR IGNORE INTO control_evidence
    WITH RECURSIVE split (id, rest, item) AS (
        SELECT control_id, evidence || ';', NULL FROM raw
        UNION ALL
        SELECT id, substr(rest, instr(rest, ';') + 1), trim(substr(rest, 1, instr(rest, ';') - 1))
        FROM split WHERE rest <> '')
    SELECT id, item FROM split WHERE item <> '';
COMMIT;
