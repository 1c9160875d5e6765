/// Static keys in a profile section (`aws_access_key_id`, `aws_secret_access_key`,
/// `aws_session_token`/`aws_security_token`, `aws_account_id`): botocore's `SharedCredentialProvider`
/// (credentials file) and `ConfigProvider` (config file). A key id without a secret is an error.
enum ProfileKeys {
    static func has(_ keys: [String: String]?) -> Bool { keys?["aws_access_key_id"] != nil }

    static func read(_ keys: [String: String], profile: String, file: String, source: CredentialSource) throws -> AWSCredentials {
        guard let key = keys["aws_access_key_id"], !key.isEmpty, let secret = keys["aws_secret_access_key"], !secret.isEmpty else {
            throw AWSError.credentials(
                CredentialProblem(
                    kind: .refused,
                    reason: "partial credentials in profile \"\(profile)\": aws_access_key_id without aws_secret_access_key",
                    lookedAt: [file], remedy: "aws configure --profile \(profile)"))
        }
        let token = keys["aws_session_token"] ?? keys["aws_security_token"]
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: token, accountId: keys["aws_account_id"], source: source)
    }
}
