import Foundation

/// The process environment and home directory the configuration is resolved from. Injected, so
/// tests resolve against a temporary HOME and a dictionary instead of the real process.
public struct AWSEnvironment: Sendable, Equatable {
    public var variables: [String: String]
    public var home: String

    public init(variables: [String: String], home: String) {
        self.variables = variables
        self.home = home
    }

    /// The running process's environment and `HOME`.
    public static func process() -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(variables: variables, home: variables["HOME"] ?? NSHomeDirectory())
    }

    /// The value of `name` when set and not empty.
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// `true`/`false` (any case) as botocore's `ensure_boolean` reads it; nil when unset.
    public func flag(_ name: String) -> Bool? {
        self[name].map { $0.lowercased() == "true" }
    }

    /// `~` and `~/…` expanded against `home`.
    public func expand(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// `AWS_CONFIG_FILE` or `~/.aws/config`.
    public var configFilePath: String { expand(self["AWS_CONFIG_FILE"] ?? "~/.aws/config") }
    /// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    public var credentialsFilePath: String { expand(self["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials") }
}
