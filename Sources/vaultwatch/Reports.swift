import Foundation
import VaultCore
import VaultStore

/// Loads a store into an account state for the script commands, reporting skipped lines on
/// stderr (never silently).
enum StoreReader {
    static func load(_ store: Store) throws -> AccountState {
        let load: StoreLoad
        do {
            load = try store.load()
        } catch {
            throw CLIError("\(error)")
        }
        for problem in load.problems {
            FileHandle.standardError.write(Data("vaultwatch: \(problem)\n".utf8))
        }
        var state = AccountState()
        state.apply(load.records)
        return state
    }

    /// The instant countdowns are measured from: the wall clock, or the source's last sync if
    /// it is ahead (a demo running faster than real time).
    static func now(of state: AccountState) -> Date {
        let wall = Date()
        guard let synced = state.lastSync?.at, synced > wall else { return wall }
        return synced
    }
}

/// JSON for scripts: keys sorted, dates in ISO 8601 UTC.
enum JSONOutput {
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(UTC.iso(date))
        }
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// Plain text tables for people: columns padded by display width; control characters in
/// values from outside are made visible, never sent to the terminal raw.
enum TextTable {
    static func print(header: [String], rows: [[String]]) {
        let clean = rows.map { $0.map(sanitize) }
        var widths = header.map(\.count)
        for row in clean { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        for row in clean { out += line(row) + "\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func sanitize(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { scalar -> Unicode.Scalar in
            let v = scalar.value
            if v < 0x20 || (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C
            {
                return "\u{FFFD}"
            }
            return scalar
        }))
    }
}
