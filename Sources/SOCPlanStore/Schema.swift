import GRDB

/// The workspace schema, as GRDB migrations. Append new migrations; never edit a shipped one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-inventory") { db in
            try db.execute(
                sql: """
                    CREATE TABLE workspace (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        organization TEXT NOT NULL,
                        profile TEXT
                    );
                    CREATE TABLE criterion (
                        id TEXT PRIMARY KEY,
                        category TEXT NOT NULL,
                        "group" TEXT NOT NULL,
                        coso_principle INTEGER,
                        title TEXT NOT NULL,
                        position INTEGER NOT NULL
                    );
                    CREATE TABLE objective (
                        id TEXT PRIMARY KEY,
                        title TEXT NOT NULL,
                        domain TEXT NOT NULL CHECK (domain IN ('itgc', 'business')),
                        area TEXT NOT NULL DEFAULT '',
                        assertions TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE evidence (
                        id TEXT PRIMARY KEY,
                        title TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('population', 'document', 'configuration')),
                        source TEXT NOT NULL DEFAULT '',
                        owner TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE control (
                        id TEXT PRIMARY KEY,
                        title TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        owner TEXT NOT NULL DEFAULT '',
                        frequency TEXT NOT NULL,
                        nature TEXT NOT NULL,
                        type TEXT,
                        key INTEGER NOT NULL DEFAULT 1,
                        risk TEXT NOT NULL DEFAULT 'low',
                        test_methods TEXT NOT NULL DEFAULT '',
                        test_procedure TEXT NOT NULL DEFAULT '',
                        population_size INTEGER,
                        systems TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE control_objective (
                        control_id TEXT NOT NULL REFERENCES control(id) ON DELETE CASCADE,
                        objective_id TEXT NOT NULL REFERENCES objective(id) ON DELETE RESTRICT,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (control_id, objective_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX control_objective_by_objective ON control_objective(objective_id);
                    CREATE TABLE control_criterion (
                        control_id TEXT NOT NULL REFERENCES control(id) ON DELETE CASCADE,
                        criterion_id TEXT NOT NULL REFERENCES criterion(id) ON DELETE RESTRICT,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (control_id, criterion_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX control_criterion_by_criterion ON control_criterion(criterion_id);
                    CREATE TABLE control_evidence (
                        control_id TEXT NOT NULL REFERENCES control(id) ON DELETE CASCADE,
                        evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE RESTRICT,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (control_id, evidence_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX control_evidence_by_evidence ON control_evidence(evidence_id);
                    """)
        }
        migrator.registerMigration("v2-engagements") { db in
            try db.execute(
                sql: """
                    CREATE TABLE engagement (
                        name TEXT PRIMARY KEY,
                        soc1_type TEXT NOT NULL CHECK (soc1_type IN ('none', 'type1', 'type2')),
                        soc1_start TEXT,
                        soc1_end TEXT,
                        soc2_type TEXT NOT NULL CHECK (soc2_type IN ('none', 'type1', 'type2')),
                        soc2_start TEXT,
                        soc2_end TEXT,
                        categories TEXT NOT NULL DEFAULT 'security',
                        objectives TEXT,
                        fieldwork TEXT
                    );
                    """)
        }
        migrator.registerMigration("v3-settings") { db in
            try db.execute(sql: "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        }
        migrator.registerMigration("v4-complementary") { db in
            try db.execute(
                sql: """
                    ALTER TABLE control ADD COLUMN monitors TEXT NOT NULL DEFAULT '';
                    ALTER TABLE control ADD COLUMN performed_by TEXT NOT NULL DEFAULT '';
                    CREATE TABLE cuec (
                        id TEXT PRIMARY KEY,
                        text TEXT NOT NULL,
                        actor TEXT NOT NULL DEFAULT '',
                        action TEXT NOT NULL DEFAULT '',
                        timing TEXT NOT NULL DEFAULT '',
                        evidence TEXT NOT NULL DEFAULT '',
                        soc1_objectives TEXT NOT NULL DEFAULT '',
                        soc2_criteria TEXT NOT NULL DEFAULT '',
                        reports TEXT NOT NULL DEFAULT 'soc1; soc2',
                        assumed_in_design INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE TABLE subservice (
                        name TEXT PRIMARY KEY,
                        services TEXT NOT NULL DEFAULT '',
                        method TEXT NOT NULL CHECK (method IN ('carve-out', 'inclusive')),
                        reports TEXT NOT NULL DEFAULT 'soc1; soc2'
                    );
                    CREATE TABLE csoc (
                        id TEXT PRIMARY KEY,
                        subservice TEXT NOT NULL REFERENCES subservice(name) ON DELETE CASCADE,
                        text TEXT NOT NULL,
                        soc1_objectives TEXT NOT NULL DEFAULT '',
                        soc2_criteria TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE customer (
                        name TEXT PRIMARY KEY,
                        fiscal_year_end TEXT NOT NULL,
                        weight REAL NOT NULL DEFAULT 1
                    );
                    """)
        }
        migrator.registerMigration("v5-report-calendars") { db in
            // Each report gets its own calendar; the old engagement-wide fieldwork date becomes
            // the final fieldwork start of each issued report.
            try db.execute(
                sql: """
                    ALTER TABLE engagement ADD COLUMN soc1_interim TEXT NOT NULL DEFAULT '';
                    ALTER TABLE engagement ADD COLUMN soc1_interim_cutoff TEXT;
                    ALTER TABLE engagement ADD COLUMN soc1_fieldwork TEXT;
                    ALTER TABLE engagement ADD COLUMN soc1_report_date TEXT;
                    ALTER TABLE engagement ADD COLUMN soc2_interim TEXT NOT NULL DEFAULT '';
                    ALTER TABLE engagement ADD COLUMN soc2_interim_cutoff TEXT;
                    ALTER TABLE engagement ADD COLUMN soc2_fieldwork TEXT;
                    ALTER TABLE engagement ADD COLUMN soc2_report_date TEXT;
                    UPDATE engagement SET soc1_fieldwork = fieldwork WHERE soc1_type != 'none';
                    UPDATE engagement SET soc2_fieldwork = fieldwork WHERE soc2_type != 'none';
                    ALTER TABLE engagement DROP COLUMN fieldwork;
                    """)
        }
        migrator.registerMigration("v6-constraints") { db in
            try Constraints.migrate(db)
        }
        migrator.registerMigration("v7-control-owner-email") { db in
            try db.execute(sql: "ALTER TABLE control ADD COLUMN owner_email TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("v8-customer-report-deadline") { db in
            try db.execute(
                sql: """
                    ALTER TABLE customer ADD COLUMN report_needed_by TEXT
                        CHECK (report_needed_by IS NULL OR report_needed_by GLOB '[01][0-9]-[0-3][0-9]')
                    """)
        }
        migrator.registerMigration("v9-issue15-components-and-procedures") { db in
            // The layers a subservice organization runs, and those each CSOC is about: a CSOC
            // covers only that part of an objective or criterion; and each control's procedure template.
            try db.execute(
                sql: """
                    ALTER TABLE subservice ADD COLUMN components TEXT NOT NULL DEFAULT '';
                    ALTER TABLE csoc ADD COLUMN components TEXT NOT NULL DEFAULT '';
                    ALTER TABLE control ADD COLUMN procedure_template TEXT NOT NULL DEFAULT '';
                    """)
        }
        return migrator
    }
}
