import ArgumentParser
import Foundation
import VaultCore

/// What the alert rules and posture checks are configured with: `--rule`, `--scp` and
/// `--guardrails` files, else `$XDG_CONFIG_HOME/vaultwatch/{rules/*.json,scps/*.json,guardrails.json}`,
/// else the defaults of the command (the seeds' rule and admins). A file that cannot be read stops
/// the program with one line naming the file and the field at fault.
struct GuardrailOptions: ParsableArguments {
    @Option(
        name: .customLong("rule"),
        help: ArgumentHelp(
            "An alert rule: an EventBridge pattern, or `aws events describe-rule` output (repeatable).",
            valueName: "file"))
    var ruleFiles: [String] = []

    @Option(
        name: .customLong("scp"),
        help: ArgumentHelp("A service control policy that applies to the account (repeatable).", valueName: "file"))
    var scpFiles: [String] = []

    @Option(
        name: .customLong("guardrails"),
        help: ArgumentHelp("Guardrail settings: admins, organization, floors and windows (JSON).", valueName: "file"))
    var settingsFile: String?

    struct Loaded {
        var rules: [AlertRule]
        /// No rule file was given or found: `rules` are the command's defaults.
        var rulesAreDefaults = false
        var scps: [GuardrailPolicy]
        var settings: GuardrailSettings
    }

    /// The configuration, over `defaults` for whatever no file gives. Settings come from
    /// `--guardrails FILE`, else the config file's `[guardrails]` (`configured`), else
    /// `guardrails.json` in the config directory, else the defaults.
    func load(
        defaultRules: [AlertRule], defaultSettings: GuardrailSettings, configured: GuardrailSettings? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Loaded {
        let config = ConfigDirectory(environment: environment)
        let settings: GuardrailSettings
        if settingsFile == nil, let configured {
            settings = configured
        } else {
            settings = try loadSettings(
                settingsFile.map { URL(fileURLWithPath: $0) } ?? config.file("guardrails.json"), over: defaultSettings,
                required: settingsFile != nil)
        }
        var rules = try (ruleFiles.isEmpty ? config.files(in: "rules") : ruleFiles.map { URL(fileURLWithPath: $0) })
            .map(loadRule)
        let rulesAreDefaults = rules.isEmpty
        if rules.isEmpty { rules = defaultRules }
        // A bare pattern names no admins; the settings' admins are the rule's.
        rules = rules.map { rule in
            var rule = rule
            if rule.adminArns.isEmpty { rule.adminArns = settings.adminArns }
            return rule
        }
        let scps = try (scpFiles.isEmpty ? config.files(in: "scps") : scpFiles.map { URL(fileURLWithPath: $0) })
            .map(loadSCP)
        return Loaded(rules: rules, rulesAreDefaults: rulesAreDefaults, scps: scps, settings: settings)
    }

    private func loadSettings(_ url: URL, over defaults: GuardrailSettings, required: Bool) throws -> GuardrailSettings {
        guard required || FileManager.default.fileExists(atPath: url.path) else { return defaults }
        let data = try read(url)
        do {
            return try GuardrailSettings.decode(data, over: defaults)
        } catch let error as GuardrailSettingsError {
            throw CLIError("\(url.path): \(error)")
        } catch {
            throw CLIError("\(url.path): \(JSONSyntaxError.locate(in: data))")
        }
    }

    private func loadRule(_ url: URL) throws -> AlertRule {
        do {
            return try AlertRule.definition(try read(url), fallbackName: url.deletingPathExtension().lastPathComponent)
        } catch let error as EventPatternError {
            throw CLIError("\(url.path): invalid alert rule: \(error)")
        }
    }

    /// An SCP file holds the policy document, or `aws organizations describe-policy` output
    /// (`Policy.Content` as a string, `Policy.PolicySummary.Name`). It is checked when the
    /// checks run, where an unreadable one makes its answers unknown.
    private func loadSCP(_ url: URL) throws -> GuardrailPolicy {
        let data = try read(url)
        let name = url.deletingPathExtension().lastPathComponent
        if case .object(let object)? = try? JSONValue(data: data), case .object(let policy)? = object["Policy"],
            case .string(let content)? = policy["Content"]
        {
            var named = name
            if case .object(let summary)? = policy["PolicySummary"] {
                if case .string(let n)? = summary["Name"] { named = n }
                // Organizations holds other kinds of policy in the same shape; only SCPs guard calls.
                if case .string(let type)? = summary["Type"], type != "SERVICE_CONTROL_POLICY" {
                    throw CLIError("\(url.path): a \(type) policy, not a service control policy")
                }
            }
            return .serviceControlPolicy(named: named, document: content, at: Date())
        }
        return .serviceControlPolicy(named: name, document: String(decoding: data, as: UTF8.self), at: Date())
    }

    private func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw CLIError("\(url.path): cannot be read (\((error as NSError).localizedDescription))")
        }
    }
}

/// `$XDG_CONFIG_HOME/vaultwatch` (default `~/.config/vaultwatch`).
struct ConfigDirectory {
    let url: URL

    init(environment: [String: String]) {
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"] ?? "/").appendingPathComponent(".config")
        url = config.appendingPathComponent("vaultwatch")
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The `*.json` files of a folder, sorted by name; none when the folder does not exist.
    func files(in folder: String) -> [URL] {
        let dir = url.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0) }
    }
}
