import ArgumentParser
import Foundation
import VaultStore

/// `vaultwatch store …`: looking after the store itself rather than the account in it.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Check and maintain the store: verify its hash chains, compact its snapshots.",
        subcommands: [VerifyStore.self, CompactStore.self])
}

/// `vaultwatch store verify`: the hash chain of alerts and acknowledgements, file by file.
struct VerifyStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chains of alerts.jsonl and acks.jsonl; exit 1 if one is broken.",
        discussion: "Each alert and acknowledgement line carries the SHA-256 of the line before it. "
            + "A broken chain names the first line that was altered, removed, inserted or reordered.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let report: ChainReport
        do {
            report = try store.verify()
        } catch {
            throw CLIError("\(error)")
        }
        for file in report.files { print(TextTable.sanitize("\(file)")) }
        if !report.isIntact { throw ExitCode(1) }
    }
}

/// `vaultwatch store compact`: superseded vault and recovery point snapshots rewritten away.
struct CompactStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Keep only the newest line of each vault and recovery point; print sizes before and after.",
        discussion: "Each file is rewritten to a new file, flushed and renamed into place under its lock, so "
            + "appenders wait and an interruption loses nothing. Alerts, acknowledgements, events, jobs and "
            + "sync lines are never touched: the hash chain stays intact.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.openExisting()
        let report: CompactionReport
        do {
            report = try store.compact()
        } catch {
            throw CLIError("\(error)")
        }
        func row(_ name: String, _ lines: (Int, Int), _ bytes: (Int, Int)) -> [String] {
            [name, "\(lines.0) → \(lines.1)", "\(Self.size(bytes.0)) → \(Self.size(bytes.1))"]
        }
        var rows = report.files.map { row($0.file, ($0.linesBefore, $0.linesAfter), ($0.bytesBefore, $0.bytesAfter)) }
        rows.append(row("total", (report.linesBefore, report.linesAfter), (report.bytesBefore, report.bytesAfter)))
        TextTable.print(header: ["FILE", "LINES", "SIZE"], rows: rows)
    }

    /// `812 B`, `12.3 KiB`, `4.1 MiB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
