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
        migrator.registerMigration("v9-issue11-sampling-units") { db in
            try db.execute(
                sql: """
                    ALTER TABLE control ADD COLUMN population_key TEXT NOT NULL DEFAULT '';
                    ALTER TABLE control ADD COLUMN sampling_unit TEXT NOT NULL DEFAULT 'occurrence'
                        CHECK (sampling_unit IN ('occurrence', 'headcount', 'hires'));
                    """)
        }
        migrator.registerMigration("v9-issue14-fieldwork") { db in
            // Fieldwork: the populations clients delivered, the selections drawn from them (with
            // history), and the test results. Kept per engagement; nothing here feeds the plan.
            try db.execute(
                sql: """
                    CREATE TABLE population (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        engagement TEXT NOT NULL,
                        request_id TEXT NOT NULL,
                        evidence_id TEXT NOT NULL,
                        part TEXT NOT NULL DEFAULT '',
                        window_start TEXT NOT NULL,
                        window_end TEXT NOT NULL,
                        file TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        row_count INTEGER NOT NULL,
                        key_column TEXT NOT NULL,
                        date_column TEXT NOT NULL,
                        control_total INTEGER,
                        added_by TEXT NOT NULL DEFAULT '',
                        added_at TEXT NOT NULL,
                        current INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE TABLE population_item (
                        population_id INTEGER NOT NULL REFERENCES population(id) ON DELETE CASCADE,
                        line INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        date TEXT NOT NULL,
                        PRIMARY KEY (population_id, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE selection (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        engagement TEXT NOT NULL,
                        control_id TEXT NOT NULL,
                        fieldwork TEXT NOT NULL,
                        window_start TEXT NOT NULL,
                        window_end TEXT NOT NULL,
                        source TEXT NOT NULL,
                        stratum TEXT NOT NULL,
                        method TEXT NOT NULL,
                        planned INTEGER NOT NULL,
                        population_size INTEGER NOT NULL,
                        population_sha256 TEXT NOT NULL,
                        base_seed TEXT NOT NULL,
                        seed TEXT NOT NULL,
                        algorithm TEXT NOT NULL,
                        selected_by TEXT NOT NULL DEFAULT '',
                        selected_at TEXT NOT NULL,
                        current INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE TABLE selection_item (
                        selection_id INTEGER NOT NULL REFERENCES selection(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        date TEXT NOT NULL,
                        reports TEXT NOT NULL,
                        extension INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (selection_id, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE item_result (
                        engagement TEXT NOT NULL,
                        control_id TEXT NOT NULL,
                        key TEXT NOT NULL,
                        attribute TEXT NOT NULL DEFAULT '',
                        outcome TEXT NOT NULL CHECK (outcome IN ('no-exception', 'exception')),
                        description TEXT NOT NULL DEFAULT '',
                        PRIMARY KEY (engagement, control_id, key, attribute)
                    ) WITHOUT ROWID;
                    CREATE TABLE control_conclusion (
                        engagement TEXT NOT NULL,
                        control_id TEXT NOT NULL,
                        conclusion TEXT,
                        management_response TEXT NOT NULL DEFAULT '',
                        PRIMARY KEY (engagement, control_id)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v9-issue11-risk-assessments") { db in
            // The auditor's risk per control and engagement; the client's control.risk stays the default.
            try db.execute(
                sql: """
                    CREATE TABLE engagement_risk (
                        engagement_name TEXT NOT NULL REFERENCES engagement(name) ON DELETE CASCADE ON UPDATE CASCADE,
                        control_id TEXT NOT NULL REFERENCES control(id) ON DELETE CASCADE ON UPDATE CASCADE,
                        risk TEXT NOT NULL CHECK (risk IN ('low', 'high')),
                        factors TEXT NOT NULL DEFAULT '',
                        note TEXT NOT NULL DEFAULT '',
                        PRIMARY KEY (engagement_name, control_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX engagement_risk_by_control ON engagement_risk(control_id);
                    """)
        }
        migrator.registerMigration("v9-issue11-effort-profile") { db in
            // NULL: the default profile. The names are checked by socplan, so that a firm's new profile
            // needs no migration.
            try db.execute(
                sql: """
                    ALTER TABLE engagement ADD COLUMN effort_profile TEXT
                        CHECK (effort_profile IS NULL OR length(trim(effort_profile)) > 0)
                    """)
        }
        migrator.registerMigration("v9-issue12-tracker") { db in
            // The client columns of the request tracker, per engagement and request id (ids name their
            // evidence item, so they survive unrelated inventory changes), and every status change.
            // No foreign key to engagement: renaming one deletes and re-inserts its row, which would
            // cascade; Store.save moves the tracker to the new name and deleteEngagement removes it.
            try db.execute(
                sql: """
                    CREATE TABLE request_tracker (
                        engagement TEXT NOT NULL,
                        request_id TEXT NOT NULL,
                        status TEXT NOT NULL DEFAULT 'requested'
                            CHECK (status IN ('requested', 'in progress', 'submitted', 'accepted', 'returned')),
                        evidence_link TEXT NOT NULL DEFAULT '',
                        submitted_on TEXT CHECK (submitted_on IS NULL OR submitted_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                        client_notes TEXT NOT NULL DEFAULT '',
                        PRIMARY KEY (engagement, request_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE request_status_change (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        engagement TEXT NOT NULL,
                        request_id TEXT NOT NULL,
                        changed_at TEXT NOT NULL,
                        changed_by TEXT NOT NULL DEFAULT '',
                        from_status TEXT NOT NULL,
                        to_status TEXT NOT NULL,
                        source TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX request_status_change_by_request ON request_status_change(engagement, request_id);
                    """)
        }
        migrator.registerMigration("v9-issue12-unknown-frequency") { db in
            // A control imported from a matrix without frequency or nature keeps NULL there
            // until someone sets it: it is listed as not sized instead of planned on a guess.
            try db.execute(
                sql: """
                    CREATE TABLE new_control (
                        id TEXT PRIMARY KEY,
                        title TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        owner TEXT NOT NULL DEFAULT '',
                        frequency TEXT CHECK (frequency IS NULL OR frequency IN ('annual', 'semiannual',
                            'quarterly', 'monthly', 'weekly', 'daily', 'recurring', 'event-driven')),
                        nature TEXT CHECK (nature IS NULL OR nature IN ('manual', 'it-dependent-manual', 'automated')),
                        type TEXT CHECK (type IS NULL OR type IN ('preventive', 'detective')),
                        key INTEGER NOT NULL DEFAULT 1 CHECK (key IN (0, 1)),
                        risk TEXT NOT NULL DEFAULT 'low' CHECK (risk IN ('low', 'high')),
                        test_methods TEXT NOT NULL DEFAULT '',
                        test_procedure TEXT NOT NULL DEFAULT '',
                        population_size INTEGER CHECK (population_size IS NULL
                            OR (typeof(population_size) = 'integer' AND population_size >= 0)),
                        systems TEXT NOT NULL DEFAULT '',
                        monitors TEXT NOT NULL DEFAULT '',
                        performed_by TEXT NOT NULL DEFAULT '',
                        owner_email TEXT NOT NULL DEFAULT '',
                        population_key TEXT NOT NULL DEFAULT '',
                        sampling_unit TEXT NOT NULL DEFAULT 'occurrence'
                            CHECK (sampling_unit IN ('occurrence', 'headcount', 'hires'))
                    );
                    INSERT INTO new_control SELECT id, title, description, owner, frequency, nature, type, key, risk,
                        test_methods, test_procedure, population_size, systems, monitors, performed_by, owner_email,
                        population_key, sampling_unit
                        FROM control;
                    DROP TABLE control;
                    ALTER TABLE new_control RENAME TO control;
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
