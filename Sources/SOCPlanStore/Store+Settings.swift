import GRDB

/// Workspace settings: a firm's own parameter tables, kept as the CSV text the user gave.
extension Store {
    public func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// Sets a setting, or removes it when `value` is nil.
    public func setSetting(_ key: String, to value: String?) throws {
        try write { db in
            if let value {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
            }
        }
    }
}
