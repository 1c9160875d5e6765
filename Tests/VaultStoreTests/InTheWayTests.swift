import Foundation
import Testing
import VaultCore

@testable import VaultStore

/// A regular file where the store's points folder should be: refused by name, saying which folder
/// it stands in for, and left as it is. (A file in place of the store itself: `PermissionTests`.)
@Suite("Files in the way of the store's folders")
struct InTheWayTests {
    @Test("a file named points: readers and writers say it cannot be the store's points folder, and it is untouched")
    func pointsFile() throws {
        let dir = TemporaryDirectory()
        try Store(directory: dir.store).append([.vault(Fixture.vault("prod"))])
        let points = dir.store.appendingPathComponent("points")
        try write(Array("not a folder\n".utf8), to: points)

        let inTheWay = StoreError.notADirectory(path: points.path, what: "the store's points folder")
        #expect(throws: inTheWay) { try Store(readingFrom: dir.store).load() }
        #expect(throws: inTheWay) { try Store(directory: dir.store).append([.recoveryPoint(Fixture.point(1, in: "prod"))]) }
        #expect(
            inTheWay.description
                == "cannot use \(points.path) as the store's points folder: something that is not a directory is in the way (move it aside)")
        #expect(try String(contentsOf: points, encoding: .utf8) == "not a folder\n")
    }
}
