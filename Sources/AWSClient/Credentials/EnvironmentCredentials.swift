import Foundation

/// botocore's `EnvProvider`: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, the token from
/// `AWS_SECURITY_TOKEN` or `AWS_SESSION_TOKEN` (first non-empty, in that order),
/// `AWS_CREDENTIAL_EXPIRATION` and `AWS_ACCOUNT_ID`. A key id without a secret (or the reverse) is an
/// error, not a fall-through; with an expiration the variables are read again when it nears.
enum EnvironmentCredentials {
    static let variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
    static let remedy = "export fresh AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"

    /// A provider when the environment holds an access key, nil when it holds none.
    static func provider(_ environment: AWSEnvironment, clock: any AWSClock) throws -> (any CredentialProvider)? {
        guard environment["AWS_ACCESS_KEY_ID"] != nil else { return nil }
        let first = try read(environment)
        guard first.expiration != nil else { return StaticCredentials(first) }
        return RefreshingCredentials(
            clock: clock, remedy: remedy,
            expired: { credentials in
                CredentialProblem(
                    kind: .expired,
                    reason: "the environment's credentials (\(credentials.maskedAccessKeyId)) expired at "
                        + (credentials.expiration.map(Timestamp.iso8601) ?? "?") + " (AWS_CREDENTIAL_EXPIRATION)",
                    lookedAt: ["env AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION"],
                    remedy: remedy)
            }, fetch: { try read(environment) })
    }

    static func read(_ environment: AWSEnvironment) throws -> AWSCredentials {
        let missing = variables.filter { environment[$0] == nil }
        guard missing.isEmpty, let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused, reason: "partial credentials found in env, missing: \(missing.joined(separator: ", "))",
                    lookedAt: ["env AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"], remedy: remedy))
        }
        var expiration: Date?
        if let text = environment["AWS_CREDENTIAL_EXPIRATION"] {
            guard let date = Timestamp.parseISO8601(text) else {
                throw AWSError.credentials(
                    CredentialProblem(
                        kind: .refused, reason: "AWS_CREDENTIAL_EXPIRATION \"\(text)\" is not an ISO 8601 time",
                        lookedAt: ["env AWS_CREDENTIAL_EXPIRATION"]))
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret,
            sessionToken: environment["AWS_SECURITY_TOKEN"] ?? environment["AWS_SESSION_TOKEN"], expiration: expiration,
            accountId: environment["AWS_ACCOUNT_ID"], source: .environment)
    }
}
