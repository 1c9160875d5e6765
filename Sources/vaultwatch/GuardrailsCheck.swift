import ArgumentParser
import Foundation
import VaultCore
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
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var guardrails: GuardrailOptions

    @Flag(help: "Use the demo's store and its guardrail settings (as `vaultwatch demo` shows them).")
    var demo = false

    @Option(help: "Account id of the central backup account, for the default admin roles (default: the store's).")
    var account: String?

    func load() throws -> (state: AccountState, inputs: GuardrailInputs, now: Date) {
        let store = try storeOptions.openExisting(defaultProfile: demo ? "demo" : "default")
        let state = try StoreReader.load(store)
        let accountId = account ?? state.sortedVaults.first?.accountId ?? DemoAccount.accountId
        let loaded = try guardrails.load(
            defaultRules: demo ? [DemoAccount.alertRule] : [AlertRule.seed(account: accountId)],
            defaultSettings: demo ? DemoAccount.guardrailSettings : .seed(account: accountId))
        let inputs = GuardrailInputs(state: state, rules: loaded.rules, suppliedSCPs: loaded.scps, settings: loaded.settings)
        return (state, inputs, StoreReader.now(of: state))
    }
}

/// `vaultwatch guardrails check`: every posture check, PASS/WARN/FAIL/UNKNOWN with its reason.
/// Exits 1 when a check fails, so it can gate a pipeline.
struct GuardrailsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the posture checks; exit 1 when one fails.",
        discussion: "WARN (a lock still in its grace period, a disabled rule beside a working one) and UNKNOWN "
            + "(a policy that cannot be evaluated) do not fail the command; FAIL does.")

    @OptionGroup var context: GuardrailContext
    @Option(help: ArgumentHelp("Only these vaults (repeatable).", valueName: "name")) var vault: [String] = []
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print the evidence under each check (statements, uncovered actions, stale resources).")
    var verbose = false

    struct Row: Encodable {
        var check: String
        var title: String
        var vault: String?
        var verdict: String
        var reason: String
        var evidence: [String]
    }

    func run() throws {
        var (_, inputs, now) = try context.load()
        if !vault.isEmpty {
            let known = Set(inputs.state.vaults.keys)
            if let missing = vault.first(where: { !known.contains($0) }) { throw CLIError("no vault named \"\(missing)\"") }
            inputs.settings.vaults = vault
        }
        let report = PostureChecks.evaluate(inputs, at: now)
        let results = vault.isEmpty ? report.results : report.results.filter { $0.subject != .account }
        if json {
            try JSONOutput.print(
                results.map {
                    Row(
                        check: $0.checkId, title: $0.title, vault: $0.subject.vaultName, verdict: $0.verdict.rawValue,
                        reason: $0.reason, evidence: $0.evidence)
                })
        } else {
            print(text(results, report: report))
        }
        if results.contains(where: { $0.verdict == .fail }) { throw ExitCode.failure }
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
