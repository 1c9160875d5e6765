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
    /// `load` does. `alerts` says how much of each alert is made.
    static func read(
        _ store: Store, _ parts: Set<StorePart>, points: PointsReading = .none, alerts: AlertReading = .whole,
        leaving: Set<String> = []
    ) throws -> StoreOverview {
        let overview: StoreOverview
        do {
            overview = try store.read(parts, points: points, alerts: alerts)
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
        print(encoded: try encoder().encode(value))
    }

    /// The encoder `print` writes with.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(UTC.iso(date))
        }
        return encoder
    }

    /// JSON as `print` has the encoder write it (`AlertRowsJSON`), made inert and printed the same way.
    static func print(encoded json: Data) {
        FileHandle.standardOutput.write(JSONInert.escape(json))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
