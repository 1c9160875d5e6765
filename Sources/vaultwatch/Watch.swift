import ArgumentParser
import Foundation
import VaultCore
import VaultDemo
import VaultSync

/// `vaultwatch` with no subcommand: the dashboard on the AWS account of the profile (as `aws
/// --profile NAME` reaches it), or on the accounts of the config file, written through the
/// profile's store.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Open the dashboard on an AWS account (the default command).",
        discussion: "Reads the AWS account of --profile (the AWS CLI's profile, credentials and region, or AWS_PROFILE, "
            + "or the default profile) into that profile's store and shows it; without --profile, the accounts and regions "
            + "of the config file when it lists any, with the alert feeds named (--sqs-queue-url, --cloudtrail, "
            + "--events-file) or those of the config file. --source none reads no account: only the feeds, and what "
            + "other processes (a vaultwatch sync) write to the store.")

    @OptionGroup var storeOptions: AccountStoreOptions
    @OptionGroup var aws: AWSOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var guardrails: GuardrailOptions
    @OptionGroup(title: "Alert feeds") var feeds: FeedOptions

    @Option(help: "Where records come from: aws (the default), demo, or none (only follow the store).")
    var source: SourceKind = .aws

    @Option(help: "Account id of the central backup account, for the default admin roles (see --guardrails).")
    var account: String?

    func validate() throws { try feeds.validate(with: source) }

    func run() throws {
        try DashboardLauncher.requireTerminal()
        let configuration = try config.load()
        let profileName = storeOptions.profile ?? AWSOptions.impliedProfile()
        // What can be wrong with the command line is refused before the store (or a digest key) is
        // made: a mistake leaves nothing behind.
        let accountSources =
            source == .aws ? try AccountSources.make(profile: storeOptions.profile, aws: aws, configuration: configuration) : []
        let preparedFeeds = source == .demo ? [] : try feeds.prepare(profile: storeOptions.profile, aws: aws, configuration: configuration)
        let defaults = GuardrailDefaults.choose(profile: storeOptions.profile, demo: source == .demo, account: account ?? "111122223333")
        let loaded = try guardrails.load(
            defaultRules: defaults.rules, defaultSettings: defaults.settings, configured: configuration?.guardrails)
        let store = try storeOptions.open(defaultProfile: source == .demo ? "demo" : profileName)
        // The wall clock, unless the store is on the demo's simulated time: then the store's
        // (the worker moves it forward as the store says, see `StoreTime`).
        let clock = SimulatedClock(origin: Date(), speed: 1)
        let sources: [any Source] =
            source == .demo ? [DemoAccountSource(seed: DemoSimulation.defaultSeed, clock: clock)] : accountSources
        let feedSources = FeedOptions.sources(preparedFeeds, store: store, clock: clock)
        var options = display.launcherOptions
        if source == .demo { options.simulatedSpeed = 1 }
        try DashboardLauncher.run(
            store: store, sources: sources + feedSources, guardrails: loaded, clock: clock, options: options)
    }
}

struct DisplayOptions: ParsableArguments {
    @Option(help: "Theme name (see Themes/); also $VAULTWATCH_THEME.")
    var theme: String?

    @Flag(name: .customLong("read-only"), help: "Hide and refuse every action that writes (acknowledging).")
    var readOnly = false

    @Option(help: "Who acknowledgements are recorded for (default: user@host).")
    var by: String?

    func validate() throws {
        if readOnly, by != nil {
            throw ValidationError("--read-only refuses acknowledging, so --by would name nobody: give one of them")
        }
    }

    var launcherOptions: DashboardLauncher.Options {
        DashboardLauncher.Options(theme: theme, readOnly: readOnly, identity: by ?? Identity.current())
    }
}
