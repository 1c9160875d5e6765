import ArgumentParser
import Foundation
import VaultCore
import VaultDemo
import VaultStore
import VaultSync

/// `vaultwatch demo`: the dashboard on an embedded, simulated central backup account, written
/// through the store like any other source.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the dashboard on a simulated central backup account.",
        discussion: "The demo keeps its own store (profile \"demo\") so it never mixes with real data. "
            + "Restarting it resumes the same account where it left off; --reset starts a new one.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var guardrails: GuardrailOptions

    @OptionGroup var simulation: DemoOptions

    @Flag(help: "Delete the demo store first and start a new simulated account.")
    var reset = false

    @Flag(
        help: ArgumentHelp(
            "Serve the demo account with the in-process AWS Backup emulator and read it with the AWS source (AWSClient, SigV4, pagination), as a real account is read.",
            discussion: "The emulator does not offer Organizations, KMS or EventBridge yet: the SCP, key and rule checks say what could not be read."))
    var throughEndpoint = false

    func run() throws {
        // Before anything is created: a run without a terminal leaves no empty store behind.
        try DashboardLauncher.requireTerminal()
        let directory = storeOptions.directory(defaultProfile: "demo")
        if reset { try Demo.remove(directory) }
        let defaults = GuardrailDefaults.choose(profile: storeOptions.profile, demo: true)
        let loaded = try guardrails.load(defaultRules: defaults.rules, defaultSettings: defaults.settings)
        let store = try storeOptions.open(defaultProfile: "demo")
        var options = display.launcherOptions
        options.simulatedSpeed = simulation.speed
        try DashboardLauncher.run(
            store: store, sources: [throughEndpoint ? simulation.endpointSource() : simulation.source()],
            guardrails: loaded, clock: simulation.clock(), options: options)
    }

    /// Removes a demo store, refusing anything that does not look like one.
    static func remove(_ directory: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory.path) else { return }
        let names = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
        let known = names.allSatisfy {
            $0.hasSuffix(".jsonl") || $0.hasSuffix(".jsonl.torn") || $0.hasSuffix(".jsonl.compacting") || $0 == "points"
        }
        guard known, names.contains(where: { $0.hasSuffix(".jsonl") }) else {
            throw CLIError("refusing to reset \(directory.path): it holds files that are not a vaultwatch store")
        }
        try fm.removeItem(at: directory)
    }
}

/// `--speed` and `--seed`: how the demo account is simulated, for `demo` and `sync --source demo`.
struct DemoOptions: ParsableArguments {
    @Option(help: "Run simulated time this many times faster than real time (e.g. 3600: an hour a second).")
    var speed: Double = 1

    @Option(help: "Seed of the simulation: the same seed gives the same account and activity.")
    var seed: UInt64 = DemoSource.defaultSeed

    func validate() throws {
        guard speed > 0, speed <= 1_000_000 else { throw ValidationError("--speed must be more than 0 and at most 1000000 (got \(speed))") }
    }

    func source() -> DemoSource { DemoSource(seed: seed) }

    /// The demo served by the in-process emulator and read by the AWS source.
    func endpointSource() -> DemoEndpointSource { DemoEndpointSource(seed: seed, speed: speed) }

    func clock() -> SimulatedClock { SimulatedClock(origin: Date(), speed: speed) }
}
