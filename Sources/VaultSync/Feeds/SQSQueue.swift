import AWSClient
import Foundation
import VaultCore

/// One SQS queue, reached over SQS's JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`,
/// with `x-amzn-query-mode` as botocore sends it). The queue's URL names its account, and its
/// region when it is an AWS URL; requests go to the configured SQS endpoint, signed for that
/// region, as SDKs send them.
struct SQSQueue: Sendable {
    let url: String
    let client: AWSClient
    /// The account in the URL's path (`…/111122223333/central-backup-alerts`).
    let accountId: String
    /// The queue's name, the last path segment.
    let name: String
    /// The region in the URL's host (`sqs.eu-west-1.amazonaws.com`, `eu-west-1.queue.amazonaws.com`),
    /// nil for an endpoint that names none (a local one): then the configured region is used.
    let urlRegion: String?

    init(url: String, client: AWSClient) throws(SourceFailure) {
        guard let parsed = URL(string: url), let host = parsed.host, ["http", "https"].contains(parsed.scheme ?? "") else {
            throw SourceFailure(.other, "the SQS queue URL \(url) is not an http(s) URL")
        }
        let segments = parsed.path.split(separator: "/").map(String.init)
        guard segments.count >= 2, let account = segments.dropLast().last, account.allSatisfy(\.isNumber) else {
            throw SourceFailure(.other, "the SQS queue URL \(url) does not end in /ACCOUNT/QUEUE (as create-queue prints it)")
        }
        self.url = url
        self.client = client
        accountId = account
        name = segments.last ?? ""
        urlRegion = Self.region(inHost: host)
    }

    /// `sqs.REGION.amazonaws.com[.cn]` or `REGION.queue.amazonaws.com[.cn]`.
    static func region(inHost host: String) -> String? {
        let labels = host.lowercased().split(separator: ".").map(String.init)
        guard let amazon = labels.firstIndex(of: "amazonaws"), amazon >= 2 else { return nil }
        if labels[amazon - 2] == "sqs" { return labels[amazon - 1] }
        if labels[amazon - 1] == "queue", amazon >= 2 { return labels[amazon - 2] }
        return nil
    }

    /// The region requests are signed for: the URL's, else the configuration's.
    var region: String { urlRegion ?? client.configuration.region ?? "" }

    struct Message: Decodable, Sendable {
        var MessageId: String
        var ReceiptHandle: String
        var Body: String
        var Attributes: [String: String]?

        var receiveCount: Int { Attributes?["ApproximateReceiveCount"].flatMap(Int.init) ?? 1 }
    }

    struct ReceiveInput: Encodable {
        var QueueUrl: String
        var MaxNumberOfMessages: Int
        var WaitTimeSeconds: Int
        var VisibilityTimeout: Int
        var MessageSystemAttributeNames: [String]
    }

    /// The ReceiveMessage call: up to 10 messages, waiting up to `wait` seconds for the first,
    /// hidden from other consumers for `visibilityTimeout` seconds.
    func receiveOperation(wait: Int, visibilityTimeout: Int) throws(SourceFailure) -> AWSOperation {
        let input = ReceiveInput(
            QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: wait, VisibilityTimeout: visibilityTimeout,
            MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"])
        return try operation("ReceiveMessage", input)
    }

    /// Long-polls once. The HTTP exchange may take `wait` seconds plus the answer's time.
    func receive(wait: Int, visibilityTimeout: Int, cancellation: CancellationHandle) throws(SourceFailure) -> [Message] {
        struct Output: Decodable { var Messages: [Message]? }
        let response = try client.call(
            receiveOperation(wait: wait, visibilityTimeout: visibilityTimeout), region: urlRegion,
            timeout: TimeInterval(wait + 10), cancellation: cancellation)
        do {
            return try response.decode(Output.self).Messages ?? []
        } catch {
            throw error.sourceFailure
        }
    }

    struct DeleteEntry: Encodable, Equatable, Sendable {
        var Id: String
        var ReceiptHandle: String
    }

    struct DeleteInput: Encodable {
        var QueueUrl: String
        var Entries: [DeleteEntry]
    }

    /// An entry DeleteMessageBatch did not delete.
    struct FailedDelete: Decodable, Equatable, Sendable {
        var Id: String
        var SenderFault: Bool?
        var Code: String?
        var Message: String?
    }

    func deleteOperation(_ entries: [DeleteEntry]) throws(SourceFailure) -> AWSOperation {
        try operation("DeleteMessageBatch", DeleteInput(QueueUrl: url, Entries: entries))
    }

    /// DeleteMessageBatch of up to 10 entries; returns the entries that failed, which the
    /// answer lists in `Failed` even when it is an HTTP 200.
    func delete(_ entries: [DeleteEntry]) throws(SourceFailure) -> [FailedDelete] {
        struct Output: Decodable { var Failed: [FailedDelete]? }
        let response = try client.call(deleteOperation(entries), region: urlRegion)
        do {
            return try response.decode(Output.self).Failed ?? []
        } catch {
            throw error.sourceFailure
        }
    }

    private func operation<Input: Encodable>(_ name: String, _ input: Input) throws(SourceFailure) -> AWSOperation {
        do {
            return try AWSOperation.json(
                .sqs, name, version: .v1_0, targetPrefix: "AmazonSQS", input: input, queryCompatible: true)
        } catch {
            throw SourceFailure(.other, "\(error)")
        }
    }
}
