import Dispatch
import Foundation
import GRDB

extension Store {
    /// Where `load` takes the link tables' lists from: a second connection that read them while
    /// this one read the rows, or, when there is none or it could not, this connection.
    struct LinkLists {
        let second: SecondReader?

        /// A link table's lists by owner, taken from the second connection's (which lets them go).
        func lists(_ table: String, owner: String, target: String, in db: Database) throws -> [String: [String]] {
            if let read = second?.take(table) { return read }
            return try Store.lists(table, owner: owner, target: target, in: db)
        }
    }

    /// A second, read-only connection that reads the link tables (a large inventory's criteria,
    /// objectives and evidence lists: a third of reading the workspace) while the first connection
    /// reads the rows, on the other core.
    ///
    /// Both must read one state of one file. The second connection takes `PRAGMA data_version`
    /// (which changes when another connection commits) before the first begins its read
    /// transaction, and again in its own read transaction, begun after the first's has read: the
    /// same number means that no commit came between, so both transactions read the same commit.
    /// And the path must still name the file the first connection opened (a workspace made anew
    /// with `init --force` is renamed over the old one). Otherwise, or when anything fails on the
    /// second connection (it never waits for a lock), it reads nothing and the first connection
    /// reads the link tables itself, in its own transaction.
    final class SecondReader: @unchecked Sendable {
        /// The workspace file as the first connection opened it.
        struct File: Sendable {
            var path: String
            /// The path, or the immutable URI SQLite opened.
            var location: String
            /// Which file the path named then (device and inode).
            var identity: Identity?
        }

        struct Identity: Sendable, Equatable {
            var device: UInt64
            var inode: UInt64
        }

        /// Signalled once the second connection has its first data version, or has given up.
        private let ready = DispatchSemaphore(value: 0)
        /// Signalled once the first connection's read transaction has read.
        private let begun = DispatchSemaphore(value: 0)
        private let finished = DispatchSemaphore(value: 0)
        /// Written by the second connection's thread before `finished`; read after it.
        private var lists: [String: [String: [String]]]?
        /// Read and written by the first connection's thread only (`lists` too, once `finished`).
        private var waited = false
        private var hasBegun = false

        /// Opens the second connection on another thread and waits until it has its first data
        /// version. `between` runs after the first transaction has read and before the second
        /// begins (tests commit there).
        init(location: String, file: File, between: (@Sendable () -> Void)? = nil) {
            DispatchQueue.global().async { [self] in
                var isReady = false
                defer {
                    if !isReady { ready.signal() }
                    finished.signal()
                }
                var configuration = Configuration()
                configuration.readonly = true
                guard let queue = try? DatabaseQueue(path: location, configuration: configuration),
                    let before = try? queue.read({ try Int.fetchOne($0, sql: "PRAGMA data_version") }),
                    // (Checked once this connection has read: if the path changed before, it fails.)
                    let identity = file.identity, Self.identity(of: file.path) == identity
                else { return }
                ready.signal()
                isReady = true
                begun.wait()
                between?()
                lists = try? queue.read { db -> [String: [String: [String]]]? in
                    // The transaction's first read fixes what it sees; then the data version says
                    // whether a commit came since `before`.
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM workspace")
                    guard try Int.fetchOne(db, sql: "PRAGMA data_version") == before else { return nil }
                    return try Store.allLists(in: db)
                }
                try? queue.close()
            }
            ready.wait()
        }

        /// The first connection's read transaction has read: the second may begin its own.
        func begin() {
            guard !hasBegun else { return }
            hasBegun = true
            begun.signal()
        }

        /// A link table's lists as the second connection read them, handed over once; nil when it
        /// read nothing (then the first connection reads them). Waits for the second connection.
        func take(_ table: String) -> [String: [String]]? {
            if !waited {
                finished.wait()
                waited = true
            }
            return lists?.removeValue(forKey: table)
        }

        /// The file a path names now (nil when there is none).
        static func identity(of path: String) -> Identity? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }

        /// Whether a workspace file is large enough for a second connection to pay: opening one
        /// costs about a millisecond, reading the link tables of 10,000 controls about 50.
        static func pays(path: String) -> Bool {
            let size = [path, path + "-wal"].reduce(0) { total, file in
                var info = stat()
                return total + (stat(file, &info) == 0 ? Int(info.st_size) : 0)
            }
            return size >= 2 << 20
        }
    }
}
