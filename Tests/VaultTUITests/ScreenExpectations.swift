import Foundation
import Testing

@testable import VaultTUI

/// Compares a rendered grid with a committed text file in `Screens/`. Set
/// VAULTWATCH_RECORD_SCREENS=1 to write the files anew after an intended change, then review
/// the diff.
enum ScreenExpectations {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    static func check(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // A frame makes trailing space and the exact size visible in the file.
        let border = "+" + String(repeating: "-", count: grid.width) + "+"
        let body = (0..<grid.height).map { "|" + grid.line($0) + "|" }.joined(separator: "\n")
        let actual = "\(border)\n\(body)\n\(border)\n"
        let url = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["VAULTWATCH_RECORD_SCREENS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "screen \(name) differs from Screens/\(name).txt", sourceLocation: sourceLocation)
    }
}
