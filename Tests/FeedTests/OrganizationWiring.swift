import AWSClient
import AWSTestSupport
import Foundation
import Synchronization
import VaultCore
import VaultStore
import VaultSync

/// An organization's alert wiring in a moto_server of its own: the central account's bus, rule and
/// queue, and a member account whose default bus forwards AWS Backup's CloudTrail events to it
/// (built by `org_wiring.py` with boto3, accounts chosen by the `x-moto-account-id` header).
/// vaultwatch reads the queue as the central account through STS-issued keys: an assume-role
/// profile, as an operator would have.
final class OrganizationWiring {
    static let central = "111122223333"
    static let member = "444455556666"
    static let organization = "o-a1b2c3d4e5"
    static let region = "us-east-1"

    let moto: MotoServer
    let queueURL: String
    let home: TemporaryHome
    private var sequence = 0

    init() throws {
        moto = try MotoServer()
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
    func configuration(sqsEndpoint: String? = nil) throws -> AWSConfiguration {
        try AWSConfiguration(
            environment: home.environment(["AWS_ENDPOINT_URL": moto.url]), profile: "central",
            endpointURLs: sqsEndpoint.map { [.sqs: $0] } ?? [:])
    }

    /// An "AWS API Call via CloudTrail" event put on `account`'s default bus, as CloudTrail would;
    /// returns the CloudTrail event id.
    @discardableResult
    func put(
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
    func send(_ body: String) throws -> String {
        let id = try python([Resources.orgWiring, "send", moto.url, Self.central, Self.region, queueURL], stdin: Data(body.utf8))
        return String(decoding: id, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Messages in the queue: visible, and received but not deleted.
    func depth() throws -> (visible: Int, inFlight: Int) {
        let data = try python([Resources.orgWiring, "depth", moto.url, Self.central, Self.region, queueURL])
        let counts = try JSONSerialization.jsonObject(with: data) as? [String: Int] ?? [:]
        return (counts["visible"] ?? -1, counts["inFlight"] ?? -1)
    }
}

/// A store in a temporary directory, removed afterwards.
final class TemporaryStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vw-feeds-\(UUID().uuidString)")
    let store: Store

    init() throws { store = try Store(directory: directory) }
    deinit { try? FileManager.default.removeItem(at: directory) }

    /// What a fresh load of the store gives.
    func state() throws -> AccountState { try store.loadAccount().state }

    /// The calls stored, every line (a call stored twice shows twice).
    func callLines() throws -> [ApiCall] {
        try store.load().records.compactMap { if case .call(let call) = $0 { return call } else { return nil } }
    }
}

/// What a worker published.
final class Published: Sendable {
    let snapshots = Mutex<[AccountSnapshot]>([])
    let failures = Mutex<[String]>([])
    var last: AccountSnapshot? { snapshots.withLock { $0.last } }
    var notices: [Notice] { last?.notices ?? [] }

    func worker(store: Store, sources: [any Source], account: String = OrganizationWiring.central) -> SyncWorker {
        SyncWorker(
            store: store, sources: sources, rules: [AlertRule.seed(account: account)], clock: SystemClock(),
            publish: { s in self.snapshots.withLock { $0.append(s) } },
            fail: { m in self.failures.withLock { $0.append(m) } })
    }
}
