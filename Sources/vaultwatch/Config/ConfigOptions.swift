import ArgumentParser
import Foundation
import VaultConfig

/// `--config FILE`: the configuration file (default `$XDG_CONFIG_HOME/vaultwatch/config.toml`, read
/// when it exists).
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Configuration file (default: $XDG_CONFIG_HOME/vaultwatch/config.toml).", valueName: "file"))
    var configFile: String?

    /// The configuration, or nil when there is no file (an explicit `--config` must exist).
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration? {
        let path = configFile.map { ($0 as NSString).expandingTildeInPath } ?? Configuration.defaultPath(environment: environment)
        if configFile != nil, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("no configuration file at \(path)")
        }
        do {
            return try Configuration.load(path: path)
        } catch {
            throw CLIError("\(error)")
        }
    }
}
