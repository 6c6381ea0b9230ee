import Foundation
import GRDB
import SOCPlanCore
import SOCPlanStore
import Testing

/// A planning command's parameter tables read from the workspace in one read: the same values
/// `setting(_:)` reads one by one.
@Suite struct SettingsReadTests {
    @Test func settingsReadTogetherAreTheOnesReadOneByOne() throws {
        try StoreFixture.withTemporaryDirectory { directory in
            // Given a workspace holding two settings, and a third stored by hand under a key that
            // differs only in case
            let url = directory.appendingPathComponent("workspace.sqlite")
            let store = try StoreTests.WorkspaceFile.create(at: url)
            try store.setSetting("sample-table", to: "frequency,lower,higher\nannual,1,1\n")
            try store.setSetting("holidays", to: "name,date\n")
            try DatabaseQueue(path: url.path).write { db in
                try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('Effort-Model', 'x')")
            }
            let keys = ["sample-table", "effort-model", "holidays", "missing"]

            // When they are read together
            let together = try Store.open(at: url.path).settings(keys)

            // Then each is the value read alone, and the keys without a setting are absent
            for key in keys {
                #expect(together[key] == (try store.setting(key)), "\(key)")
            }
            #expect(together.keys.sorted() == ["holidays", "sample-table"])
            #expect(together["sample-table"] == "frequency,lower,higher\nannual,1,1\n")
            #expect(try store.settings([]) == [:])
        }
    }
}
