import Foundation

/// Who the credentials belong to: STS GetCallerIdentity, for the header.
public struct CallerIdentity: Sendable, Equatable {
    public let account: String
    public let arn: String
    public let userId: String
}

/// The STS calls vaultwatch makes, over the Query protocol (`POST /`, form body, XML answer).
public enum STS {
    public static let version = "2011-06-15"

    public static func getCallerIdentity() -> AWSOperation {
        .query(.sts, "GetCallerIdentity", version: version)
    }

    public static func assumeRole(
        roleArn: String, sessionName: String, externalId: String? = nil, durationSeconds: Int? = nil
    ) -> AWSOperation {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        if let externalId { parameters.append(("ExternalId", externalId)) }
        return .query(.sts, "AssumeRole", version: version, parameters: parameters)
    }

    /// Unsigned: the web identity token is the authorisation.
    public static func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, token: String, durationSeconds: Int? = nil
    ) -> AWSOperation {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        var operation = AWSOperation.query(.sts, "AssumeRoleWithWebIdentity", version: version, parameters: parameters)
        operation.signed = false
        return operation
    }

    /// `<XResponse><XResult><Credentials>…` as credentials of `source`.
    static func credentials(from response: AWSResponse, source: CredentialSource) throws(AWSError) -> AWSCredentials {
        let result = "\(response.operation)Result"
        let tree = try response.holdingSecrets.xml(requiring: [result, "Credentials"])
        guard let node = tree.at([result, "Credentials"]) else { throw response.bad("no \(result)/Credentials") }
        guard let key = node.child("AccessKeyId")?.text, !key.isEmpty, let secret = node.child("SecretAccessKey")?.text,
            !secret.isEmpty
        else { throw response.bad("\(result)/Credentials lacks AccessKeyId or SecretAccessKey") }
        guard let expirationText = node.child("Expiration")?.text, let expiration = Timestamp.parseISO8601(expirationText) else {
            throw response.bad("\(result)/Credentials/Expiration is missing or not an ISO 8601 time")
        }
        let arn = tree.at([result, "AssumedRoleUser", "Arn"])?.text
        let account = arn.flatMap { $0.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first }.map(String.init)
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: secret, sessionToken: node.child("SessionToken")?.text, expiration: expiration,
            accountId: account, source: source)
    }
}

extension AWSClient {
    /// STS GetCallerIdentity: the account, ARN and user id the credentials act as.
    public func callerIdentity(region: String? = nil, cancellation: CancellationHandle? = nil) throws(AWSError)
        -> CallerIdentity
    {
        let response = try send(STS.getCallerIdentity(), region: region, cancellation: cancellation)
        let path = ["GetCallerIdentityResult"]
        let tree = try response.xml(requiring: path)
        guard let account = tree.at(path + ["Account"])?.text, let arn = tree.at(path + ["Arn"])?.text,
            let userId = tree.at(path + ["UserId"])?.text
        else { throw response.bad("GetCallerIdentityResult lacks Account, Arn or UserId") }
        return CallerIdentity(account: account, arn: arn, userId: userId)
    }
}
