import ArgumentParser
import Foundation
import VaultCore
import VaultDemo
import VaultStore
import VaultSync

/// `vaultwatch demo`: the dashboard on an embedded, simulated central backup account, served by the
/// in-process emulator and read through the AWS source (`DemoAccountSource`), written through the
/// store like any other source.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the dashboard on a simulated central backup account.",
        discussion: "The account is served in process by vaultwatch's AWS emulator and read over HTTP and SigV4 as "
            + "any real account is (AWS Backup, Organizations, KMS, EventBridge, and CloudTrail's LookupEvents for the "
            + "alerts). The demo keeps its own store (profile \"demo\") so it never mixes with real data. Restarting "
            + "it resumes the same account where it left off; --reset starts a new one.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var guardrails: GuardrailOptions

    @OptionGroup var simulation: DemoOptions

    @Flag(help: "Delete the demo store first and start a new simulated account.")
    var reset = false

    func run() throws {
        // Before anything is created: a run without a terminal leaves no empty store behind.
        try DashboardLauncher.requireTerminal()
        let directory = storeOptions.directory(defaultProfile: "demo")
        if reset { try Demo.remove(directory) }
        let defaults = GuardrailDefaults.choose(profile: storeOptions.profile, demo: true)
        let loaded = try guardrails.load(defaultRules: defaults.rules, defaultSettings: defaults.settings)
        let store = try storeOptions.open(defaultProfile: "demo")
        let clock = simulation.clock()
        var options = display.launcherOptions
        options.simulatedSpeed = simulation.speed
        try DashboardLauncher.run(
            store: store, sources: [simulation.source(clock: clock)], guardrails: loaded, clock: clock, options: options)
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
    var seed: UInt64 = DemoSimulation.defaultSeed

    func validate() throws {
        guard speed > 0, speed <= 1_000_000 else { throw ValidationError("--speed must be more than 0 and at most 1000000 (got \(speed))") }
    }

    /// The demo served by the in-process emulator and read by the AWS source, on `clock`'s time
    /// (the worker's: it resumes a store's simulated time before the source starts).
    func source(clock: any Clock) -> DemoAccountSource { DemoAccountSource(seed: seed, clock: clock) }

    func clock() -> SimulatedClock { SimulatedClock(origin: Date(), speed: speed) }
}
