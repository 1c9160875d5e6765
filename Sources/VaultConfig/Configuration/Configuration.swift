import Foundation
import VaultCore

/// `$XDG_CONFIG_HOME/vaultwatch/config.toml`: the accounts (AWS CLI profiles) and regions to watch,
/// how often, the alert feeds, and the guardrail settings every command judging a store uses.
/// Every key is optional; an unknown key is refused by name and line (a typo must not fall back to
/// a default silently).
public struct Configuration: Equatable, Sendable {
    public struct Account: Equatable, Sendable {
        /// An AWS CLI profile; nil reads as the AWS CLI does without `--profile`.
        public var profile: String?
        /// Regions to read; empty: the profile's own region.
        public var regions: [String]
        /// A profile of the management account (or a delegated administrator) to walk the
        /// organization's SCPs with; nil walks it with `profile`, which a member account may not.
        public var organizationsProfile: String?
        /// Where it was written, for `config check`.
        public var line: Int

        public init(profile: String?, regions: [String], organizationsProfile: String? = nil, line: Int = 0) {
            self.profile = profile
            self.regions = regions
            self.organizationsProfile = organizationsProfile
            self.line = line
        }
    }

    /// The alert feeds of a whole organization.
    public struct Feeds: Equatable, Sendable {
        public var sqsQueueURLs: [String] = []
        /// Read CloudTrail LookupEvents of each watched account and region.
        public var cloudTrail = false
        public var eventsFiles: [String] = []

        public init() {}

        public var isEmpty: Bool { sqsQueueURLs.isEmpty && !cloudTrail && eventsFiles.isEmpty }
    }

    public var accounts: [Account] = []
    /// Seconds between polls of an account.
    public var pollSeconds = 60
    /// Minutes between whole reads of an account (every point, the policies, the organization).
    public var reconcileMinutes = 15
    /// EventBridge buses whose rules are read and judged.
    public var eventBuses = ["default"]
    public var feeds = Feeds()
    /// The `[guardrails]` table over the built-in defaults; nil when the file has none.
    public var guardrails: GuardrailSettings?
    /// The file it was read from, for messages.
    public var path: String?

    public init() {}

    /// The file at `path`, or nil when there is none.
    public static func load(path: String) throws(ConfigurationError) -> Configuration? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: nil, "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, line: nil, "is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// `$XDG_CONFIG_HOME/vaultwatch/config.toml` (or `~/.config/vaultwatch/config.toml`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.config"
        }
        return base + "/vaultwatch/config.toml"
    }
}
