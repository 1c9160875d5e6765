import ArgumentParser
import Foundation

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

    /// Every mistake reported the same way (see `CommandLineErrors`).
    static func main() { CommandLineErrors.run() }
}
