import ArgumentParser
import Foundation
import VaultCore

/// `vaultwatch` with no subcommand: the dashboard on the configured store.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Open the dashboard on the configured store (the default command).")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var guardrails: GuardrailOptions
    @OptionGroup(title: "Alert feeds") var feeds: FeedOptions
    @OptionGroup(title: "AWS") var aws: FeedAWSOptions

    @Option(help: "Account id of the central backup account, for the default admin roles (see --guardrails).")
    var account: String = "111122223333"

    func run() throws {
        let store = try storeOptions.open()
        let loaded = try guardrails.load(
            defaultRules: [AlertRule.seed(account: account)], defaultSettings: .seed(account: account))
        let clock = SystemClock()
        let sources = try feeds.sources(
            configuration: { try aws.configuration(profile: storeOptions.profile) }, store: store, clock: clock)
        try DashboardLauncher.run(
            store: store, sources: sources, guardrails: loaded, clock: clock, options: display.launcherOptions)
    }
}

struct DisplayOptions: ParsableArguments {
    @Option(help: "Theme name (see Themes/); also $VAULTWATCH_THEME.")
    var theme: String?

    @Flag(name: .customLong("read-only"), help: "Hide and refuse every action that writes (acknowledging).")
    var readOnly = false

    @Option(help: "Who acknowledgements are recorded for (default: user@host).")
    var by: String?

    var launcherOptions: DashboardLauncher.Options {
        DashboardLauncher.Options(theme: theme, readOnly: readOnly, identity: by ?? Identity.current())
    }
}
