import ArgumentParser
import Foundation
import VaultCore
import VaultDemo
import VaultStore
import VaultSync

/// `vaultwatch guardrails`: whether the guardrails hold, and why.
struct GuardrailsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardrails",
        abstract: "Check the guardrails (Vault Lock, access policies, SCPs, alert rules) and explain decisions.",
        subcommands: [GuardrailsCheck.self, GuardrailsExplain.self])
}

/// What the guardrail commands share: the store, the configuration, and the demo's defaults.
struct GuardrailContext: ParsableArguments {
    /// Runs a guardrail command so that a pipeline can tell a misuse (no store, a bad file or
    /// ARN: exit 3) from a verdict (exit 0, 1 or 2).
    static func exitingOnMisuse(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("vaultwatch: \(error)\n".utf8))
            throw ExitCode(3)
        }
    }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var guardrails: GuardrailOptions

    @Flag(help: "Use the demo's store and its guardrail settings (as `vaultwatch demo` shows them).")
    var demo = false

    @Option(help: "Account id of the central backup account, for the default admin roles (default: the store's).")
    var account: String?

    func validate() throws {
        if demo, let profile = storeOptions.profile, profile != "demo" {
            throw ValidationError("--demo reads the demo's store and --profile another one: give one of them")
        }
    }

    func load() throws -> (state: AccountState, inputs: GuardrailInputs, now: Date) {
        let store = try storeOptions.openExisting(defaultProfile: demo ? "demo" : "default")
        // Vaults, policies and each vault's summary of its points (each resource's newest): the
        // checks read nothing else of the store.
        let state = try StoreReader.read(store, [.vaults, .policies, .sync], points: .summaries).state
        let defaults = GuardrailDefaults.choose(profile: storeOptions.profile, demo: demo, state: state, account: account)
        let loaded = try guardrails.load(defaultRules: defaults.rules, defaultSettings: defaults.settings)
        let inputs = GuardrailInputs(
            state: state, rules: loaded.rules, rulesAreDefaults: loaded.rulesAreDefaults, suppliedSCPs: loaded.scps,
            settings: loaded.settings)
        let now = StoreReader.now(of: state)
        if let synced = state.lastGoodSync?.at, now.timeIntervalSince(synced) > 3600 {
            // Verdicts are only as fresh as the data: say how old it is, on stderr so JSON stays clean.
            FileHandle.standardError.write(
                Data("vaultwatch: the store was last synced \(Elapsed.ago(synced, now: now)) (\(UTC.minute(synced)))\n".utf8))
        }
        return (state, inputs, now)
    }
}

/// `vaultwatch guardrails check`: every posture check, PASS/WARN/FAIL/UNKNOWN with its reason.
/// Exits 1 when a check fails, so it can gate a pipeline.
struct GuardrailsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the posture checks; exit 1 when one fails, 2 when one cannot be judged.",
        discussion: "A FAIL exits 1. An UNKNOWN (a policy vaultwatch cannot evaluate, a setting it needs) exits 2, "
            + "since a gate must not pass on a guess; --allow-unknown lets it pass. WARN (a lock still in its grace "
            + "period, a disabled rule beside a working one) passes. A check that cannot run (no store, no vault to "
            + "check, a bad settings, rule or SCP file) exits 3.")

    @OptionGroup var context: GuardrailContext
    @Option(help: ArgumentHelp("Only these vaults (repeatable).", valueName: "name")) var vault: [String] = []
    @Flag(help: "Print JSON.") var json = false
    @Flag(name: .customLong("allow-unknown"), help: "Exit 0 when checks are UNKNOWN but none FAILs.")
    var allowUnknown = false
    @Flag(help: "Print the evidence under each check (statements, uncovered actions, stale resources).")
    var verbose = false

    /// What `--json` prints: when it was judged, the verdicts counted, and every check.
    struct Report: Encodable {
        var evaluatedAt: Date
        var counts: [String: Int]
        var results: [Row]
    }

    struct Row: Encodable {
        var check: String
        var title: String
        var vault: String?
        var verdict: String
        var reason: String
        var evidence: [String]
        /// When the verdict changes by itself (a grace period ending, a point growing old).
        var deadline: Date?
    }

    func run() throws {
        try GuardrailContext.exitingOnMisuse { try check() }
    }

    private func check() throws {
        var (_, inputs, now) = try context.load()
        if !vault.isEmpty {
            try VaultArgument.requireKnown(vault, in: inputs.state)
            inputs.settings.vaults = vault
        }
        if let named = inputs.settings.vaults {
            try VaultArgument.requireKnown(
                named, in: inputs.state, what: "the guardrail settings name a vault the store does not hold:")
        }
        let report = PostureChecks.evaluate(inputs, at: now)
        // The account's checks (the SCPs, the alert rules) hold for every vault asked about.
        let results = report.results
        if json {
            let rows = results.map {
                Row(
                    check: $0.checkId, title: $0.title, vault: $0.subject.vaultName, verdict: $0.verdict.rawValue,
                    reason: $0.reason, evidence: $0.evidence, deadline: $0.deadline)
            }
            let counts = Dictionary(uniqueKeysWithValues: PostureVerdict.allCases.map { verdict in
                (verdict.rawValue, results.count { $0.verdict == verdict })
            })
            try JSONOutput.print(Report(evaluatedAt: report.evaluatedAt, counts: counts, results: rows))
        } else {
            print(text(results, report: report))
        }
        if !results.contains(where: { $0.subject != .account }) {
            throw CLIError("no vault was checked: the store holds none\(vault.isEmpty ? "" : " of those named")")
        }
        if results.contains(where: { $0.verdict == .fail }) { throw ExitCode.failure }
        if !allowUnknown, results.contains(where: { $0.verdict == .unknown }) { throw ExitCode(2) }
    }

    private func text(_ results: [PostureResult], report: GuardrailReport) -> String {
        var lines: [String] = []
        var subject: PostureSubject?
        for result in results {
            if result.subject != subject {
                subject = result.subject
                if !lines.isEmpty { lines.append("") }
                lines.append(TextTable.sanitize(result.subject.vaultName.map { "vault \($0)" } ?? "account"))
            }
            let verdict = result.verdict.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            lines.append("  \(verdict) \(result.checkId): \(TextTable.sanitize(result.reason))")
            if let deadline = result.deadline, deadline > report.evaluatedAt {
                let left = Countdown(to: deadline, now: report.evaluatedAt).clock
                lines.append("            changes in \(left), at \(UTC.second(deadline)) UTC")
            }
            if verbose || result.verdict != .pass {
                let shown = verbose ? result.evidence : Array(result.evidence.prefix(3))
                for line in shown { lines.append("            \(TextTable.sanitize(line))") }
                if shown.count < result.evidence.count {
                    lines.append("            … \(result.evidence.count - shown.count) more (--verbose)")
                }
            }
        }
        let counts = PostureVerdict.allCases.map { verdict in
            "\(results.count { $0.verdict == verdict }) \(verdict.rawValue)"
        }
        lines.append("")
        lines.append(counts.joined(separator: ", ") + " at \(UTC.minute(report.evaluatedAt))")
        return lines.joined(separator: "\n")
    }
}
