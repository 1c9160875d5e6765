import AWSClient
import TestSupport
import Foundation
import Testing
import VaultCore
import VaultStore

@testable import VaultSync

/// The SQS feed end to end in moto_server: a member account's call goes from its default bus to the
/// central bus, the queue, the feed, the real worker and store, and becomes an alert; messages
/// are deleted only once stored, and recognised by their CloudTrail event id when they come back.
@Suite struct SQSFeedTests {
    static let devOps = Principal.role("DevOps", session: "alice", account: OrganizationWiring.member)

    func feed(
        _ wiring: OrganizationWiring, store: Store, sqsEndpoint: String? = nil, settings: SQSFeed.Settings = .init(waitSeconds: 1)
    ) throws -> SQSFeed {
        let client = AWSClient(configuration: try wiring.configuration(sqsEndpoint: sqsEndpoint))
        return try SQSFeed(queueURL: wiring.queueURL, client: client, store: store, clock: SystemClock(), settings: settings)
    }

    /// Syncs until the queue is empty (a receive returns up to ten messages, maybe fewer).
    func drain(_ worker: SyncWorker, _ wiring: OrganizationWiring) throws {
        for _ in 0..<10 {
            worker.syncNow()
            if try wiring.depth() == (0, 0) { return }
        }
    }

    @Test func aMemberAccountsCallReachesTheCentralQueueThroughTheRulesAndBecomesAnAlert() throws {
        let wiring = try OrganizationWiring()
        let temporary = try TemporaryStore()
        let sensitive = try wiring.put("DeleteRecoveryPoint", by: Self.devOps)
        let readOnly = try wiring.put("DescribeBackupVault", by: Self.devOps)
        #expect(try wiring.depth().visible == 2)

        let published = Published()
        let source = try feed(wiring, store: temporary.store)
        #expect(source.name == "sqs central-backup-alerts" && source.accountId == OrganizationWiring.central)
        let worker = published.worker(store: temporary.store, sources: [source])
        worker.syncNow()  // loads the store, starts the feed
        try drain(worker, wiring)

        let state = try temporary.state()
        #expect(Set(state.calls.map(\.id)) == [sensitive, readOnly])
        let alert = try #require(state.alerts.first)
        #expect(state.alerts.count == 1)
        #expect(alert.callId == sensitive && alert.action == "DeleteRecoveryPoint")
        #expect(alert.accountId == OrganizationWiring.member && alert.region == OrganizationWiring.region)
        #expect(alert.principal == Self.devOps && alert.severity == .critical)
        // What the dashboard is handed shows it too, with the member account counted apart.
        #expect(published.last?.state.alert(id: alert.id) != nil)
        #expect(published.last?.state.unacknowledgedAlertsByAccount[OrganizationWiring.member] == 1)
        #expect(state.lastGoodSync?.source == "sqs central-backup-alerts")
        #expect(try wiring.depth() == (0, 0))
        #expect(published.failures.withLock { $0 }.isEmpty)
    }

    @Test func aMessageComingBackAfterACrashBeforeItsDeleteIsRecognisedByItsEventID() throws {
        let wiring = try OrganizationWiring()
        let temporary = try TemporaryStore()
        let id = try wiring.put("DeleteBackupVault", by: Self.devOps)
        // EventBridge delivers at least once: the same CloudTrail event, a second message.
        try wiring.put("DeleteBackupVault", by: Self.devOps, eventID: id)

        // The first run stores the call and stops before deleting (its commit never runs). The
        // visibility timeout leaves room for a slow, shared machine to receive both messages first.
        let first = try feed(wiring, store: temporary.store, settings: .init(waitSeconds: 1, visibilityTimeout: 12))
        var stored = try first.start(resuming: AccountState(), at: Date()).records
        for _ in 0..<8 {
            if try wiring.depth().visible == 0 { break }
            stored += try first.poll(at: Date()).records
        }
        try temporary.store.append(stored)
        #expect(stored.filter(\.isCall).count == 1)
        let hidden = try wiring.depth()
        #expect(hidden.visible == 0 && hidden.inFlight == 2)

        // After the visibility timeout both come back to a new run that resumed from the store.
        Thread.sleep(forTimeInterval: 12.5)
        let second = try feed(wiring, store: temporary.store)
        var batch = try second.start(resuming: temporary.state(), at: Date())
        for _ in 0..<5 {
            #expect(batch.records.filter(\.isCall).isEmpty)
            try batch.committed?()
            if try wiring.depth() == (0, 0) { break }
            batch = try second.poll(at: Date())
        }
        #expect(try wiring.depth() == (0, 0))
        #expect(try temporary.callLines().map(\.id) == [id])
    }

