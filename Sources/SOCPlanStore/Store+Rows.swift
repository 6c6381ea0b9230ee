import Foundation
import GRDB
import GRDBSQLite
import SOCPlanCore

/// One row of a statement being stepped through the SQLite C interface (`Store.eachRow`).
struct StepRow {
    let handle: SQLiteStatement

    /// The column as an integer, as GRDB reads an `Int` (NULL is 0).
    func int(_ column: CInt) -> Int { Int(sqlite3_column_int64(handle, column)) }

    /// The column as text, as GRDB reads a `String` (SQLite's text of the value, up to a NUL).
    func string(_ column: CInt) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: text)
    }

    /// The column's text as SQLite holds it, up to a NUL as `string` reads it (valid until the
    /// next step); empty for NULL.
    func bytes(_ column: CInt) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: text, count: strlen(text))
    }

    /// The column read as a date, as `Day(string(column))` reads it: the stored "YYYY-MM-DD" on
    /// SQLite's bytes (no string made), anything else through the text.
    func day(_ column: CInt) -> Day? {
        if let text = sqlite3_column_text(handle, column), sqlite3_column_bytes(handle, column) == 10,
            let day = Day(canonical: UnsafeBufferPointer(start: text, count: 10))
        {
            return day
        }
        return Day(string(column))
    }

    /// The column as a boolean, as GRDB reads a `Bool` (non-zero is true).
    func bool(_ column: CInt) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    /// The columns' names, as GRDB's `Row.columnNames`.
    var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// Whether the column holds text (not NULL, a number or a blob).
    func isText(_ column: CInt) -> Bool { sqlite3_column_type(handle, column) == SQLITE_TEXT }

    /// The column as a cell, as `Store.cell` makes one from GRDB's `DatabaseValue` (a blob is NULL).
    func cell(_ column: CInt) -> Cell {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .int(Int(sqlite3_column_int64(handle, column)))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(handle, column))
        case SQLITE_TEXT: return .text(string(column))
        default: return .null
        }
    }
}

extension Store {
    /// Runs a query and hands each row to `body` through the SQLite C interface: for the tables
    /// of thousands of short rows (population items), GRDB's `Row` per row (a cursor step, an
    /// existential decode and a column lookup per cell) costs several times SQLite's own work.
    /// The columns hold no NULL (NOT NULL in the schema).
    static func eachRow(
        _ db: Database, sql: String, arguments: StatementArguments = [], _ body: (StepRow) throws -> Void
    ) throws {
        let cursor = try StepCursor(db, sql: sql, arguments: arguments)
        while try cursor.next() { try body(cursor.row) }
    }
}

/// A statement stepped through the SQLite C interface, for a loop that keeps its state in local
/// variables (a closure that captured them would pay an exclusivity check on every access).
final class StepCursor {
    private let statement: Statement
    private let arguments: StatementArguments
    let row: StepRow

    init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        self.arguments = arguments
        row = StepRow(handle: statement.sqliteStatement)
    }

    deinit { sqlite3_reset(statement.sqliteStatement) }

    /// Steps to the next row: false after the last.
    func next() throws -> Bool {
        let code = sqlite3_step(row.handle)
        if code == SQLITE_DONE { return false }
        guard code == SQLITE_ROW else {
            let connection = sqlite3_db_handle(row.handle)
            let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
            throw DatabaseError(
                resultCode: ResultCode(rawValue: extended),
                message: connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) },
                sql: statement.sql, arguments: arguments)
        }
        return true
    }
}
