/// botocore's retry settings: `retry_mode` (`AWS_RETRY_MODE`) and `max_attempts`
/// (`AWS_MAX_ATTEMPTS`, the total number of attempts including the first).
public struct RetryConfiguration: Sendable, Equatable {
    public enum Mode: String, Sendable {
        /// botocore's standard mode: the one implemented.
        case standard
        /// Accepted and run as standard: vaultwatch has no client-side rate adaptation beyond its
        /// per-service rate limiter.
        case adaptive
        /// Accepted and run as standard, but with legacy's default of 5 attempts.
        case legacy
    }
    public var mode: Mode
    public var maxAttempts: Int
    /// botocore's cap on one backoff.
    public var maxBackoff: Double

    public init(mode: Mode = .standard, maxAttempts: Int = 3, maxBackoff: Double = 20) {
        self.mode = mode
        self.maxAttempts = maxAttempts
        self.maxBackoff = maxBackoff
    }

    /// From the environment, then the profile: env beats file, as for every botocore setting.
    static func resolve(environment: AWSEnvironment, profile: [String: String]) throws -> RetryConfiguration {
        let modeText = environment["AWS_RETRY_MODE"] ?? profile["retry_mode"] ?? "standard"
        guard let mode = Mode(rawValue: modeText) else {
            throw AWSError.configuration(
                "retry_mode \"\(modeText)\" is not one of standard, adaptive, legacy (from AWS_RETRY_MODE or the profile)")
        }
        var config = RetryConfiguration(mode: mode, maxAttempts: mode == .legacy ? 5 : 3)
        if let text = environment["AWS_MAX_ATTEMPTS"] ?? profile["max_attempts"] {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw AWSError.configuration(
                    "max_attempts \"\(text)\" is not a whole number of at least 1 (from AWS_MAX_ATTEMPTS or the profile)")
            }
            config.maxAttempts = value
        }
        return config
    }
}
