import Foundation
import VaultCore
import VaultStore
import VaultTUI

/// Loads a store into an account state for the script commands, reporting what was wrong on
/// stderr (never silently, and at most `ProblemReport.limit` lines).
enum StoreReader {
    /// Reads the whole store. A store opened for reading is left as it is: its torn last lines
    /// and loose modes are said with the command that fixes them. A writing command's store has
    /// its torn lines set aside (and said), except in `leaving` files, which the command is about
    /// to append to, and whose repair the append makes and says (so a failure is said once).
    static func load(_ store: Store, leaving: Set<String> = []) throws -> AccountState {
        let load: AccountLoad
        do {
            // The staged load: points decoded straight into their lists, on every core.
            load = try store.loadAccount()
        } catch {
            throw CLIError("\(error)")
        }
        say(load.problems, of: store, leaving: leaving)
        return load.state
    }

    /// Reads only `parts` of the store and, of the points, what `points` asks (each vault's
    /// summary, or some vaults' points): a command reads what it prints. Says what is wrong as
    /// `load` does.
    static func read(
        _ store: Store, _ parts: Set<StorePart>, points: PointsReading = .none, leaving: Set<String> = []
    ) throws -> StoreOverview {
        let overview: StoreOverview
        do {
            overview = try store.read(parts, points: points)
        } catch {
            throw CLIError("\(error)")
        }
        say(overview.problems, of: store, leaving: leaving)
        return overview
    }

    /// Reads every point of `vault` into `overview` (read by `read`), and says what is wrong with
    /// what it read.
    static func readPoints(of vault: VaultKey, from store: Store, into overview: inout StoreOverview) throws {
        let before = overview.problems.count
        do {
            try store.readPoints(of: [vault], into: &overview)
        } catch {
            throw CLIError("\(error)")
        }
        ProblemReport.say(Array(overview.problems[before...]))
    }

    /// Says `problems` and what else is wrong with the store: its torn last lines and loose modes
    /// (a store opened for reading), or sets the torn lines aside and says so (for writing).
    private static func say(_ problems: [StoreProblem], of store: Store, leaving: Set<String>) {
        // Only once every line read is known to be readable may a torn last line be set aside.
        var problems = problems
        if store.access == .reading {
            problems += store.tornLines() + store.permissionProblems()
        } else {
            problems += store.setAsideTornLines(except: leaving)
        }
        ProblemReport.say(problems)
    }

    /// The instant countdowns are measured from: the wall clock, or the source's last sync if
    /// it is ahead (a demo running faster than real time).
    static func now(of state: AccountState) -> Date {
        let wall = Date()
        guard let synced = state.lastSync?.at, synced > wall else { return wall }
        return synced
    }
}

/// JSON for scripts: keys sorted, dates in ISO 8601 UTC, and every control, C1, bidi and
/// zero-width character escaped as `\\uXXXX` (see `JSONInert`), so a terminal shows it as text.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(UTC.iso(date))
        }
        let data = JSONInert.escape(try encoder.encode(value))
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// Plain text tables for people: columns padded by display width; control characters in
/// values from outside are made visible, never sent to the terminal raw.
enum TextTable {
    static func print(header: [String], rows: [[String]]) {
        // Each cell made inert and measured once; printable ASCII, nearly every cell, as it is.
        let cells = ([header] + rows).map { $0.map(Cell.init) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.width) } }
        var out: [UInt8] = []
        for row in cells {
            for (i, cell) in row.enumerated() {
                var text = cell.text
                text.withUTF8 { out.append(contentsOf: $0) }
                guard i < row.count - 1 else { break }
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[i] - cell.width + 2))
            }
            out.append(UInt8(ascii: "\n"))
        }
        FileHandle.standardOutput.write(Data(out))
    }

    /// A cell's text made inert, and its width in terminal columns.
    private struct Cell {
        var text: String
        var width: Int

        init(_ raw: String) {
            var raw = raw
            if raw.withUTF8({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) {
                text = raw
                width = raw.utf8.count
            } else {
                text = InertText.make(raw)
                width = DisplayWidth.of(text)
            }
        }
    }

    /// The same treatment the dashboard gives outside text (VaultTUI's InertText).
    static func sanitize(_ s: String) -> String { InertText.make(s) }
}
