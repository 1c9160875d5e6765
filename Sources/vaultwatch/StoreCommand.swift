import ArgumentParser
import Foundation
import VaultStore

/// `vaultwatch store …`: looking after the store itself rather than the account in it.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Check and maintain the store: verify its hash chains, compact its snapshots.",
        subcommands: [VerifyStore.self])
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