    @Test func aMessageThatIsNotAnEventIsSetAsideAndTheQueueKeepsFlowing() throws {
        let wiring = try OrganizationWiring()
        let temporary = try TemporaryStore()
        let text = try wiring.send("hello, this is not an event")
        let torn = try wiring.send(#"{"detail-type": "AWS API Call via CloudTrail", "source": "aws.backup", "detail": {"#)
        let other = try wiring.send(#"{"version":"0","detail-type":"Object Created","source":"aws.s3","detail":{}}"#)
        let id = try wiring.put("PutBackupVaultAccessPolicy", by: .user("ci-deployer", account: OrganizationWiring.member))

        let published = Published()
        let worker = published.worker(store: temporary.store, sources: [try feed(wiring, store: temporary.store)])
        worker.syncNow()
        try drain(worker, wiring)

        #expect(try wiring.depth() == (0, 0))
        #expect(try temporary.state().alerts.map(\.callId) == [id])
        let kept = try temporary.store.setAsideEntries()
        #expect(Set(kept.map(\.messageId)) == [text, torn])
        #expect(kept.first { $0.messageId == text }?.body == "hello, this is not an event")
        #expect(kept.allSatisfy { $0.reason.hasPrefix("not JSON") && $0.source == "sqs central-backup-alerts" })
        let notices = published.notices.map(\.text)
        #expect(notices.contains { $0.contains(text) && $0.contains("set aside in \(temporary.store.setAsidePath)") })
        #expect(notices.contains { $0.contains("skipped an event that is not an AWS Backup API call") && $0.contains("aws.s3") })
        #expect(!kept.contains { $0.messageId == other })
        // The side file is the store's own kind of file: 0600.
        let mode = try FileManager.default.attributesOfItem(atPath: temporary.store.setAsidePath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aBatchDeleteThatFailsForOneEntryIsRetriedAndAPersistentFailureWaitsForTheNextCommit() throws {
        let wiring = try OrganizationWiring()
        let proxy = try FaultProxy(moto: wiring.moto)
        let temporary = try TemporaryStore()
        for action in ["DeleteRecoveryPoint", "DeleteBackupVault", "StartCopyJob"] { try wiring.put(action, by: Self.devOps) }
        let source = try feed(wiring, store: temporary.store, sqsEndpoint: proxy.url, settings: .init(waitSeconds: 1, visibilityTimeout: 30))

        // One entry of the batch fails with an HTTP 200: it alone is sent again, and deleted.
        try proxy.inject([["target": "AmazonSQS.DeleteMessageBatch", "failEntries": 1, "code": "InternalError"]])
        var received = 0
        var next = try source.start(resuming: AccountState(), at: Date())
        while true {
            received += next.records.filter(\.isCall).count
            try next.committed?()
            if received == 3 { break }
            next = try source.poll(at: Date())
        }
        #expect(try wiring.depth() == (0, 0))
        let deletes = try proxy.log().filter { $0["amzTarget"] as? String == "AmazonSQS.DeleteMessageBatch" }
        let sizes = try deletes.map { try entries(in: $0).count }
        #expect(sizes.count >= 2 && sizes.last == 1)
        #expect(deletes.first?["faulted"] as? Bool == true)

        // Failing at every try: the commit reports it, keeps the entry, and deletes it next time.
        let id = try wiring.put("DeleteBackupVaultLockConfiguration", by: Self.devOps)
        let failing = ["target": "AmazonSQS.DeleteMessageBatch", "failEntries": 1, "code": "InternalError"] as [String: Any]
        try proxy.inject(Array(repeating: failing, count: 3))
        var batch = try source.poll(at: Date())
        #expect(batch.records.compactMap(\.call).map(\.id) == [id])
        let failure = #expect(throws: SourceFailure.self) { try batch.committed?() }
        #expect(failure?.message.contains("DeleteMessageBatch failed for 1 message(s) after 3 tries (InternalError") == true)
        #expect(try wiring.depth() == (0, 1))
        batch = try source.poll(at: Date())
        try batch.committed?()
        #expect(try wiring.depth() == (0, 0))
    }

    @Test func cancellingAbandonsTheLongPoll() throws {
        let wiring = try OrganizationWiring()
        let temporary = try TemporaryStore()
        let source = try feed(wiring, store: temporary.store, settings: .init(waitSeconds: 20))
        _ = try source.start(resuming: AccountState(), at: Date())
        let began = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { source.cancel() }
        #expect(throws: SourceFailure.self) { try source.poll(at: Date()) }
        // Well before the 20 s the queue would have held the poll.
        #expect(Date().timeIntervalSince(began) < 10)
        #expect(throws: SourceFailure.self) { try source.poll(at: Date()) }
    }

    @Test func receiveAndDeleteAreTheRequestsBotocoreSends() throws {
        let wiring = try OrganizationWiring()
        let proxy = try FaultProxy(moto: wiring.moto)
        let temporary = try TemporaryStore()
        try wiring.put("DeleteRecoveryPoint", by: Self.devOps)
        let source = try feed(wiring, store: temporary.store, sqsEndpoint: proxy.url, settings: .init(waitSeconds: 20, visibilityTimeout: 45))
        // The start takes what is there without waiting; the polls wait up to 20 s.
        try source.start(resuming: AccountState(), at: Date()).committed?()
        try wiring.put("DeleteBackupVault", by: Self.devOps)
        try source.poll(at: Date()).committed?()
        let log = try proxy.log()
        let receives = log.filter { $0["amzTarget"] as? String == "AmazonSQS.ReceiveMessage" }
        let delete = try #require(log.first { $0["amzTarget"] as? String == "AmazonSQS.DeleteMessageBatch" })
        #expect(receives.count == 2)

        for (receive, wait) in zip(receives, [0, 20]) {
            let receiveParameters: [String: Any] = [
                "QueueUrl": wiring.queueURL, "MaxNumberOfMessages": 10, "WaitTimeSeconds": wait, "VisibilityTimeout": 45,
                "MessageSystemAttributeNames": ["ApproximateReceiveCount", "SentTimestamp"],
            ]
            try expectBotocoreShape(receive, operation: "receive_message", parameters: receiveParameters)
        }
        let sent = try entries(in: delete)
        try expectBotocoreShape(
            delete, operation: "delete_message_batch", parameters: ["QueueUrl": wiring.queueURL, "Entries": sent])
    }

    /// The request the proxy saw has botocore's body (as JSON), target and content type, and the
    /// query-compatibility header botocore sends for SQS.
    func expectBotocoreShape(_ seen: [String: Any], operation: String, parameters: [String: Any]) throws {
        let reference = try botocoreRequest("sqs", operation, parameters, region: OrganizationWiring.region)
        let body = try JSONSerialization.jsonObject(with: Data((seen["body"] as? String ?? "").utf8)) as? NSDictionary
        #expect(body == reference.body)
        let headers = seen["headers"] as? [String: String] ?? [:]
        for name in ["x-amz-target", "content-type", "x-amzn-query-mode"] {
            #expect(headers[name] == reference.headers[name], "\(name)")
        }
    }

    func entries(in logged: [String: Any]) throws -> [[String: String]] {
        let body = try JSONSerialization.jsonObject(with: Data((logged["body"] as? String ?? "").utf8)) as? [String: Any]
        return body?["Entries"] as? [[String: String]] ?? []
    }
}

extension Record {
    var isCall: Bool { call != nil }
    var call: ApiCall? {
        if case .call(let call) = self { return call }
        return nil
    }
}
