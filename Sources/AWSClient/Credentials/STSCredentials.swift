import Foundation

/// The STS exchanges of the credential chain: AssumeRole with source credentials and
/// AssumeRoleWithWebIdentity with a token file. They use the configuration's region (us-east-1 when
/// none) and its *configured* STS endpoint (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, `[services]`),
/// never `--endpoint-url`, as the AWS CLI does.
struct STSExchange: Sendable {
    let configuration: AWSConfiguration
    let transport: any HTTPTransport
    let clock: any AWSClock

    func send(_ operation: AWSOperation, with source: (any CredentialProvider)?) throws(AWSError) -> AWSResponse {
        let provider = source ?? StaticCredentials(AWSCredentials(accessKeyId: "", secretAccessKey: "", source: .supplied))
        let client = AWSClient(configuration: configuration, credentials: provider, transport: transport, clock: clock)
        return try client.send(operation, region: configuration.region ?? "us-east-1", useExplicitEndpoint: false)
    }

    /// An STS failure as a credential problem; a problem with the source credentials, the network or
    /// throttling passes through as it is (the worker retries those).
    static func refusal(_ thrown: any Error, what: String, lookedAt: [String], remedy: String?) -> AWSError {
        guard let error = thrown as? AWSError else {
            return .credentials(CredentialProblem(kind: .refused, reason: "\(what): \(thrown)", lookedAt: lookedAt, remedy: remedy))
        }
        switch error {
        case .credentials, .network, .throttled, .cancelled, .configuration:
            return error
        case .accessDenied(_, let code, let message), .service(_, let code, let message, _):
            return .credentials(
                CredentialProblem(kind: .refused, reason: "\(what) was refused: \(code): \(message)", lookedAt: lookedAt, remedy: remedy))
        case .badResponse:
            return .credentials(CredentialProblem(kind: .refused, reason: "\(what): \(error)", lookedAt: lookedAt, remedy: remedy))
        }
    }

    /// botocore's default session name: `botocore-session-<epoch seconds>`.
    func defaultSessionName() -> String { "botocore-session-\(Int(clock.now().timeIntervalSince1970))" }
}

/// `role_arn` with `source_profile` or `credential_source`: STS AssumeRole with the source's
/// credentials, refreshed 15/10 minutes before expiry.
enum AssumeRoleCredentials {
    static func provider(
        profile: String, keys: [String: String], source: any CredentialProvider, exchange: STSExchange
    ) throws -> any CredentialProvider {
        guard let roleArn = keys["role_arn"] else { preconditionFailure("called without role_arn") }
        let file = exchange.configuration.files.configFilePath
        if keys["mfa_serial"] != nil {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused,
                    reason: "profile \"\(profile)\" needs an MFA code (mfa_serial), which vaultwatch cannot prompt for",
                    lookedAt: ["profile \"\(profile)\" in \(file)"],
                    remedy: "aws configure export-credentials --profile \(profile) --format process, as credential_process"))
        }
        var duration: Int?
        if let text = keys["duration_seconds"] {
            guard let value = Int(text) else {
                throw AWSError.configuration("profile \"\(profile)\" in \(file): duration_seconds \"\(text)\" is not a whole number")
            }
            duration = value
        }
        let sessionName = keys["role_session_name"] ?? exchange.defaultSessionName()
        let operation = STS.assumeRole(roleArn: roleArn, sessionName: sessionName, externalId: keys["external_id"], durationSeconds: duration)
        let what = "STS AssumeRole of \(roleArn) for profile \"\(profile)\""
        let lookedAt = ["profile \"\(profile)\" in \(file)"]
        return RefreshingCredentials(clock: exchange.clock, remedy: source.remedy) {
            do {
                return try STS.credentials(from: try exchange.send(operation, with: source), source: .assumeRole)
            } catch {
                throw STSExchange.refusal(error, what: what, lookedAt: lookedAt, remedy: source.remedy)
            }
        }
    }
}

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`), or the profile's
/// `web_identity_token_file`, `role_arn`, `role_session_name`: STS AssumeRoleWithWebIdentity, unsigned,
/// the token file read again at each refresh.
enum WebIdentityCredentials {
    static func provider(
        profile: String, keys: [String: String], environmentAllowed: Bool, exchange: STSExchange
    ) throws -> (any CredentialProvider)? {
        let environment = exchange.configuration.environment
        func value(_ key: String, _ variable: String) -> String? {
            (environmentAllowed ? environment[variable] : nil) ?? keys[key]
        }
        guard let tokenFile = value("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE").map(environment.expand) else {
            return nil
        }
        let lookedAt = [
            (environmentAllowed ? "env AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN; " : "")
                + "profile \"\(profile)\" in \(exchange.configuration.files.configFilePath)"
        ]
        guard let roleArn = value("role_arn", "AWS_ROLE_ARN") else {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused, reason: "a web identity token file (\(tokenFile)) is configured without a role ARN",
                    lookedAt: lookedAt, remedy: "set AWS_ROLE_ARN or role_arn"))
        }
        let sessionName = value("role_session_name", "AWS_ROLE_SESSION_NAME") ?? exchange.defaultSessionName()
        return RefreshingCredentials(clock: exchange.clock) {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw AWSError.credentials(
                    CredentialProblem(kind: .missing, reason: "the web identity token file \(tokenFile) cannot be read", lookedAt: lookedAt))
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let operation = STS.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName, token: token)
            do {
                return try STS.credentials(from: try exchange.send(operation, with: nil), source: .webIdentity)
            } catch {
                throw STSExchange.refusal(error, what: "STS AssumeRoleWithWebIdentity of \(roleArn)", lookedAt: lookedAt, remedy: nil)
            }
        }
    }
}
