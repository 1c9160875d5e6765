import ArgumentParser
import Foundation
import Glibc

/// `vaultwatch`: the dashboard, and the same data for scripts.
@main
struct VaultWatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vaultwatch",
        abstract: "A terminal dashboard for the central backup account of an AWS organization.",
        discussion: "With no subcommand, opens the dashboard on the configured store (the watch command). "
            + "`vaultwatch demo` opens it on an embedded, simulated central backup account instead.",
        subcommands: [
            Watch.self, Demo.self, Vaults.self, Points.self, Alerts.self, Ack.self, Sync.self, StoreCommand.self,
            Rule.self, GuardrailsCommand.self, PolicyCommand.self, ConfigCommand.self, Emulate.self,
        ],
        defaultSubcommand: Watch.self
    )

    /// As ArgumentParser's own, but what it prints (a usage error echoes the argument given, which
    /// can hold escape sequences) is made inert line by line first.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let inert = message.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { TextTable.sanitize(String($0)) }.joined(separator: "\n")
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((inert + "\n").utf8))
            }
            Glibc.exit(code.rawValue)
        }
    }
}
