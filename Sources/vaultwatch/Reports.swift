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
        // Only once every line is known to be readable may a torn last line be set aside.
        var problems = load.problems
        if store.access == .reading {
            // Acknowledgements taken away would otherwise just show their alerts as new.
            problems += store.vouchedProblems() + store.tornLines() + store.permissionProblems()
        } else {
            problems += store.setAsideTornLines(except: leaving)
        }
        ProblemReport.say(problems)
        // Every time shown is the store's: a demo that ran faster than real time left it ahead.
        let time = StoreTime(load.state, wall: Date())
        if time.differsFromWallClock {
            FileHandle.standardError.write(Data("vaultwatch: \(time.label) (the demo's store); times here are counted from it\n".utf8))
        }
        return load.state
    }

    /// The instant countdowns and verdicts are measured from: the store's time (see `StoreTime`),
    /// the same one the dashboard shows.
    static func now(of state: AccountState) -> Date { StoreTime(state, wall: Date()).now }
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
    /// The widest a column gets; longer values end in "… (N more characters)" (`--json` has them whole).
    static let columnLimit = 60

    static func print(header: [String], rows: [[String]]) {
        let clean = rows.map { $0.map { capped(sanitize($0)) } }
        var widths = header.map(DisplayWidth.of)
        for row in clean { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        for row in clean { out += line(row) + "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// `text`, or its first characters and how many more there are, within `columnLimit` columns.
    static func capped(_ text: String) -> String {
        guard DisplayWidth.of(String(text.prefix(columnLimit + 1))) > columnLimit || text.count > columnLimit else { return text }
        let more = text.count
        var head = ""
        var width = 0
        let suffixRoom = 28
        for c in text {
            let w = DisplayWidth.of(c)
            if width + w > columnLimit - suffixRoom { break }
            head.append(c)
            width += w
        }
        return head + "… (\(more - head.count) more characters)"
    }

    /// The same treatment the dashboard gives outside text (VaultTUI's InertText).
    static func sanitize(_ s: String) -> String { InertText.make(s) }
}
