import AWSClient
import Foundation
import VaultCore

/// An organization's alert wiring in a moto_server of its own: the central account's bus, rule and
/// queue, and a member account whose default bus forwards AWS Backup's CloudTrail events to it
/// (built by `org_wiring.py` with boto3, accounts chosen by the `x-moto-account-id` header).
/// vaultwatch reads the queue as the central account through STS-issued keys: an assume-role
/// profile, as an operator would have.
public final class OrganizationWiring {
    public static let central = "111122223333"
    public static let member = "444455556666"
    public static let organization = "o-a1b2c3d4e5"
    public static let region = "us-east-1"

    public let moto: LocalMoto
    public let queueURL: String
    public let home: TemporaryHome
    private var sequence = 0

    public init() throws {
        moto = try LocalMoto()
        let answer = try python([
            Resources.orgWiring, "setup", moto.url, Self.central, Self.member, Self.organization, Self.region,
        ])
        let wiring = try JSONSerialization.jsonObject(with: answer) as? [String: String] ?? [:]
        queueURL = wiring["queueUrl"] ?? ""
        home = try TemporaryHome(
            config: """
                [profile central]
                role_arn = arn:aws:iam::\(Self.central):role/VaultWatchReader
                source_profile = base
                role_session_name = vaultwatch
                region = \(Self.region)
                """,
            credentials: "[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
    }

    /// The central account's configuration: `AWS_ENDPOINT_URL` moves STS and SQS to moto;
    /// `sqsEndpoint` (a fault proxy) moves SQS alone, as `--endpoint-url` does.
    public func configuration(sqsEndpoint: String? = nil) throws -> AWSConfiguration {
        try AWSConfiguration(
            environment: home.environment(["AWS_ENDPOINT_URL": moto.url]), profile: "central",
            endpointURLs: sqsEndpoint.map { [.sqs: $0] } ?? [:])
    }

    /// An "AWS API Call via CloudTrail" event put on `account`'s default bus, as CloudTrail would;
    /// returns the CloudTrail event id.
    @discardableResult
    public func put(
        _ action: String, by principal: Principal, vault: String? = "central-backup-vault", account: String = member,
        eventID: String? = nil, error: String? = nil
    ) throws -> String {
        sequence += 1
        let id = eventID ?? "ev-\(UUID().uuidString.lowercased())"
        var detail: [String: Any] = [
            "eventVersion": "1.09", "eventSource": "backup.amazonaws.com", "eventName": action,
            "eventTime": UTC.iso(Date()), "awsRegion": Self.region, "recipientAccountId": account, "eventID": id,
            "eventType": "AwsApiCall", "sourceIPAddress": "203.0.113.\(sequence)",
            "userIdentity": try JSONSerialization.jsonObject(with: JSONEncoder().encode(principal.userIdentity)),
            "requestParameters": vault.map { ["backupVaultName": $0] as Any } ?? NSNull(),
        ]
        if let error { (detail["errorCode"], detail["errorMessage"]) = (error, "refused") }
        let entry: [String: Any] = ["Source": "aws.backup", "DetailType": ApiCall.apiCallDetailType, "Detail": detail]
        _ = try python([Resources.orgWiring, "put", moto.url, account, Self.region], stdin: JSONSerialization.data(withJSONObject: entry))
        return id
    }

    /// A raw message sent straight to the queue; returns its MessageId.
    public func send(_ body: String) throws -> String {
        let id = try python([Resources.orgWiring, "send", moto.url, Self.central, Self.region, queueURL], stdin: Data(body.utf8))
        return String(decoding: id, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Messages in the queue: visible, and received but not deleted.
    public func depth() throws -> (visible: Int, inFlight: Int) {
        let data = try python([Resources.orgWiring, "depth", moto.url, Self.central, Self.region, queueURL])
        let counts = try JSONSerialization.jsonObject(with: data) as? [String: Int] ?? [:]
        return (counts["visible"] ?? -1, counts["inFlight"] ?? -1)
    }
}

