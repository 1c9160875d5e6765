import Foundation
import Testing

@testable import VaultTUI

/// Compares a rendered grid with a committed text file in `Screens/`: the text in a frame, then
/// the style role of every cell, row by row as runs (`selection*80`), so a colour regression fails
/// as surely as a text one. Set VAULTWATCH_RECORD_SCREENS=1 to write the files anew after an
/// intended change, then review the diff.
enum ScreenExpectations {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    static func check(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = text(of: grid)
        let url = folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["VAULTWATCH_RECORD_SCREENS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "screen \(name) differs from Screens/\(name).txt", sourceLocation: sourceLocation)
    }

    /// The file's contents: a frame makes trailing space and the exact size visible.
    static func text(of grid: Grid) -> String {
        let border = "+" + String(repeating: "-", count: grid.width) + "+"
        let body = (0..<grid.height).map { "|" + grid.line($0) + "|" }.joined(separator: "\n")
        let roles = (0..<grid.height).map { String(format: "%2d ", $0) + roleRuns(grid, row: $0) }.joined(separator: "\n")
        return "\(border)\n\(body)\n\(border)\nroles:\n\(roles)\n"
    }

    /// `header*12 headerAccent*3 …`: the roles of a row, consecutive equal ones as one run.
    static func roleRuns(_ grid: Grid, row y: Int) -> String {
        var runs: [(Role, Int)] = []
        for x in 0..<grid.width {
            let role = grid[x, y].role
            if let last = runs.last, last.0 == role {
                runs[runs.count - 1].1 += 1
            } else {
                runs.append((role, 1))
            }
        }
        return runs.map { "\($0.0.rawValue)*\($0.1)" }.joined(separator: " ")
    }
}
