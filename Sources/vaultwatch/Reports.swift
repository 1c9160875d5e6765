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
        say(load.problems, of: store, leaving: leaving, state: load.state)
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
        say(overview.problems, of: store, leaving: leaving, state: overview.state)
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
    /// (a store opened for reading), or sets the torn lines aside and says so (for writing); and
    /// the store's time when it is not the wall clock's.
    private static func say(_ problems: [StoreProblem], of store: Store, leaving: Set<String>, state: AccountState) {
        // Only once every line read is known to be readable may a torn last line be set aside.
        var problems = problems
        if store.access == .reading {
            // Acknowledgements taken away would otherwise just show their alerts as new.
            problems += store.vouchedProblems(heads: DigestKey.heads(besideKeyAt: DigestKeyOption.file))
                + store.tornLines() + store.permissionProblems()
        } else {
            problems += store.setAsideTornLines(except: leaving)
        }
        ProblemReport.say(problems)
        // Every time shown is the store's: a demo that ran faster than real time left it ahead.
        let time = StoreTime(state, wall: Date())
        if time.differsFromWallClock {
            FileHandle.standardError.write(Data("vaultwatch: \(time.label) (the demo's store); times here are counted from it\n".utf8))
        }
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
        // Each cell made inert, capped and measured once; printable ASCII within the limit, nearly
        // every cell, as it is.
        let cells = [header.map { Cell($0, capped: false) }] + rows.map { $0.map { Cell($0, capped: true) } }
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

    /// A cell's text made inert (and, for a value, `capped`), and its width in terminal columns.
    private struct Cell {
        var text: String
        var width: Int

        init(_ raw: String, capped: Bool) {
            var raw = raw
            let plain = raw.withUTF8 { $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
            if plain && (!capped || raw.utf8.count <= TextTable.columnLimit) {
                text = raw
                width = raw.utf8.count
            } else {
                text = capped ? TextTable.capped(TextTable.sanitize(raw)) : TextTable.sanitize(raw)
                width = DisplayWidth.of(text)
            }
        }
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
