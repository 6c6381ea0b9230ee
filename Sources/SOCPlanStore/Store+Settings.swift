import GRDB

/// Workspace settings: a firm's own parameter tables, kept as the CSV text the user gave.
extension Store {
    public func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    /// The settings of `keys` that the workspace holds, read at once (one read for a planning
    /// command's three parameter tables); keys match as `setting(_:)` matches them, byte for byte.
    public func settings(_ keys: [String]) throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        return try read { db in
            var found: [String: String] = [:]
            let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                db, sql: "SELECT key, value FROM setting WHERE key IN (\(marks))", arguments: StatementArguments(keys))
            {
                let key: String = row[0]
                // (The asked spelling: a key SQLite matched is the same bytes.)
                if let asked = keys.first(where: { $0.utf8.elementsEqual(key.utf8) }), found[asked] == nil {
                    found[asked] = row[1]
                }
            }
            return found
        }
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
